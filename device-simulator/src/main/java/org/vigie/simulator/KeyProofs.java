package org.vigie.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWSs that prove a key (docs/device-api.md, sections 1 and 6): signed by a key whose public half
 * is in the {@code jwk} header, with an explicit {@code typ}. Built by hand (JSON header and
 * payload as given) so that tests can also send the headers a real app never would.
 */
public final class KeyProofs {

    public static final String ENROLMENT = "vigie-enrol+jwt";
    public static final String NEW_KEY = "vigie-new-key+jwt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyProofs() {
    }

    /** The proof of {@code key}: header {@code alg}, {@code typ}, {@code jwk} (its public half). */
    public static String prove(JWK key, String typ, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", KeyType.of(key).algorithm().getName());
        header.put("typ", typ);
        header.put("jwk", key.toPublicJWK().toJSONObject());
        return sign(key, header, claims);
    }

    /** Signs header and claims exactly as given with {@code key}. */
    public static String sign(JWK key, Map<String, Object> header, Map<String, Object> claims) {
        try {
            String input = Base64URL.encode(JSON.writeValueAsBytes(header)) + "." + Base64URL.encode(JSON.writeValueAsBytes(claims));
            KeyType type = KeyType.of(key);
            JWSSigner signer = type == KeyType.P256 ? new ECDSASigner(key.toECKey()) : new Ed25519Signer(key.toOctetKeyPair());
            Base64URL signature = signer.sign(new JWSHeader(type.algorithm()), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (JsonProcessingException | JOSEException e) {
            throw new IllegalStateException("Cannot sign with the device key", e);
        }
    }
}
