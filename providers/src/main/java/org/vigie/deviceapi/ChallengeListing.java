package org.vigie.deviceapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.PushChallenge;
import org.vigie.risk.BruteForceLockout;
import org.vigie.risk.FraudSuspension;

/** {@code GET /challenges}: what waits for the practitioner's decision, as the app shows it. */
final class ChallengeListing {

    private ChallengeListing() {
    }

    static List<Map<String, Object>> pending(KeycloakSession session, RealmModel realm, ChallengeStore store, UserModel user,
                                             Set<String> nationalIds) {
        // A practitioner locked by the realm's brute-force detection has nothing to approve for now.
        if (BruteForceLockout.isLocked(session, realm, user)) {
            return List.of();
        }
        // After "Ce n'est pas moi", logins are still listed (the practitioner may need their own)
        // but none notifies the phone until the suspension ends.
        boolean suspended = FraudSuspension.isSuspended(user);
        long now = Time.currentTime();
        return store.listed(realm.getId(), nationalIds).stream()
                .filter(c -> !c.expiredAt(now) && !store.isDecided(c.id()))
                .map(c -> describe(c, c.notified() && !suspended))
                .toList();
    }

    private static Map<String, Object> describe(PushChallenge c, boolean notified) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("clientId", c.requester().clientId());
        out.put("clientName", c.requester().clientName());
        out.put("createdAt", c.createdAt());
        out.put("expiresAt", c.expiresAt());
        out.put("ipAddress", c.requester().ipAddress());
        out.put("userAgent", c.requester().userAgent());
        out.put("codeMode", c.code().mode().value());
        out.put("codeChoices", c.code().choices());
        out.put("notified", notified);
        out.put("purpose", c.purpose().kind());
        if (c.delegation()) {
            // What the app says: "Autoriser <requesterName> à saisir en votre nom sur <clientName> jusqu'à <until>".
            out.put("delegation", Map.of("requesterName", c.purpose().requesterName(), "until", c.purpose().delegatedUntil()));
        }
        return out;
    }
}
