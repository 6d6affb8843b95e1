package org.vigie.challenge;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

/**
 * Published on this node, inside the deciding transaction, when a challenge's one decision is
 * recorded: features built on challenges (CIBA) end their own request with it without this
 * package knowing them.
 *
 * @param deviceId the device that decided, or null (browser, expiry)
 * @param userId   the practitioner whose device decided, or null
 */
public record ChallengeDecided(KeycloakSession session, PushChallenge challenge, Decision decision, String deviceId,
                               String userId) implements ProviderEvent {

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
