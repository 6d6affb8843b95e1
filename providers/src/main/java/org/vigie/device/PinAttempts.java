package org.vigie.device;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Wrong PINs counted exactly, on one node or many: each guess is first reserved in its own short
 * transaction under a row lock on the device credential (so concurrent guesses queue on the
 * database, whichever node they reach), refused there without being evaluated once the limit is
 * reached, and only then evaluated. Each change evicts the user from Keycloak's user cache so every
 * node reads the new count and lock.
 */
final class PinAttempts {

    private record Reserved(DeviceCredentialProvider.PinResult refusal, int count, DeviceCredentialModel device) {
    }

    /** Far longer than an evaluation takes (one keyed hash, or one password hash for devices enrolled before PIN proofs). */
    static final long SETTLE_GRACE_MILLIS = 30_000;

    private PinAttempts() {
    }

    static DeviceCredentialProvider.PinCheck check(KeycloakSession session, RealmModel realm, UserModel user, String deviceId,
                                                   DeviceCredentialProvider.PinInput pin, int limit) {
        Reserved reserved;
        try {
            reserved = inTransaction(session, s -> reserve(s, realm.getId(), user.getId(), deviceId, limit));
        } catch (PersistenceException | ModelException e) {
            // A lock wait that gave up, under load: nothing was counted, the device may send it again.
            return new DeviceCredentialProvider.PinCheck(DeviceCredentialProvider.PinResult.BUSY, 0, false);
        }
        if (reserved.refusal() != null) {
            return new DeviceCredentialProvider.PinCheck(reserved.refusal(), 0, false);
        }
        DeviceCredentialModel device = reserved.device();
        PinVerifier.Stored verifier = device.pinVerifier();
        boolean right = verifier != null
                ? PinVerifier.matches(verifier, pin.proof())
                : pin.pin() != null && pin.pin().matches("[0-9]{4,8}") && SecretHashing.verify(session, pin.pin(), device.pinCredentialData(), device.pinSecretData());
        // A device enrolled before PIN proofs moves to the proof it sent with its right PIN.
        PinVerifier.Stored migration = verifier == null && right ? PinVerifier.store(pin.newVerifier()) : null;
        boolean migrated = false;
        try {
            migrated = inTransaction(session, s -> settle(s, realm.getId(), user.getId(), deviceId, right, limit, migration));
        } catch (PersistenceException | ModelException e) {
            // The guess stays counted (the safe side); a right PIN is still a right PIN.
            if (!right) {
                return wrong(reserved.count(), limit);
            }
        }
        return right ? new DeviceCredentialProvider.PinCheck(DeviceCredentialProvider.PinResult.OK, limit, migrated)
                : wrong(reserved.count(), limit);
    }

    private static DeviceCredentialProvider.PinCheck wrong(int count, int limit) {
        return count >= limit
                ? new DeviceCredentialProvider.PinCheck(DeviceCredentialProvider.PinResult.LOCKED_NOW, 0, false)
                : new DeviceCredentialProvider.PinCheck(DeviceCredentialProvider.PinResult.WRONG, limit - count, false);
    }

    /** Counts the guess before it is evaluated; refuses it when the limit is already reached. */
    private static Reserved reserve(KeycloakSession s, String realmId, String userId, String deviceId, int limit) {
        CredentialEntity row = locked(s, userId, deviceId);
        if (row == null) {
            return new Reserved(DeviceCredentialProvider.PinResult.REVOKED, 0, null);
        }
        DeviceCredentialModel device = DeviceCredentialModel.from(model(row));
        if (device.locked()) {
            return new Reserved(DeviceCredentialProvider.PinResult.LOCKED, device.failedPins(), null);
        }
        long now = Time.currentTimeMillis();
        if (device.failedPins() >= limit) {
            if (now - device.lastPinAttemptAt() < SETTLE_GRACE_MILLIS) {
                // The last allowed guesses are being evaluated: not one more, but a right PIN among
                // them must not end up locking the device, so this one waits for their outcome.
                return new Reserved(DeviceCredentialProvider.PinResult.BUSY, device.failedPins(), null);
            }
            // Their outcome never came (a node lost, a transaction that failed): on the safe side,
            // they count as wrong, and the device locks instead of answering "busy" for ever.
            device.lock();
            save(s, realmId, userId, row, device);
            return new Reserved(DeviceCredentialProvider.PinResult.LOCKED, device.failedPins(), null);
        }
        device.pinAttempted(now);
        save(s, realmId, userId, row, device);
        return new Reserved(null, device.failedPins(), device);
    }

    /**
     * After the evaluation: a right PIN resets the count (and moves a device enrolled before PIN
     * proofs to {@code migration}, when it sent one), a wrong one that reached the limit locks.
     * Returns whether the device was migrated.
     */
    private static boolean settle(KeycloakSession s, String realmId, String userId, String deviceId, boolean right, int limit,
                                  PinVerifier.Stored migration) {
        CredentialEntity row = locked(s, userId, deviceId);
        if (row == null) {
            return false;
        }
        DeviceCredentialModel device = DeviceCredentialModel.from(model(row));
        boolean migrated = false;
        if (right) {
            device.used(Time.currentTimeMillis());
            if (migration != null && device.pinVerifier() == null) {
                device.migratePin(migration);
                migrated = true;
            }
        } else if (device.failedPins() >= limit) {
            device.lock();
        } else {
            return false;
        }
        save(s, realmId, userId, row, device);
        return migrated;
    }

    static CredentialEntity locked(KeycloakSession s, String userId, String deviceId) {
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        CredentialEntity row = em.find(CredentialEntity.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !DeviceCredentialModel.TYPE.equals(row.getType()) || !userId.equals(row.getUser().getId())) {
            return null;
        }
        return row;
    }

    static void save(KeycloakSession s, String realmId, String userId, CredentialEntity row, DeviceCredentialModel device) {
        device.writeData();
        row.setCredentialData(device.getCredentialData());
        row.setSecretData(device.getSecretData());
        evict(s, realmId, userId);
    }

    /** Every node reads the device again from the database after this transaction commits. */
    static void evict(KeycloakSession s, String realmId, String userId) {
        UserCache cache = s.getProvider(UserCache.class);
        RealmModel realm = s.realms().getRealm(realmId);
        UserModel user = realm == null ? null : s.users().getUserById(realm, userId);
        if (cache != null && user != null) {
            cache.evict(realm, user);
        }
    }

    static CredentialModel model(CredentialEntity row) {
        CredentialModel model = new CredentialModel();
        model.setId(row.getId());
        model.setType(row.getType());
        model.setUserLabel(row.getUserLabel());
        model.setCreatedDate(row.getCreatedDate());
        model.setCredentialData(row.getCredentialData());
        model.setSecretData(row.getSecretData());
        return model;
    }

    private interface Work<T> {
        T run(KeycloakSession session);
    }

    private static <T> T inTransaction(KeycloakSession session, Work<T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(),
                work::run, "vigie-device-pin");
    }
}
