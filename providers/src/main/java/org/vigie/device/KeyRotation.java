package org.vigie.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.util.Map;
import org.keycloak.common.ClientConnection;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.JsonSerialization;
import org.vigie.common.PractitionerMail;
import org.vigie.events.VigieEvents;

/**
 * A device replaces its key: the request is signed by the old key (checked by the caller) and
 * carries a {@link KeyProof} of type {@value KeyProof#NEW_KEY} by the new key naming the device,
 * its user and the request's {@code jti}, so neither half works without the other; the caller
 * also checked the PIN and spent the jti. The practitioner is mailed when the key changed. The swap is a
 * compare-and-set on the device's database row, under a row lock in a transaction of its own: of
 * two rotations at once, on any nodes, one wins and the other finds the old key gone. Only the key
 * changes; every other field of the device (name, enrolment time, last use, PIN, push settings)
 * is kept as stored.
 */
public final class KeyRotation {

    public record Rotated(String deviceId, String keyThumbprint) {
    }

    private enum Swap { DONE, KEY_GONE }

    private KeyRotation() {
    }

    /**
     * @param device the device as verified with its current key
     * @param claims the claims that key signed
     */
    public static Rotated rotate(KeycloakSession session, RealmModel realm, ClientConnection connection, UserModel user,
                                 DeviceCredentialModel device, Map<String, Object> claims, String audience) throws DeviceEnrolment.Refused {
        String jti = SignedClaims.string(claims, "jti", 128);
        String proof = SignedClaims.string(claims, "newKeyProof", 8 * 1024);
        if (jti == null || jti.isEmpty() || proof == null) {
            throw new DeviceEnrolment.Refused(400, "invalid_request", "jti and newKeyProof (a JWS by the new key) are required");
        }
        KeyProof.Verified newKey = KeyProof.verify(proof.trim(), KeyProof.NEW_KEY, audience);
        Map<String, Object> inner = newKey.claims();
        if (!device.getId().equals(inner.get("did")) || !user.getId().equals(inner.get("sub")) || !jti.equals(inner.get("jti"))) {
            throw new DeviceEnrolment.Refused(401, "invalid_proof", "newKeyProof must name this device (did), its user (sub) and this request's jti");
        }
        if (newKey.key().thumbprint().equals(device.thumbprint())) {
            throw new DeviceEnrolment.Refused(400, "invalid_key", "the new key must differ from the old one");
        }
        Swap swap;
        try {
            swap = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(),
                    s -> swap(s, realm.getId(), user.getId(), device.getId(), device.thumbprint(), newKey.key()), "vigie-device-key");
        } catch (PersistenceException | ModelException e) {
            throw new DeviceEnrolment.Refused(429, "slow_down", "the key could not be replaced now: send the request again in a moment");
        }
        if (swap == Swap.KEY_GONE) {
            // Another rotation (or a revocation) won: this request's key is no longer the device's.
            throw new DeviceEnrolment.Refused(401, "invalid_token", "the device key was replaced or revoked meanwhile");
        }
        VigieEvents.builder(session, realm, connection).event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(VigieEvents.DETAIL_CREDENTIAL_TYPE, DeviceCredentialModel.TYPE)
                .detail(VigieEvents.DETAIL_DEVICE, device.getId())
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_DEVICE_KEY_ROTATED).success();
        // Told out of band: if the key and PIN were taken, the real phone is locked out and this mail is the trace.
        Map<String, Object> mail = new java.util.LinkedHashMap<>();
        mail.put("deviceName", device.getUserLabel() == null ? device.getId() : device.getUserLabel());
        mail.put("rotatedAt", java.time.Instant.ofEpochMilli(org.keycloak.common.util.Time.currentTimeMillis()).toString());
        mail.put("ipAddress", connection.getRemoteAddr());
        PractitionerMail.send(session, realm, user, "vigie-device-key-rotated.ftl", "vigieDeviceKeyRotatedSubject", mail);
        return new Rotated(device.getId(), newKey.key().thumbprint());
    }

    private static Swap swap(KeycloakSession s, String realmId, String userId, String deviceId, String oldThumbprint,
                             DeviceKeys.AcceptedKey key) {
        EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
        CredentialEntity row = em.find(CredentialEntity.class, deviceId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !DeviceCredentialModel.TYPE.equals(row.getType()) || !userId.equals(row.getUser().getId())) {
            return Swap.KEY_GONE;
        }
        try {
            // Edited as a JSON tree: fields this class does not know (e.g. push settings) stay as they are.
            ObjectNode data = (ObjectNode) JsonSerialization.mapper.readTree(row.getCredentialData());
            if (!oldThumbprint.equals(data.path("thumbprint").asText(null)) || data.path("locked").asBoolean(false)) {
                return Swap.KEY_GONE;
            }
            data.set("jwk", JsonSerialization.mapper.valueToTree(key.publicJwk()));
            data.put("algorithm", key.algorithm());
            data.put("thumbprint", key.thumbprint());
            row.setCredentialData(JsonSerialization.mapper.writeValueAsString(data));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("Unreadable vigie-device credential " + deviceId, e);
        }
        PinAttempts.evict(s, realmId, userId);
        return Swap.DONE;
    }
}
