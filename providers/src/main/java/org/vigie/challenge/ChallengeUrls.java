package org.vigie.challenge;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Where the device API lives, for the pages that point browsers at it and for its own audience check. */
public final class ChallengeUrls {

    /** The realm resource the device API is mounted at: {@code /realms/{realm}/vigie-device}. */
    public static final String DEVICE_API = "vigie-device";

    private ChallengeUrls() {
    }

    /** The device API's base URL as this request reached the server (what devices put in {@code aud}). */
    public static String deviceApi(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(DEVICE_API).build().toString();
    }

    /** The status URL a waiting page asks whether its challenge was decided. */
    public static String statusUrl(KeycloakSession session, RealmModel realm, PushChallenge challenge) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(DEVICE_API)
                .path("status").path(challenge.id())
                .queryParam("token", challenge.browser().statusToken())
                .build().toString();
    }
}
