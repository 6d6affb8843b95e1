package org.vigie.device;

import java.util.Map;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * An enrolment as the device sends it: a {@link KeyProof} of type {@value KeyProof#ENROLMENT}
 * whose claims are the enrolment's fields. The activation code is among what the new key signs,
 * so the key enrolled is the one whose holder redeemed the code; {@code aud}, {@code iat} and a
 * one-time {@code jti} make a replayed or relayed request fail (docs/security-model.md).
 */
public final class EnrolmentRequest {

    private EnrolmentRequest() {
    }

    public static DeviceEnrolment.Enrolled enroll(KeycloakSession session, RealmModel realm, ClientConnection connection,
                                                  String compact, String audience) throws DeviceEnrolment.Refused {
        KeyProof.Verified proof = KeyProof.verify(compact.trim(), KeyProof.ENROLMENT, audience);
        Map<String, Object> claims = proof.claims();
        if (claims.containsKey("pin")) {
            throw invalid("the PIN never leaves the phone: send pinVerifier (see the device API)");
        }
        return new DeviceEnrolment(session, realm, connection).enroll(required(claims, "identifier", 64),
                required(claims, "activationCode", 64), proof.key(), required(claims, "pinVerifier", 64),
                optional(claims, "deviceName", 64), required(claims, "jti", 128));
    }

    private static String required(Map<String, Object> claims, String claim, int maxLength) throws DeviceEnrolment.Refused {
        String value = optional(claims, claim, maxLength);
        if (value == null || value.isEmpty()) {
            throw invalid(claim + " is required");
        }
        return value;
    }

    private static String optional(Map<String, Object> claims, String claim, int maxLength) throws DeviceEnrolment.Refused {
        Object value = claims.get(claim);
        if (value == null) {
            return null;
        }
        String text = SignedClaims.string(claims, claim, maxLength);
        if (text == null) {
            throw invalid(claim + " must be a string of at most " + maxLength + " characters");
        }
        return text;
    }

    private static DeviceEnrolment.Refused invalid(String description) {
        return new DeviceEnrolment.Refused(400, "invalid_request", description);
    }
}
