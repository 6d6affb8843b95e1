package org.vigie.common;

import java.util.concurrent.ThreadLocalRandom;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * "At most N in any window" without counters: N numbered slots in Keycloak's cluster-wide
 * single-use store, each claimed with {@code putIfAbsent} (atomic across the cluster, visible at
 * once) and expiring by itself after the window. Concurrent claims can never overshoot N.
 *
 * <p>Probing starts at a random slot and goes round: with k of N slots taken a claim costs about
 * N / (N - k) store operations instead of k + 1, so a busy address near a generous limit does
 * not pay one write per earlier push. A refusal, when all N are taken, costs N.
 */
public final class SlidingWindowSlots {

    private SlidingWindowSlots() {
    }

    /** Claims one of {@code slots} slots named {@code prefix.i} for {@code windowSeconds}; false when all are taken. */
    public static boolean claim(SingleUseObjectProvider store, String prefix, int slots, long windowSeconds) {
        return claim(store, prefix, slots, windowSeconds, slots);
    }

    /**
     * As {@link #claim(SingleUseObjectProvider, String, int, long)}, but refuses after
     * {@code maxProbes} taken slots: never more than {@code slots} claims, and a refusal of a big
     * limit costs {@code maxProbes} store operations; a nearly full window may refuse a little early.
     */
    public static boolean claim(SingleUseObjectProvider store, String prefix, int slots, long windowSeconds, int maxProbes) {
        if (slots <= 0) {
            return false;
        }
        int start = ThreadLocalRandom.current().nextInt(slots);
        for (int i = 0; i < Math.min(slots, maxProbes); i++) {
            if (store.putIfAbsent(prefix + "." + ((start + i) % slots), windowSeconds)) {
                return true;
            }
        }
        return false;
    }
}
