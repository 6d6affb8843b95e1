package org.vigie.push;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.device.DevicePushRegistration;
import org.vigie.events.VigieEvents;

/**
 * A device's push registration, as the device API receives it (already verified as signed by the
 * device): checked against the realm's push service, stored on the device credential, and told.
 */
public final class PushRegistrations {

    /** A registration that cannot be used; the message says why (safe to show the app). */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private PushRegistrations() {
    }

    /** The endpoint in a registration's {@code push} claim; null for {@code "push": null} (unregister). */
    public static DeviceCredentialModel.PushData parse(Object claim, PushSettings settings, boolean allowPrivate) throws Invalid {
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof Map<?, ?> push)) {
            throw new Invalid("push must be an object (or null to unregister)");
        }
        if (!settings.enabled()) {
            throw new Invalid("this realm sends no push notifications: poll GET /challenges");
        }
        Object type = push.get("type");
        if (!settings.provider().equals(type)) {
            throw new Invalid("push.type must be this realm's push service: " + settings.provider());
        }
        DeviceCredentialModel.PushData data = new DeviceCredentialModel.PushData();
        data.type = settings.provider();
        if (WebPushProviderFactory.ID.equals(data.type)) {
            data.endpoint = string(push.get("endpoint"));
            data.p256dh = string(push.get("p256dh"));
            data.auth = string(push.get("auth"));
            String problem = PushEndpoints.webPushProblem(data.endpoint, data.p256dh, data.auth, allowPrivate);
            if (problem != null) {
                throw new Invalid(problem);
            }
        } else {
            data.token = string(push.get("token"));
            String problem = PushEndpoints.fcmTokenProblem(data.token);
            if (problem != null) {
                throw new Invalid(problem);
            }
        }
        return data;
    }

    /** Stores it (or clears it, for null) under the device's row lock; false when the device is gone. */
    public static boolean register(KeycloakSession session, RealmModel realm, UserModel user, String deviceId,
                                   DeviceCredentialModel.PushData push) {
        if (!DevicePushRegistration.set(session, realm.getId(), user.getId(), deviceId, push)) {
            return false;
        }
        VigieEvents.builder(session, realm, session.getContext().getConnection()).event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(VigieEvents.DETAIL_REASON, push == null ? VigieEvents.REASON_PUSH_UNREGISTERED : VigieEvents.REASON_PUSH_REGISTERED)
                .detail(VigieEvents.DETAIL_DEVICE, deviceId)
                .detail(VigieEvents.DETAIL_CREDENTIAL_TYPE, DeviceCredentialModel.TYPE)
                .detail(VigieEvents.DETAIL_PUSH_PROVIDER, push == null ? "" : push.type)
                .success();
        return true;
    }

    /** The realm's push settings cannot be used as they are (an operator's VAPID pair that is not one). */
    public static final class Misconfigured extends Exception {
        Misconfigured(String message) {
            super(message);
        }
    }

    /** What the app needs to subscribe, and what this device has registered (never the endpoint's secrets). */
    public static Map<String, Object> describe(KeycloakSession session, RealmModel realm, PushSettings settings,
                                               DeviceCredentialModel device) throws Misconfigured {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", settings.provider());
        if (WebPushProviderFactory.ID.equals(settings.provider())) {
            try {
                out.put("vapidPublicKey", VapidKeys.of(session, realm, settings).publicKeyBase64());
            } catch (VapidKeys.Unusable e) {
                throw new Misconfigured(e.getMessage());
            }
        }
        DeviceCredentialModel.PushData push = device.push();
        if (push != null) {
            // Absent when the device registered nothing.
            out.put("registered", Map.of("type", push.type, "updatedAt", push.updatedAt));
        }
        return out;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
