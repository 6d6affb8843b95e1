package org.vigie.push;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.events.VigieEvents;

/** Push outcomes an operator sees (admin console → Events), raised off the request thread. */
final class PushEvents {

    private PushEvents() {
    }

    /** No notification reached the device; the login itself goes on (the app polls). */
    static void failed(KeycloakSession session, RealmModel realm, PushTargets.Target target, Integer attempts,
                       PushRequest request, String providerId, PushOutcome outcome) {
        EventBuilder event = base(session, realm, providerId, outcome).event(EventType.LOGIN_ERROR)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_FAILED)
                .detail(VigieEvents.DETAIL_CHALLENGE, request.challengeId());
        if (target != null) {
            event.user(target.userId()).detail(VigieEvents.DETAIL_DEVICE, target.deviceId());
        }
        if (attempts != null) {
            event.detail(VigieEvents.DETAIL_PUSH_ATTEMPTS, attempts.toString());
        }
        event.error(VigieEvents.REASON_PUSH_FAILED);
    }

    static void endpointGone(KeycloakSession session, RealmModel realm, PushTargets.Target target, String providerId,
                             PushOutcome outcome) {
        base(session, realm, providerId, outcome).event(EventType.UPDATE_CREDENTIAL).user(target.userId())
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_ENDPOINT_GONE)
                .detail(VigieEvents.DETAIL_DEVICE, target.deviceId())
                .detail(VigieEvents.DETAIL_CREDENTIAL_TYPE, org.vigie.device.DeviceCredentialModel.TYPE)
                .success();
    }

    private static EventBuilder base(KeycloakSession session, RealmModel realm, String providerId, PushOutcome outcome) {
        return new EventBuilder(realm, session)
                .detail(VigieEvents.DETAIL_PUSH_PROVIDER, providerId)
                .detail(VigieEvents.DETAIL_PUSH_STATUS, Integer.toString(outcome.status()))
                .detail(VigieEvents.DETAIL_PUSH_ERROR, truncate(outcome.detail()));
    }

    private static String truncate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 200 ? value : value.substring(0, 200);
    }
}
