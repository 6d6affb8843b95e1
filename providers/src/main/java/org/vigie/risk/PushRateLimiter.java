package org.vigie.risk;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Counts pushes in Keycloak's cluster-wide single-use store without counters: a limit of N is
 * N numbered slots, each claimed with {@code putIfAbsent} (atomic across the cluster, visible at
 * once) and expiring by itself. A push is allowed only if a free slot is claimed in every limit;
 * a window is thus a true sliding window, and concurrent logins cannot overshoot.
 */
public final class PushRateLimiter {

    /** Which limit refused a push; named in the event. */
    public enum Limit {
        USER("push_rate_limited_user"), IP("push_rate_limited_ip"), SINCE_SUCCESS("push_rate_limited_since_success");

        private final String detail;

        Limit(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * Pushes since the last success are remembered this long: long enough to stop a slow
     * bombing campaign, short enough that an attacker cannot keep a practitioner from logging in
     * for weeks with a handful of attempts.
     */
    static final long SINCE_SUCCESS_LIFESPAN = 24L * 3600;

    private final SingleUseObjectProvider store;

    public PushRateLimiter(KeycloakSession session) {
        this.store = session.getProvider(SingleUseObjectProvider.class);
    }

    /**
     * Claims one push for this practitioner and IP, or says which limit is reached. Slots
     * claimed before a refusal stay claimed: an attacker's refused attempts keep counting.
     */
    public Optional<Limit> tryAcquire(String realmId, String userId, String ipAddress, PushLimits limits) {
        long window = limits.windowMinutes() * 60L;
        if (!claim("vigie.push.user." + realmId + "." + userId, limits.perUser(), window)) {
            return Optional.of(Limit.USER);
        }
        if (!claim("vigie.push.ip." + realmId + "." + ipAddress, limits.perIp(), window)) {
            return Optional.of(Limit.IP);
        }
        if (!claim(sinceSuccessKey(realmId, userId), limits.sinceSuccess(), SINCE_SUCCESS_LIFESPAN)) {
            return Optional.of(Limit.SINCE_SUCCESS);
        }
        return Optional.empty();
    }

    /** A denial tightens the limit: it uses up one more of the practitioner's slots. */
    public void penalise(String realmId, String userId, PushLimits limits) {
        claim("vigie.push.user." + realmId + "." + userId, limits.perUser(), limits.windowMinutes() * 60L);
    }

    /** A successful login starts the "since last success" count again: later pushes use new slots. */
    public void succeeded(String realmId, String userId) {
        store.put(generationKey(realmId, userId), SINCE_SUCCESS_LIFESPAN,
                java.util.Map.of("g", java.util.UUID.randomUUID().toString()));
    }

    private boolean claim(String prefix, int slots, long lifespanSeconds) {
        return SlidingWindowSlots.claim(store, prefix, slots, lifespanSeconds);
    }

    private String sinceSuccessKey(String realmId, String userId) {
        java.util.Map<String, String> generation = store.get(generationKey(realmId, userId));
        return "vigie.push.since-success." + realmId + "." + userId + "." + (generation == null ? "0" : generation.get("g"));
    }

    private static String generationKey(String realmId, String userId) {
        return "vigie.push.success-generation." + realmId + "." + userId;
    }
}
