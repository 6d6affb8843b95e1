package org.vigie.device;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sets and clears a device's push endpoint under the same row lock as the PIN count (see
 * {@link PinAttempts}): the endpoint is written into the credential's data, and a copy of the
 * credential read before a concurrent PIN guess must never write an older count back.
 */
public final class DevicePushRegistration {

    private DevicePushRegistration() {
    }

    /** Registers (or, with null, removes) the device's push endpoint; false when the device is gone. */
    public static boolean set(KeycloakSession session, String realmId, String userId, String deviceId,
                              DeviceCredentialModel.PushData push) {
        if (push != null) {
            push.updatedAt = Time.currentTime();
        }
        return update(session, realmId, userId, deviceId, push, null);
    }

    /**
     * Clears the endpoint the provider said is gone, only while it is still the one registered: a
     * device that registered a new one meanwhile keeps it. Returns whether it was cleared.
     */
    public static boolean clearIfStill(KeycloakSession session, String realmId, String userId, String deviceId,
                                       String goneAddress) {
        return update(session, realmId, userId, deviceId, null, goneAddress);
    }

    private static boolean update(KeycloakSession session, String realmId, String userId, String deviceId,
                                  DeviceCredentialModel.PushData push, String onlyIfAddress) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
            // Its own session, also off a request (the push queue): the user cache needs the realm bound.
            s.getContext().setRealm(s.realms().getRealm(realmId));
            CredentialEntity row = PinAttempts.locked(s, userId, deviceId);
            if (row == null) {
                return false;
            }
            DeviceCredentialModel device = DeviceCredentialModel.from(PinAttempts.model(row));
            if (onlyIfAddress != null && (device.push() == null || !onlyIfAddress.equals(device.push().address()))) {
                return false;
            }
            device.push(push);
            PinAttempts.save(s, realmId, userId, row, device);
            return true;
        });
    }
}
