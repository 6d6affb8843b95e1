package org.vigie.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SlidingWindowSlotsTest {

    /** putIfAbsent semantics of Keycloak's store (atomic), lifespans ignored: nothing expires during a test. */
    static final class Store implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            writes.incrementAndGet();
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, notes);
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, notes) != null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void exactlyNClaimsSucceedThenEveryClaimIsRefused() {
        Store store = new Store();
        for (int i = 0; i < 5; i++) {
            assertTrue(SlidingWindowSlots.claim(store, "p", 5, 60), "claim " + (i + 1));
        }
        assertFalse(SlidingWindowSlots.claim(store, "p", 5, 60));
        assertFalse(SlidingWindowSlots.claim(store, "p", 5, 60));
        assertTrue(SlidingWindowSlots.claim(store, "other", 5, 60), "another prefix has its own slots");
    }

    @Test
    void aSlotThatExpiredCanBeClaimedAgain() {
        Store store = new Store();
        for (int i = 0; i < 3; i++) {
            SlidingWindowSlots.claim(store, "p", 3, 60);
        }
        store.remove("p.1"); // what the store's expiry does
        assertTrue(SlidingWindowSlots.claim(store, "p", 3, 60));
        assertFalse(SlidingWindowSlots.claim(store, "p", 3, 60));
    }

    @Test
    void noSlotsMeansNothingIsAllowed() {
        assertFalse(SlidingWindowSlots.claim(new Store(), "p", 0, 60));
    }

    @Test
    void concurrentClaimsNeverOvershoot() throws Exception {
        Store store = new Store();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                claims.add(() -> SlidingWindowSlots.claim(store, "p", 50, 60));
            }
            int granted = 0;
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                granted += result.get() ? 1 : 0;
            }
            assertEquals(50, granted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHalfFullGenerousLimitCostsAFewWritesNotOnePerEarlierClaim() {
        Store store = new Store();
        for (int i = 0; i < 5_000; i++) {
            assertTrue(SlidingWindowSlots.claim(store, "p", 10_000, 60));
        }
        store.writes.set(0);
        for (int i = 0; i < 1_000; i++) {
            SlidingWindowSlots.claim(store, "p", 10_000, 60);
        }
        // About N / (N - k) = 2 to 2.5 writes a claim here; counting from slot 0 would take over 5,000.
        assertTrue(store.writes.get() < 10_000, store.writes.get() + " writes for 1,000 claims");
    }
}
