package org.vigie.device;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/**
 * Proof that a device holds the private part of a new key: a compact JWS carrying that public
 * key in its {@code jwk} header (as DPoP does, RFC 9449) and signed by it, explicitly typed
 * ({@code typ}, RFC 8725 §3.11) so that a proof made for one purpose is refused for another, fresh
 * and addressed to this device API ({@link SignedClaims}). Enrolment sends one as its whole body;
 * a key rotation carries one inside the request its old key signs.
 */
public final class KeyProof {

    /** {@code typ} of an enrolment request. */
    public static final String ENROLMENT = "vigie-enrol+jwt";
    /** {@code typ} of the new key's half of a key rotation. */
    public static final String NEW_KEY = "vigie-new-key+jwt";

    /** A verified proof: the key it proves, accepted as an enrolment would, and its claims. */
    public record Verified(DeviceKeys.AcceptedKey key, Map<String, Object> claims) {
    }

    private KeyProof() {
    }

    /**
     * @throws DeviceEnrolment.Refused {@code 400 invalid_key} for a key Vigie does not accept (checked
     * before the signature, with the enrolment's own descriptions), {@code 401 invalid_proof} for
     * anything else: not a JWS, wrong {@code typ}, bad signature, wrong {@code aud}, stale {@code iat}
     */
    public static Verified verify(String compact, String type, String audience) throws DeviceEnrolment.Refused {
        Map<String, Object> header = header(compact);
        DeviceKeys.AcceptedKey key;
        try {
            key = DeviceKeys.accept(header.get("jwk") instanceof Map<?, ?> jwk ? cast(jwk) : null);
        } catch (DeviceKeys.InvalidKeyException e) {
            throw new DeviceEnrolment.Refused(400, "invalid_key", e.getMessage());
        }
        if (!type.equals(header.get("typ"))) {
            throw invalid("typ must be " + type);
        }
        JWSObject jws;
        Map<String, Object> claims;
        try {
            jws = JWSObject.parse(compact);
            claims = jws.getPayload().toJSONObject();
        } catch (ParseException | RuntimeException e) {
            throw invalid("not a compact JWS with a JSON payload");
        }
        if (claims == null || !DeviceKeys.verify(jws, key)) {
            throw invalid("the signature does not verify with the key of the jwk header");
        }
        String stale = SignedClaims.problem(claims, audience, false);
        if (stale != null) {
            throw invalid(stale);
        }
        return new Verified(key, claims);
    }

    /** The protected header as JSON, read before Nimbus so that a bad key gets the enrolment's own answer. */
    private static Map<String, Object> header(String compact) throws DeviceEnrolment.Refused {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("not a compact JWS (three base64url parts)");
        }
        try {
            Map<?, ?> header = JsonSerialization.readValue(new Base64URL(parts[0]).decode(), Map.class);
            if (header == null) {
                throw invalid("the JWS header is not a JSON object");
            }
            return cast(header);
        } catch (IOException | RuntimeException e) {
            throw invalid("the JWS header is not a JSON object");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static DeviceEnrolment.Refused invalid(String description) {
        return new DeviceEnrolment.Refused(401, "invalid_proof", description);
    }
}
