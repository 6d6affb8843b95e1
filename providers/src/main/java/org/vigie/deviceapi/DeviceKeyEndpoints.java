package org.vigie.deviceapi;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.device.DeviceEnrolment;
import org.vigie.device.EnrolmentRequest;
import org.vigie.device.KeyRotation;

/**
 * The device API's key endpoints, enrolment with proof of possession and key rotation
 * (docs/device-api.md, sections 1 and 6): HTTP in, HTTP out; the rules live in the device package.
 */
final class DeviceKeyEndpoints {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String audience;

    DeviceKeyEndpoints(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.audience = ChallengeUrls.deviceApi(session, realm);
    }

    /** {@code POST /enroll}: a JWS by the new key; a plain JSON body (no proof) is refused. */
    Response enroll(String contentType, String body) throws DeviceApiException {
        if (contentType != null && contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_JSON)) {
            throw new DeviceApiException(400, "proof_required", "the enrolment must be a JWS signed by the new key"
                    + " (Content-Type: application/jose, typ vigie-enrol+jwt, see the device API): a JSON body proves no key");
        }
        DeviceEnrolment.Enrolled enrolled;
        try {
            enrolled = EnrolmentRequest.enroll(session, realm, session.getContext().getConnection(), body, audience);
        } catch (DeviceEnrolment.Refused e) {
            throw new DeviceApiException(e.status(), e.error(), e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceId", enrolled.deviceId());
        out.put("userId", enrolled.userId());
        out.put("nationalId", enrolled.nationalId());
        out.put("keyThumbprint", enrolled.keyThumbprint());
        return DeviceApiException.json(201, out);
    }

    /**
     * {@code POST /key}: signed by the old key, carrying the new key's proof and the PIN (a copied
     * key alone must not take the device over). The jti is spent first, so a replay counts no PIN;
     * a wrong PIN counts toward the device's lock as a decision's does.
     */
    Response rotate(String body) throws DeviceApiException {
        SignedDeviceRequest request = SignedDeviceRequest.verify(session, realm, body.trim(), audience, false);
        String jti = request.string("jti", 128);
        if (jti == null || jti.isEmpty()) {
            throw DeviceApiException.invalidRequest("jti is required");
        }
        PinGate.pinInput(request);
        ChallengeStore store = new ChallengeStore(session);
        if (!store.firstUseOfJti(request.device().getId(), jti,
                2 * (SignedDeviceRequest.MAX_CLOCK_SKEW + SignedDeviceRequest.MAX_TOKEN_LIFETIME))) {
            throw new DeviceApiException(409, "replayed", "this jti was already used");
        }
        PinGate pins = new PinGate(session, realm, store);
        pins.refuseLockedPractitioner(request, null);
        pins.checkPin(request, null, ApprovalConfig.ofBrowserFlow(realm).maxPinAttempts());
        KeyRotation.Rotated rotated;
        try {
            rotated = KeyRotation.rotate(session, realm, session.getContext().getConnection(), request.user(), request.device(),
                    request.claims(), audience);
        } catch (DeviceEnrolment.Refused e) {
            throw new DeviceApiException(e.status(), e.error(), e.getMessage());
        }
        return DeviceApiException.json(200, Map.of("deviceId", rotated.deviceId(), "keyThumbprint", rotated.keyThumbprint()));
    }
}
