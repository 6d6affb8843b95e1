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
    private static final String LIST_SLOT = "listSlot";

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
     */
    public void save(PushChallenge challenge, long now) {
        long lifespan = challenge.expiresAt() - now;
        Map<String, String> pointer = Map.of("id", challenge.id());
        String slots = listKey(challenge.realmId(), challenge.nationalId());
        int listed = -1;
        int start = ThreadLocalRandom.current().nextInt(LISTED);
        for (int i = 0; i < LISTED && listed < 0; i++) {
            int slot = (start + i) % LISTED;
            if (store.putIfAbsent(slots + "." + slot, lifespan)) {
                listed = slot;
            }
        }
        Map<String, String> stored;
        if (listed >= 0) {
            stored = Map.of(PushChallenge.PACKED, challenge.pack(), LIST_SLOT, Integer.toString(listed));
            store.put(slots + "." + listed + ".id", lifespan, pointer);
        } else {
            stored = Map.of(PushChallenge.PACKED, challenge.pack());
        }
        // else a full list (many logins for one identifier at once): this one is found by its code only.
        store.put(challengeKey(challenge.id()), lifespan + GRACE_SECONDS, stored);
        store.put(tabKey(challenge.browser().authSessionId(), challenge.browser().tabId()), lifespan, pointer);
        if (challenge.code().mode() == PushChallenge.CodeMode.TYPE) {
            store.put(codeKey(challenge.realmId(), challenge.nationalId(), challenge.code().value()) + ".id", lifespan, pointer);
        }
    }

    public Optional<PushChallenge> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        Map<String, String> map = store.get(challengeKey(id));
        return map == null ? Optional.empty() : Optional.of(PushChallenge.unpack(map));
    }

    /**
     * The last challenge this browser tab created, even after Keycloak restarted its flow (which
     * clears the tab's notes): a tab starting again replaces its own challenge, and only its own.
     */
    public Optional<PushChallenge> lastOfTab(String authSessionId, String tabId) {
        Map<String, String> pointer = store.get(tabKey(authSessionId, tabId));
        return pointer == null ? Optional.empty() : find(pointer.get("id"))
                .filter(c -> c.browser().authSessionId().equals(authSessionId) && c.browser().tabId().equals(tabId));
    }

    /** The pending challenge of one of these identifiers whose (typed) code is {@code code}. */
    public Optional<PushChallenge> findByCode(String realmId, Collection<String> nationalIds, String code) {
        if (!ChallengeCodes.isTypedCode(code)) {
            return Optional.empty();
        }
        for (String nationalId : nationalIds) {
            Map<String, String> pointer = store.get(codeKey(realmId, nationalId, code) + ".id");
            Optional<PushChallenge> found = pointer == null ? Optional.empty() : find(pointer.get("id"))
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
                Map<String, String> pointer = store.get(slots + "." + i + ".id");
                if (pointer != null) {
                    find(pointer.get("id"))
                            .filter(c -> c.realmId().equals(realmId) && c.nationalId().equals(nationalId))
                            .ifPresent(c -> found.putIfAbsent(c.id(), c));
                }
            }
        }
        List<PushChallenge> list = new ArrayList<>(found.values());
        list.sort((a, b) -> Long.compare(b.createdAt(), a.createdAt()));
        return list;
    }

    /**
     * Records {@code decision} unless another one already was.
     *
     * @param userId the practitioner whose device decided; null when the browser did (quit, expiry)
     * @return true when this call's decision is the one that counts
     */
    public boolean decide(PushChallenge challenge, Decision decision, String deviceId, String userId, long now) {
        long lifespan = Math.max(challenge.expiresAt() - now, 0) + GRACE_SECONDS;
        if (!store.putIfAbsent(claimKey(challenge.id()), lifespan)) {
            return false;
        }
        store.put(decisionKey(challenge.id()), lifespan, Map.of(
                "decision", decision.value(),
                "deviceId", deviceId == null ? "" : deviceId,
                "userId", userId == null ? "" : userId,
                "decidedAt", Long.toString(now)));
        unlist(challenge);
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
        String key = listKey(challenge.realmId(), challenge.nationalId()) + "." + slot;
        Map<String, String> holder = store.get(key + ".id");
        // Only while the slot is still this challenge's: an expired one's slot may be another login's now.
        if (holder != null && challenge.id().equals(holder.get("id"))) {
            store.remove(key + ".id");
            store.remove(key);
        }
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
                map.getOrDefault("userId", ""), Long.parseLong(map.get("decidedAt"))));
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

    private static String codeKey(String realmId, String nationalId, String code) {
        return "vigie.challenge-code." + realmId + "." + nationalId + "." + code;
    }

    private static String tabKey(String authSessionId, String tabId) {
        return "vigie.challenge-tab." + authSessionId + "." + tabId;
    }

    private static String listKey(String realmId, String nationalId) {
        return "vigie.challenge-list." + realmId + "." + nationalId;
    }
}
