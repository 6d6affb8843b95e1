package org.vigie.push;

import java.util.Comparator;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.BruteForceLockout;
import org.vigie.risk.FraudSuspension;

/**
 * The devices a login notifies: those of the practitioner holding the identifier typed, with an
 * endpoint of this push service, unless the practitioner may not be pushed to now (brute-force
 * lock, suspension after "Ce n'est pas moi") or the device is locked; the newest few only.
 */
final class PushTargets {

    record Target(String userId, String deviceId, DeviceCredentialModel.PushData push) {
    }

    /** Devices pushed per login, at most (the newest): a practitioner's many devices cannot fill the queue. */
    static final int MAX_DEVICES_PER_LOGIN = 5;

    private PushTargets() {
    }

    static List<Target> find(KeycloakSession session, PushRequest request, String endpointType) {
        RealmModel realm = session.realms().getRealm(request.realmId());
        if (realm == null) {
            return List.of();
        }
        session.getContext().setRealm(realm);
        UserModel user = NationalIdentifier.parse(request.nationalId()).asOptional()
                .map(id -> PractitionerLookup.ofBrowserFlow(realm).findUser(session, realm, id))
                .orElse(null);
        if (user == null || !user.isEnabled() || BruteForceLockout.isLocked(session, realm, user)
                || FraudSuspension.isSuspended(user)) {
            return List.of();
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialModel.TYPE)
                .map(DeviceCredentialModel::from)
                .filter(device -> !device.locked() && device.push() != null && endpointType.equals(device.push().type))
                .sorted(Comparator.comparing((DeviceCredentialModel device) -> device.getCreatedDate() == null ? 0L
                        : device.getCreatedDate()).reversed())
                .limit(MAX_DEVICES_PER_LOGIN)
                .map(device -> new Target(user.getId(), device.getId(), device.push()))
                .toList();
    }
}
