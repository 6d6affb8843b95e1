package org.vigie.challenge;

import org.keycloak.models.KeycloakSession;
import org.vigie.push.PushDelivery;
import org.vigie.push.PushRequest;
import org.vigie.push.PushSettings;

/** Wakes the practitioner's devices for a new challenge, once it is committed; only if the push limits let it notify. */
public final class ChallengePush {

    private ChallengePush() {
    }

    public static void afterCommit(KeycloakSession session, PushChallenge challenge, PushSettings settings) {
        if (challenge.notified()) {
            PushDelivery.afterCommit(session, new PushRequest(challenge.realmId(), challenge.nationalId(), challenge.id(),
                    challenge.expiresAt(), settings));
        }
    }
}
