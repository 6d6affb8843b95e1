package org.vigie.push;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.vigie.device.DevicePushRegistration;

/**
 * This node's push queue for one push service: a few threads, a bounded number of pushes waiting,
 * each retried with exponential backoff a bounded number of times while its login is still open.
 * Per node by nature (it holds work in flight, no state): a node that stops loses only pushes, never
 * a login, which the app's poll still finds. Each try opens its own session and transaction.
 */
public final class PushDispatcher {

    static final int THREADS = 2;
    /** Pushes waiting or being retried on this node, at most. */
    static final int MAX_QUEUED = 1000;
    /** Tries per device, the first included. */
    static final int MAX_ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);

    private final String providerId;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile KeycloakSessionFactory factory;

    public PushDispatcher(String providerId) {
        this.providerId = providerId;
        this.executor = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "vigie-push-" + providerId);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    public void start(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    public void stop() {
        executor.shutdownNow();
    }

    /** Delay before try {@code attempt} (2, 3…): 1 s, 2 s, 4 s…, at most 30 s. */
    static long backoffMillis(int attempt) {
        long delay = FIRST_BACKOFF_MILLIS << Math.min(20, Math.max(0, attempt - 2));
        return Math.min(delay, MAX_BACKOFF_MILLIS);
    }

    /** Queues a login's notification; false (and an event) when this node's queue is full. */
    public boolean submit(PushRequest request) {
        if (!reserve()) {
            LOG.warnf("Vigie push: queue full (%d), push for challenge %s dropped", MAX_QUEUED, request.challengeId());
            inSession(request.realmId(), (s, realm) -> PushEvents.failed(s, realm, null, null, request, providerId,
                    PushOutcome.failed(0, "queue_full")));
            return false;
        }
        executor.execute(() -> {
            try {
                List<PushTargets.Target> targets = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        s -> PushTargets.find(s, request, providerId));
                for (PushTargets.Target target : targets) {
                    if (reserve()) {
                        schedule(request, target, 1, 0);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Vigie push: could not look up the devices to notify", e);
            } finally {
                queued.decrementAndGet();
            }
        });
        return true;
    }

    private boolean reserve() {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return false;
        }
        return true;
    }

    private void schedule(PushRequest request, PushTargets.Target target, int attempt, long delayMillis) {
        try {
            executor.schedule(() -> attempt(request, target, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            queued.decrementAndGet();
        }
    }

    /** One try; holds one queue place until the push is settled (delivered, gone, or given up). */
    private void attempt(PushRequest request, PushTargets.Target target, int attempt) {
        PushOutcome outcome;
        try {
            outcome = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                RealmModel realm = s.realms().getRealm(request.realmId());
                if (realm == null) {
                    return PushOutcome.failed(0, "realm_removed");
                }
                // Keycloak's vault reads the realm of the session's context (secrets given as ${vault.name}).
                s.getContext().setRealm(realm);
                PushProvider provider = s.getProvider(PushProvider.class, providerId);
                PushMessage message = new PushMessage(request.challengeId(), request.expiresAt());
                return provider.send(s, realm, request.settings(), target.push(), message);
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Vigie push: %s try %d for challenge %s failed", providerId, attempt, request.challengeId());
            outcome = PushOutcome.retry(0, e.getClass().getSimpleName());
        }
        long nextDelay = backoffMillis(attempt + 1);
        boolean retry = outcome.result() == PushOutcome.Result.RETRY && attempt < MAX_ATTEMPTS
                && Time.currentTimeMillis() + nextDelay < request.expiresAt() * 1000;
        if (retry) {
            schedule(request, target, attempt + 1, nextDelay);
            return;
        }
        queued.decrementAndGet();
        settle(request, target, attempt, outcome);
    }

    private void settle(PushRequest request, PushTargets.Target target, int attempts, PushOutcome outcome) {
        switch (outcome.result()) {
            case DELIVERED -> LOG.debugf("Vigie push: %s delivered challenge %s to device %s", providerId,
                    request.challengeId(), target.deviceId());
            case GONE -> inSession(request.realmId(), (s, realm) -> {
                if (DevicePushRegistration.clearIfStill(s, request.realmId(), target.userId(), target.deviceId(),
                        target.push().address())) {
                    PushEvents.endpointGone(s, realm, target, providerId, outcome);
                }
            });
            default -> inSession(request.realmId(), (s, realm) -> PushEvents.failed(s, realm, target, attempts, request,
                    providerId, outcome));
        }
    }

    private interface RealmWork {
        void run(org.keycloak.models.KeycloakSession session, RealmModel realm);
    }

    private void inSession(String realmId, RealmWork work) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm != null) {
                    s.getContext().setRealm(realm);
                    work.run(s, realm);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Vigie push: could not record a push outcome", e);
        }
    }
}
