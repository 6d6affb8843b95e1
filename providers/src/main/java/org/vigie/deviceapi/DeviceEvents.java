package org.vigie.deviceapi;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.PushChallenge;
import org.vigie.events.VigieEvents;

/** The event of a device request: the device, and the login it concerns when one is known. */
final class DeviceEvents {

    private DeviceEvents() {
    }

    /** A login refused from the device, with the reason operators filter on. */
    static void loginError(KeycloakSession session, RealmModel realm, SignedDeviceRequest request, PushChallenge challenge,
                           String reason) {
        of(session, realm, request, challenge, EventType.LOGIN_ERROR).detail(VigieEvents.DETAIL_REASON, reason).error(reason);
    }

    static EventBuilder of(KeycloakSession session, RealmModel realm, SignedDeviceRequest request, PushChallenge challenge,
                           EventType type) {
        EventBuilder event = VigieEvents.builder(session, realm, session.getContext().getConnection()).event(type)
                .user(request.user())
                .detail(VigieEvents.DETAIL_DEVICE, request.device().getId());
        if (challenge == null) {
            return event;
        }
        event.detail(VigieEvents.DETAIL_CHALLENGE, challenge.id())
                .detail(VigieEvents.DETAIL_BROWSER_IP, challenge.requester().ipAddress())
                .detail(VigieEvents.DETAIL_BROWSER_USER_AGENT, challenge.requester().userAgent());
        ClientModel client = realm.getClientByClientId(challenge.requester().clientId());
        if (client != null) {
            event.client(client);
        }
        return event;
    }
}
