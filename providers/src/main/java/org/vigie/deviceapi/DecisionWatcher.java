package org.vigie.deviceapi;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.cluster.ClusterEvent;
import org.vigie.challenge.DecisionAnnouncements;

/**
 * The browsers of this node that wait for a decision (long poll), woken as soon as the decision
 * is recorded, on this node or on any other: a decision is announced to the cluster once its
 * transaction has committed, with Keycloak's own cluster events.
 *
 * <p>The waiting requests are suspended ({@link AsyncResponse}): no worker thread is held while
 * a browser waits. The truth stays in the replicated store; what is kept here is by nature per
 * node (the open connections of this node's browsers), and a lost wake-up only makes a browser
 * ask again when its wait times out.
 */
public final class DecisionWatcher {

    /** One login's page waits once; a few more allow a second tab or a reload, not a flood of waits. */
    static final int MAX_WAITERS_PER_CHALLENGE = 4;
    /** Logins waited for on one node at once; past it, pages poll (the status endpoint answers at once). */
    static final int MAX_WAITING_CHALLENGES = 20_000;

    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    private record Waiter(AsyncResponse response, Response decided) {
    }

    /** Keycloak's cluster listener: wakes this node's browsers waiting for the challenge named. */
    public void eventReceived(ClusterEvent event) {
        String challengeId = DecisionAnnouncements.challengeId(event);
        if (challengeId != null) {
            wake(challengeId);
        }
    }

    /**
     * Suspends {@code response} until the challenge is decided (then answered {@code decided}) or
     * {@code seconds} pass (then answered by {@code timedOut}, which must not need a Keycloak
     * session: the request's is gone by then). {@code decidedNow} is asked once more after
     * registering, so that a decision recorded in between is not missed.
     *
     * @return false, suspending nothing, when this challenge or this node already has as many
     *         waiting browsers as it takes: the caller answers at once (the page then polls)
     */
    public boolean await(String challengeId, AsyncResponse response, long seconds, Response decided,
                         Supplier<Response> timedOut, Supplier<Boolean> decidedNow) {
        if (waiting.size() >= MAX_WAITING_CHALLENGES) {
            return false;
        }
        Waiter waiter = new Waiter(response, decided);
        Set<Waiter> waiters = waiting.computeIfAbsent(challengeId, id -> ConcurrentHashMap.newKeySet());
        if (waiters.size() >= MAX_WAITERS_PER_CHALLENGE) {
            return false;
        }
        response.setTimeout(Math.max(1, seconds), TimeUnit.SECONDS);
        response.setTimeoutHandler(suspended -> {
            remove(challengeId, waiter);
            suspended.resume(timedOut.get());
        });
        waiters.add(waiter);
        if (decidedNow.get()) {
            // Answer this one directly: a wake-up that ran meanwhile may have taken the set away.
            remove(challengeId, waiter);
            if (!response.isDone()) {
                response.resume(decided);
            }
            wake(challengeId);
        }
        return true;
    }

    void wake(String challengeId) {
        Set<Waiter> waiters = waiting.remove(challengeId);
        if (waiters == null) {
            return;
        }
        for (Waiter waiter : waiters) {
            if (!waiter.response().isDone()) {
                waiter.response().resume(waiter.decided());
            }
        }
    }

    private void remove(String challengeId, Waiter waiter) {
        waiting.computeIfPresent(challengeId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
