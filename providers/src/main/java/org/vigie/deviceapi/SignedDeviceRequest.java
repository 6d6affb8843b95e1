package org.vigie.deviceapi;

import com.nimbusds.jose.JWSObject;
import java.text.ParseException;
import java.util.Collection;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.device.DeviceKeys;

/**
 * A request signed by an enrolled device (the bearer JWT of API calls, or a decision JWS),
 * verified: signature by the key of the device named in {@code kid}, that device belonging to
 * {@code sub}, audience, and freshness. Nothing in it is trusted before {@link #verify} returns.
 */
public record SignedDeviceRequest(UserModel user, DeviceCredentialModel device, Map<String, Object> claims) {

    /** How far a device clock may drift from ours. */
    static final long MAX_CLOCK_SKEW = 60;
    /** Longest validity a device may give its bearer JWT. */
    static final long MAX_TOKEN_LIFETIME = 120;

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
        if (!audienceMatches(claims.get("aud"), audience)) {
            throw DeviceApiException.invalidToken("aud must be " + audience);
        }
        long now = Time.currentTime();
        Long iat = number(claims.get("iat"));
        if (iat == null || Math.abs(now - iat) > MAX_CLOCK_SKEW) {
            throw DeviceApiException.invalidToken("iat missing or more than " + MAX_CLOCK_SKEW + " s away from server time");
        }
        Long exp = number(claims.get("exp"));
        if (requireExpiry && exp == null) {
            throw DeviceApiException.invalidToken("exp is required");
        }
        if (exp != null && (now >= exp || exp - iat > MAX_TOKEN_LIFETIME)) {
            throw DeviceApiException.invalidToken("expired, or valid for more than " + MAX_TOKEN_LIFETIME + " s");
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

    private static boolean audienceMatches(Object aud, String expected) {
        if (aud instanceof String s) {
            return s.equals(expected);
        }
        if (aud instanceof Collection<?> list) {
            return list.contains(expected);
        }
        return false;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
