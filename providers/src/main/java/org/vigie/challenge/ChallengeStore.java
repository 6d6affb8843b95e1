package org.vigie.challenge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending challenges and their decisions in Keycloak's {@link SingleUseObjectProvider}: cluster
 * replicated, expiring by itself, no database. Every key is namespaced {@code vigie.}.
 *
 * <p>A decision is claimed with {@code putIfAbsent}, which is visible cluster-wide at once, so
 * concurrent approvals, denials, quits and replays produce exactly one outcome; the decision's
 * details follow with {@code put} at commit.
 *
 * <p>Several challenges may wait for one national identifier at once (the practitioner's own and
 * any a stranger started with the same public RPPS): none replaces another. Each is found two ways:
 * <ul>
 *   <li>by its code: one atomic claim per (identifier, code), so no two pending challenges of an
 *       identifier share a code and the code the practitioner types picks exactly one;</li>
 *   <li>in a short list of {@link #LISTED} slots per identifier, for the app to show what waits.
 *       The list is bounded but the bound is no lockout: a challenge left out of a full list is
 *       still approved by its code.</li>
 * </ul>
 */
public final class ChallengeStore {

    /** Kept after expiry so a late device or browser gets "expired" rather than "not found". */
    static final long GRACE_SECONDS = 120;
    /** How many pending challenges of one identifier the app can list. */
    static final int LISTED = 10;
    /** Stored with the challenge: the list slot it holds, if it is listed. */
    private static final String LIST_SLOT = "s";
    /** A pointer's field: the challenge it points to. */
    private static final String POINTS_TO = "i";

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    public ChallengeStore(KeycloakSession session) {
        this.session = session;
        this.store = session.getProvider(SingleUseObjectProvider.class);
    }

    public record DecisionRecord(Decision decision, String deviceId, String userId, long decidedAt) {
    }

    /**
     * Claims {@code code} for this identifier until {@code expiresAt}: false when another pending
     * challenge of the identifier holds it (draw another code). Atomic across the cluster.
     */
    public boolean claimCode(String realmId, String nationalId, String code, long lifespanSeconds) {
        return store.putIfAbsent(codeKey(realmId, nationalId, code), Math.max(1, lifespanSeconds));
    }

    /**
     * Stores a new challenge (its code already claimed, for typed codes) and lists it if a slot is
     * free. A decided challenge gives its slot back (see {@link #decide}).
     *
     * <p>A claim and what it points to are one entry: {@code putIfAbsent} claims the key at once
     * (empty), and the transaction's {@code put} of the same key, at commit, makes it point to the
     * challenge. Until then readers find an empty claim, as they would find no pointer. So a
     * challenge is never saved and decided in one transaction (nothing does): the queued
     * {@code put} would list it again after {@link #decide} gave its slot back.
     */
    public void save(PushChallenge challenge, long now) {
        long lifespan = challenge.expiresAt() - now;
        Map<String, String> pointer = Map.of(POINTS_TO, challenge.id());
        String slots = listKey(challenge.realmId(), challenge.nationalId());
        int listed = -1;
        int start = ThreadLocalRandom.current().nextInt(LISTED);
        for (int i = 0; i < LISTED && listed < 0; i++) {
            int slot = (start + i) % LISTED;
            if (store.putIfAbsent(slots + slot, lifespan)) {
                listed = slot;
            }
        }
        Map<String, String> stored;
        if (listed >= 0) {
            stored = Map.of(PushChallenge.PACKED, challenge.pack(), LIST_SLOT, Integer.toString(listed));
            store.put(slots + listed, lifespan, pointer);
        } else {
            // A full list (many logins for one identifier at once): this one is found by its code only.
            stored = Map.of(PushChallenge.PACKED, challenge.pack());
        }
        store.put(challengeKey(challenge.id()), lifespan + GRACE_SECONDS, stored);
        if (challenge.code().mode() == PushChallenge.CodeMode.TYPE) {
            store.put(codeKey(challenge.realmId(), challenge.nationalId(), challenge.code().value()), lifespan, pointer);
        }
    }

    public Optional<PushChallenge> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        Map<String, String> map = store.get(challengeKey(id));
        return map == null ? Optional.empty() : Optional.of(PushChallenge.unpack(map));
    }

    /** The pending challenge of one of these identifiers whose (typed) code is {@code code}. */
    public Optional<PushChallenge> findByCode(String realmId, Collection<String> nationalIds, String code) {
        if (!ChallengeCodes.isTypedCode(code)) {
            return Optional.empty();
        }
        for (String nationalId : nationalIds) {
            Optional<PushChallenge> found = pointedTo(codeKey(realmId, nationalId, code))
                    .filter(c -> c.realmId().equals(realmId) && c.nationalId().equals(nationalId) && c.code().value().equals(code));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The listed challenges of these identifiers, newest first, whatever their state. */
    public List<PushChallenge> listed(String realmId, Collection<String> nationalIds) {
        Map<String, PushChallenge> found = new LinkedHashMap<>();
        for (String nationalId : nationalIds) {
            String slots = listKey(realmId, nationalId);
            for (int i = 0; i < LISTED; i++) {
                pointedTo(slots + i)
                        .filter(c -> c.realmId().equals(realmId) && c.nationalId().equals(nationalId))
                        .ifPresent(c -> found.putIfAbsent(c.id(), c));
            }
        }
        List<PushChallenge> list = new ArrayList<>(found.values());
        list.sort((a, b) -> Long.compare(b.createdAt(), a.createdAt()));
        return list;
    }

    /**
     * Records {@code decision} unless another one already was: the claim is taken at once
     * (cluster-wide), its details are written into the same entry at commit.
     *
     * @param userId the practitioner whose device decided; null when the browser did (quit, expiry)
     * @return true when this call's decision is the one that counts
     */
    public boolean decide(PushChallenge challenge, Decision decision, String deviceId, String userId, long now) {
        long lifespan = Math.max(challenge.expiresAt() - now, 0) + GRACE_SECONDS;
        String key = decisionKey(challenge.id());
        if (!store.putIfAbsent(key, lifespan)) {
            return false;
        }
        store.put(key, lifespan, Map.of(
                "d", decision.value(),
                "v", deviceId == null ? "" : deviceId,
                "u", userId == null ? "" : userId,
                "t", Long.toString(now)));
        unlist(challenge);
        // Other features ending with the challenge (CIBA) hear of it in this transaction.
        session.getKeycloakSessionFactory().publish(new ChallengeDecided(session, challenge, decision, deviceId, userId));
        // Waiting browsers, on any node, hear of it once the decision is committed.
        DecisionAnnouncements.afterCommit(session, challenge.id());
        return true;
    }

    /** Gives a decided challenge's list slot back, so that a list filled by others' logins frees up. */
    private void unlist(PushChallenge challenge) {
        Map<String, String> stored = store.get(challengeKey(challenge.id()));
        String slot = stored == null ? null : stored.get(LIST_SLOT);
        if (slot == null) {
            return;
        }
        String key = listKey(challenge.realmId(), challenge.nationalId()) + slot;
        Map<String, String> holder = store.get(key);
        // Only while the slot is still this challenge's: an expired one's slot may be another login's now.
        if (holder != null && challenge.id().equals(holder.get(POINTS_TO))) {
            store.remove(key);
        }
    }

    /** Decided (or being decided: the details follow at commit). */
    public boolean isDecided(String challengeId) {
        return store.contains(decisionKey(challengeId));
    }

    /** The decision, once its transaction committed. */
    public Optional<DecisionRecord> decisionOf(String challengeId) {
        Map<String, String> map = store.get(decisionKey(challengeId));
        if (map == null || !map.containsKey("d")) {
            return Optional.empty();
        }
        return Optional.of(new DecisionRecord(Decision.of(map.get("d")), map.get("v"),
                map.getOrDefault("u", ""), Long.parseLong(map.get("t"))));
    }

    /** The challenge a pointer entry names, once the claim's transaction committed. */
    private Optional<PushChallenge> pointedTo(String pointerKey) {
        Map<String, String> pointer = store.get(pointerKey);
        return pointer == null || pointer.get(POINTS_TO) == null ? Optional.empty() : find(pointer.get(POINTS_TO));
    }

    /** Marks a signed request's {@code jti} as used; false when it already was (a replay). */
    public boolean firstUseOfJti(String deviceId, String jti, long lifespanSeconds) {
        return store.putIfAbsent("vigie.jti." + deviceId + "." + jti, lifespanSeconds);
    }

    // Short keys: each pending login holds a few of them on every node's heap.
    private static String challengeKey(String id) {
        return "vigie.c." + id;
    }

    private static String decisionKey(String id) {
        return "vigie.d." + id;
    }

    private static String codeKey(String realmId, String nationalId, String code) {
        return "vigie.k." + realmId + "." + nationalId + "." + code;
    }

    /** The prefix of an identifier's list slots: the slot's number follows. */
    private static String listKey(String realmId, String nationalId) {
        return "vigie.l." + realmId + "." + nationalId + ".";
    }
}
