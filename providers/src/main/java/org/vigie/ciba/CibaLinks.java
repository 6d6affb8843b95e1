package org.vigie.ciba;

import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Which Keycloak CIBA request a Vigie challenge answers, in the cluster-replicated single-use
 * store (Strings only, expiring with the challenge). Keycloak keeps the request itself in the same
 * store, keyed by its {@code authResultId}, which the services never see (it is inside the
 * encrypted {@code auth_req_id}).
 */
final class CibaLinks {

    record Link(String authResultId, String userId, String clientId) {
    }

    private final SingleUseObjectProvider store;

    CibaLinks(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    void save(String challengeId, Link link, long lifespanSeconds) {
        store.put(key(challengeId), Math.max(1, lifespanSeconds),
                Map.of("authResultId", link.authResultId(), "userId", link.userId(), "clientId", link.clientId()));
    }

    Optional<Link> find(String challengeId) {
        Map<String, String> map = store.get(key(challengeId));
        return map == null ? Optional.empty()
                : Optional.of(new Link(map.get("authResultId"), map.get("userId"), map.get("clientId")));
    }

    void remove(String challengeId) {
        store.remove(key(challengeId));
    }

    private static String key(String challengeId) {
        return "vigie.ciba." + challengeId;
    }
}
