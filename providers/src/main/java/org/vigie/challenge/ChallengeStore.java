package org.vigie.challenge;

import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending challenges and their decisions in Keycloak's {@link SingleUseObjectProvider}: cluster
 * replicated, expiring by itself, no database. Every key is namespaced {@code vigie.}.
 *
 * <p>A decision is claimed with {@code putIfAbsent}, which is visible cluster-wide at once, so
 * concurrent approvals, denials, quits and replays produce exactly one outcome; the decision's
 * details follow with {@code put} at commit.
 */
public final class ChallengeStore {

    /** Kept after expiry so a late device or browser gets "expired" rather than "not found". */
    static final long GRACE_SECONDS = 120;

    private final SingleUseObjectProvider store;

    public ChallengeStore(KeycloakSession session) {
        this.store = session.getProvider(SingleUseObjectProvider.class);
    }

    public record DecisionRecord(Decision decision, String deviceId, long decidedAt) {
    }

    public void save(PushChallenge challenge, String nationalId, long now) {
        long lifespan = challenge.expiresAt() - now + GRACE_SECONDS;
        store.put(challengeKey(challenge.id()), lifespan, challenge.toMap());
        if (nationalId != null) {
            store.put(identifierKey(challenge.realmId(), nationalId), challenge.expiresAt() - now, Map.of("id", challenge.id()));
        }
        if (!challenge.isDecoy()) {
            store.put(userKey(challenge.realmId(), challenge.userId()), challenge.expiresAt() - now,
                    Map.of("id", challenge.id()));
        }
    }

    public Optional<PushChallenge> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        Map<String, String> map = store.get(challengeKey(id));
        return map == null ? Optional.empty() : Optional.of(PushChallenge.fromMap(map));
    }

    /**
     * The current challenge of whoever typed this identifier, known or not: a newer login
     * replaces it the same way for both, so replacing tells nothing about the identifier.
     */
    public Optional<PushChallenge> currentForIdentifier(String realmId, String nationalId) {
        Map<String, String> pointer = nationalId == null ? null : store.get(identifierKey(realmId, nationalId));
        return pointer == null ? Optional.empty() : find(pointer.get("id"));
    }

    /** The practitioner's current challenge, if any (at most one). */
    public Optional<PushChallenge> currentFor(String realmId, String userId) {
        Map<String, String> pointer = store.get(userKey(realmId, userId));
        return pointer == null ? Optional.empty() : find(pointer.get("id"));
    }

    /**
     * Records {@code decision} unless another one already was.
     *
     * @return true when this call's decision is the one that counts
     */
    public boolean decide(PushChallenge challenge, Decision decision, String deviceId, long now) {
        long lifespan = Math.max(challenge.expiresAt() - now, 0) + GRACE_SECONDS;
        if (!store.putIfAbsent(claimKey(challenge.id()), lifespan)) {
            return false;
        }
        store.put(decisionKey(challenge.id()), lifespan, Map.of(
                "decision", decision.value(),
                "deviceId", deviceId == null ? "" : deviceId,
                "decidedAt", Long.toString(now)));
        return true;
    }

    public boolean isDecided(String challengeId) {
        return store.contains(claimKey(challengeId));
    }

    public Optional<DecisionRecord> decisionOf(String challengeId) {
        Map<String, String> map = store.get(decisionKey(challengeId));
        if (map == null) {
            return Optional.empty();
        }
        return Optional.of(new DecisionRecord(Decision.of(map.get("decision")), map.get("deviceId"),
                Long.parseLong(map.get("decidedAt"))));
    }

    /** Marks a signed request's {@code jti} as used; false when it already was (a replay). */
    public boolean firstUseOfJti(String deviceId, String jti, long lifespanSeconds) {
        return store.putIfAbsent("vigie.jti." + deviceId + "." + jti, lifespanSeconds);
    }

    private static String challengeKey(String id) {
        return "vigie.challenge." + id;
    }

    private static String claimKey(String id) {
        return "vigie.challenge-decided." + id;
    }

    private static String decisionKey(String id) {
        return "vigie.challenge-decision." + id;
    }

    private static String identifierKey(String realmId, String nationalId) {
        return "vigie.identifier-challenge." + realmId + "." + nationalId;
    }

    private static String userKey(String realmId, String userId) {
        return "vigie.user-challenge." + realmId + "." + userId;
    }
}
