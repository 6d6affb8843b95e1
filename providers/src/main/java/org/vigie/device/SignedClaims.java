package org.vigie.device;

import java.util.Collection;
import java.util.Map;
import org.keycloak.common.util.Time;

/**
 * The one rule for what a device signs being fresh and meant for this API: {@code aud} names the
 * device API, {@code iat} is within {@value #MAX_CLOCK_SKEW} s of the server's clock, and an
 * {@code exp}, when present (or required), is in the future and at most {@value #MAX_TOKEN_LIFETIME}
 * s after {@code iat}. Used for API calls, decisions, enrolments and key rotations alike.
 */
public final class SignedClaims {

    /** How far a device clock may drift from ours. */
    public static final long MAX_CLOCK_SKEW = 60;
    /** Longest validity a device may give what it signs. */
    public static final long MAX_TOKEN_LIFETIME = 120;
    /** How long a one-time {@code jti} must be remembered: longer than any {@code iat} still accepted. */
    public static final long JTI_MEMORY_SECONDS = 2 * (MAX_CLOCK_SKEW + MAX_TOKEN_LIFETIME);

    private SignedClaims() {
    }

    /** Null when the claims are fresh and for {@code audience}; otherwise what is wrong, for the error description. */
    public static String problem(Map<String, Object> claims, String audience, boolean requireExpiry) {
        if (!audienceMatches(claims.get("aud"), audience)) {
            return "aud must be " + audience;
        }
        long now = Time.currentTime();
        Long iat = number(claims.get("iat"));
        if (iat == null || Math.abs(now - iat) > MAX_CLOCK_SKEW) {
            return "iat missing or more than " + MAX_CLOCK_SKEW + " s away from server time";
        }
        Long exp = number(claims.get("exp"));
        if (requireExpiry && exp == null) {
            return "exp is required";
        }
        if (exp != null && (now >= exp || exp - iat > MAX_TOKEN_LIFETIME)) {
            return "expired, or valid for more than " + MAX_TOKEN_LIFETIME + " s";
        }
        return null;
    }

    /** The string claim, null when absent; {@code null} too when it is not a string of at most {@code maxLength}. */
    public static String string(Map<String, Object> claims, String claim, int maxLength) {
        return claims.get(claim) instanceof String s && s.length() <= maxLength ? s : null;
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
