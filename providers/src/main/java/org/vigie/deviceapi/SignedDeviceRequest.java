package org.vigie.deviceapi;

import com.nimbusds.jose.JWSObject;
import java.text.ParseException;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.device.DeviceKeys;
import org.vigie.device.SignedClaims;

/**
 * A request signed by an enrolled device (the bearer JWT of API calls, or a decision JWS),
 * verified: signature by the key of the device named in {@code kid}, that device belonging to
 * {@code sub}, audience, and freshness. Nothing in it is trusted before {@link #verify} returns.
 */
public record SignedDeviceRequest(UserModel user, DeviceCredentialModel device, Map<String, Object> claims) {

    static final long MAX_CLOCK_SKEW = SignedClaims.MAX_CLOCK_SKEW;
    static final long MAX_TOKEN_LIFETIME = SignedClaims.MAX_TOKEN_LIFETIME;

    /**
     * The bearer JWT of an API call ({@code Authorization: Bearer <device JWT>}), signed for the
     * device API like every call of the app, and limited in lifetime.
     */
    public static SignedDeviceRequest fromBearer(KeycloakSession session, RealmModel realm, String authorization)
            throws DeviceApiException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DeviceApiException.invalidToken("Authorization: Bearer <device JWT> is required");
        }
        String token = authorization.substring(7).trim();
        if (token.length() > RequestBodies.MAX_BODY_BYTES) {
            throw DeviceApiException.invalidToken("token too large");
        }
        return verify(session, realm, token, ChallengeUrls.deviceApi(session, realm), true);
    }

    public static SignedDeviceRequest verify(KeycloakSession session, RealmModel realm, String compact, String audience,
                                      boolean requireExpiry) throws DeviceApiException {
        JWSObject jws;
        Map<String, Object> claims;
        try {
            jws = JWSObject.parse(compact);
            claims = jws.getPayload().toJSONObject();
        } catch (ParseException | RuntimeException e) {
            throw DeviceApiException.invalidToken("not a compact JWS with a JSON payload");
        }
        if (claims == null) {
            throw DeviceApiException.invalidToken("not a compact JWS with a JSON payload");
        }
        String kid = jws.getHeader().getKeyID();
        Object sub = claims.get("sub");
        if (kid == null || !(sub instanceof String userId) || userId.length() > 64 || kid.length() > 64) {
            throw DeviceApiException.invalidToken("kid and sub are required");
        }
        UserModel user = session.users().getUserById(realm, userId);
        CredentialModel stored = user == null ? null : user.credentialManager().getStoredCredentialById(kid);
        if (stored == null || !DeviceCredentialModel.TYPE.equals(stored.getType())) {
            throw DeviceApiException.invalidToken("unknown or revoked device");
        }
        DeviceCredentialModel device = DeviceCredentialModel.from(stored);
        if (!DeviceKeys.verify(jws, device)) {
            throw DeviceApiException.invalidToken("signature does not verify with the device key");
        }
        String stale = SignedClaims.problem(claims, audience, requireExpiry);
        if (stale != null) {
            throw DeviceApiException.invalidToken(stale);
        }
        if (!user.isEnabled()) {
            throw DeviceApiException.invalidToken("unknown or revoked device");
        }
        if (device.locked()) {
            throw new DeviceApiException(403, "device_locked",
                    "too many wrong PINs: enrol the device again or ask an operator to unlock it");
        }
        return new SignedDeviceRequest(user, device, claims);
    }

    public String string(String claim, int maxLength) throws DeviceApiException {
        Object value = claims.get(claim);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.length() > maxLength) {
            throw DeviceApiException.invalidRequest(claim + " must be a string of at most " + maxLength + " characters");
        }
        return s;
    }
}
