package org.vigie.deviceapi;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.PushChallenge;

/**
 * The browser's question "was my login decided?": one cache read, no database. Needs the status
 * token of the waiting page, which devices never see. With {@code wait} (seconds, at most
 * {@value #MAX_WAIT_SECONDS}) a pending login is answered as soon as it is decided, on whichever
 * node, or when the wait or the challenge runs out: a long poll that holds no worker thread while
 * it waits (the request is suspended). Without it, the answer comes at once.
 */
final class BrowserStatus {

    static final long MAX_WAIT_SECONDS = 25;
    private static final Logger LOG = Logger.getLogger(BrowserStatus.class);

    private final ChallengeStore store;
    private final DecisionWatcher watcher;

    BrowserStatus(ChallengeStore store, DecisionWatcher watcher) {
        this.store = store;
        this.watcher = watcher;
    }

    void answer(String challengeId, String token, String wait, AsyncResponse response) {
        Response now;
        try {
            PushChallenge challenge = store.find(challengeId)
                    .filter(c -> token != null && MessageDigest.isEqual(
                            c.browser().statusToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                    .orElseThrow(() -> new DeviceApiException(404, "challenge_not_found", "no such challenge"));
            long waitSeconds = waitSeconds(wait);
            now = statusOf(challenge);
            long left = challenge.expiresAt() - Time.currentTime();
            if (waitSeconds > 0 && left > 0 && store.decisionOf(challengeId).isEmpty()) {
                long expiresAt = challenge.expiresAt();
                if (watcher.await(challengeId, response, Math.min(waitSeconds, left), decided(),
                        () -> pendingOrExpired(expiresAt),
                        () -> store.decisionOf(challengeId).isPresent())) {
                    return;
                }
            }
        } catch (DeviceApiException e) {
            now = e.toResponse();
        } catch (RuntimeException e) {
            LOG.error("Device API status failed", e);
            now = DeviceApiAnswers.serverError();
        }
        response.resume(now);
    }

    private static long waitSeconds(String wait) throws DeviceApiException {
        if (wait == null || wait.isBlank()) {
            return 0;
        }
        if (!wait.trim().matches("[0-9]{1,3}")) {
            throw DeviceApiException.invalidRequest("wait is a number of seconds, 0 to " + MAX_WAIT_SECONDS);
        }
        return Math.min(MAX_WAIT_SECONDS, Long.parseLong(wait.trim()));
    }

    private Response statusOf(PushChallenge challenge) {
        // The decision itself, not its claim: a claim whose decision never committed is not news.
        if (store.decisionOf(challenge.id()).isPresent()) {
            return decided();
        }
        return pendingOrExpired(challenge.expiresAt());
    }

    private static Response decided() {
        return DeviceApiException.json(200, Map.of("status", "decided"));
    }

    /** Needs no session: also the answer of a long poll that timed out. */
    private static Response pendingOrExpired(long expiresAt) {
        long now = Time.currentTime();
        if (now >= expiresAt) {
            return DeviceApiException.json(200, Map.of("status", "expired"));
        }
        return DeviceApiException.json(200, Map.of("status", "pending", "expiresIn", expiresAt - now));
    }
}
