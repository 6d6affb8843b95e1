package org.vigie.device;

import org.vigie.common.PractitionerMail;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.common.ClientAddresses;
import org.vigie.common.SlidingWindowSlots;

/**
 * Turns a phone into a practitioner's device: activation code checked, public key accepted, PIN
 * hashed, device credential stored, practitioner told by e-mail.
 */
public class DeviceEnrolment {

    public record Enrolled(String deviceId, String userId, String nationalId, String keyThumbprint) {
    }

    /** Why an enrolment was refused, as the device API reports it. */
    public static final class Refused extends Exception {
        private final int status;
        private final String error;

        Refused(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientConnection connection;

    public DeviceEnrolment(KeycloakSession session, RealmModel realm, ClientConnection connection) {
        this.session = session;
        this.realm = realm;
        this.connection = connection;
    }

    /**
     * @param pinVerifier the device's proof of the PIN chosen (see {@link PinVerifier}): the PIN
     *                    itself never reaches the server, which therefore cannot judge it; the app
     *                    refuses weak PINs (docs/device-api.md)
     */
    public Enrolled enroll(String identifier, String activationCode, JsonNode publicKey, String pinVerifier, String deviceName)
            throws Refused {
        // Everything that needs no lookup is checked first: a malformed request costs nothing and uses no attempt.
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(identifier);
        if (!parsed.valid()) {
            throw new Refused(400, "invalid_request", "identifier is not an RPPS, ADELI or national identifier");
        }
        DeviceKeys.AcceptedKey key;
        try {
            key = DeviceKeys.accept(publicKey == null || !publicKey.isObject() ? null
                    : JsonSerialization.mapper.convertValue(publicKey, Map.class));
        } catch (DeviceKeys.InvalidKeyException e) {
            throw new Refused(400, "invalid_key", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "invalid_key", DeviceKeys.NOT_A_JWK);
        }
        PinVerifier.Stored verifier = PinVerifier.store(pinVerifier);
        if (verifier == null) {
            throw new Refused(400, "invalid_request", "pinVerifier must be a PIN proof: 32 bytes in base64url without padding");
        }

        // Anonymous work is bounded per client address and for the whole realm, then per identifier
        // (known or not): the same 429 for everyone, and a cap on guessing.
        EnrolmentLimits limits = EnrolmentLimits.of(realm);
        if (!limits.allowAddress(session, realm, connection.getRemoteAddr()) || !limits.allowRealm(session, realm)
                || !attemptAllowed(parsed.identifier().nationalId(), connection.getRemoteAddr())) {
            throw new Refused(429, "too_many_attempts", "too many enrolment attempts: wait a few minutes, or ask for a new activation code");
        }
        UserModel user = PractitionerLookup.ofBrowserFlow(realm).findUser(session, realm, parsed.identifier());
        EventBuilder event = VigieEvents.builder(session, realm, connection).event(EventType.UPDATE_CREDENTIAL)
                .detail(VigieEvents.DETAIL_CREDENTIAL_TYPE, DeviceCredentialModel.TYPE)
                .detail("username", parsed.identifier().nationalId());
        if (user == null) {
            // The same work as checking a real code (one HMAC), so timing does not tell who exists.
            ActivationCodes.dummyCheck(activationCode);
            event.event(EventType.UPDATE_CREDENTIAL_ERROR).detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_ACTIVATION_CODE_REFUSED)
                    .error("invalid_activation_code");
            throw new Refused(401, "invalid_activation_code", "unknown identifier, or wrong, expired or used activation code");
        }
        event.user(user);
        Set<String> names = deviceNames(user);
        String name = deviceName == null || deviceName.isBlank() ? defaultName(names) : deviceName.trim();
        // A clash is told only to whoever holds the right code, and does not use the code up.
        ActivationCodes.Outcome outcome = ActivationCodes.redeem(session, realm, user, activationCode, !names.contains(name),
                connection.getRemoteAddr());
        if (outcome == ActivationCodes.Outcome.RIGHT_NOT_USED) {
            throw new Refused(409, "device_name_taken", "the practitioner already has a device of this name: choose another one");
        }
        if (outcome == ActivationCodes.Outcome.BUSY) {
            throw new Refused(429, "slow_down", "the activation code could not be checked now: send the request again in a moment");
        }
        if (outcome != ActivationCodes.Outcome.ACCEPTED) {
            event.event(EventType.UPDATE_CREDENTIAL_ERROR).detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_ACTIVATION_CODE_REFUSED)
                    .error(outcome == ActivationCodes.Outcome.EXHAUSTED ? "activation_code_exhausted" : "invalid_activation_code");
            if (outcome == ActivationCodes.Outcome.EXHAUSTED) {
                throw new Refused(429, "too_many_attempts", "too many wrong attempts: ask for a new activation code");
            }
            throw new Refused(401, "invalid_activation_code", "unknown identifier, or wrong, expired or used activation code");
        }

        DeviceCredentialModel device = DeviceCredentialModel.create(name, key.publicJwk(), key.algorithm(), key.thumbprint(),
                Time.currentTimeMillis(), verifier);
        String deviceId;
        try {
            deviceId = user.credentialManager().createStoredCredential(device).getId();
        } catch (ModelDuplicateException e) {
            throw new Refused(409, "device_name_taken", "the practitioner already has a device of this name: choose another one");
        }
        event.detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_DEVICE_ENROLLED).detail(VigieEvents.DETAIL_DEVICE, deviceId)
                .detail("device_name", name).success();

        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("deviceName", name);
        mail.put("enrolledAt", java.time.Instant.ofEpochMilli(Time.currentTimeMillis()).toString());
        mail.put("ipAddress", connection.getRemoteAddr());
        PractitionerMail.send(session, realm, user, "vigie-device-enrolled.ftl", "vigieDeviceEnrolledSubject", mail);
        return new Enrolled(deviceId, user.getId(), parsed.identifier().nationalId(), key.thumbprint());
    }

    private static Set<String> deviceNames(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialModel.TYPE)
                .map(CredentialModel::getUserLabel).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    /** "Device enrolled 2026-12-01", then " (2)", " (3)"… for more the same day: labels are unique per user. */
    private static String defaultName(Set<String> taken) {
        String base = "Device enrolled " + java.time.LocalDate.now();
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** At most {@value #MAX_ATTEMPTS} enrolment attempts per identifier and address in {@value #ATTEMPT_WINDOW_SECONDS} s. */
    static final int MAX_ATTEMPTS = 10;
    static final long ATTEMPT_WINDOW_SECONDS = 15 * 60;

    /** Per identifier and address: a stranger typing a practitioner's RPPS holds back only their own address. */
    private boolean attemptAllowed(String nationalId, String address) {
        return SlidingWindowSlots.claim(session.getProvider(SingleUseObjectProvider.class),
                "vigie.enrol-attempt." + realm.getId() + "." + nationalId + "." + ClientAddresses.limitKey(address),
                MAX_ATTEMPTS, ATTEMPT_WINDOW_SECONDS);
    }
}
