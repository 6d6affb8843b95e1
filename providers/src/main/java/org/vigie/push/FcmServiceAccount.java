package org.vigie.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.keycloak.util.JsonSerialization;

/**
 * A Google service account key file, and the signed assertion (RFC 7523, RS256) exchanged at its
 * token endpoint for an access token with the FCM scope.
 */
record FcmServiceAccount(String clientEmail, String privateKeyId, PrivateKey privateKey, String projectId, String tokenUri) {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    static final long ASSERTION_LIFETIME_SECONDS = 3600;

    /** Thrown for a key file that is not usable; its message never contains the key. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    static FcmServiceAccount parse(String json) throws Unusable {
        if (json == null || json.isBlank()) {
            throw new Unusable("no FCM service account key in the approval step's settings");
        }
        JsonNode node;
        try {
            node = JsonSerialization.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new Unusable("the FCM service account key is not JSON");
        }
        String email = text(node, "client_email");
        String pem = text(node, "private_key");
        String project = text(node, "project_id");
        if (email.isEmpty() || pem.isEmpty() || project.isEmpty()) {
            throw new Unusable("the FCM service account key needs client_email, private_key and project_id");
        }
        String tokenUri = text(node, "token_uri");
        return new FcmServiceAccount(email, text(node, "private_key_id"), rsaKey(pem), project,
                tokenUri.isEmpty() ? DEFAULT_TOKEN_URI : tokenUri);
    }

    private static PrivateKey rsaKey(String pem) throws Unusable {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unusable("the FCM service account's private_key is not a PKCS#8 RSA key");
        }
    }

    /** The JWT assertion for {@code audience} (the token endpoint the assertion is sent to). */
    String assertion(String audience, long now) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (!privateKeyId.isEmpty()) {
            header.keyID(privateKeyId);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientEmail)
                .subject(clientEmail)
                .audience(audience)
                .claim("scope", SCOPE)
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + ASSERTION_LIFETIME_SECONDS) * 1000))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("FCM assertion signature failed", e);
        }
        return jwt.serialize();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? "" : value.asText().trim();
    }

    @Override
    public String toString() {
        return "FcmServiceAccount[" + clientEmail + ", project " + projectId + "]";
    }
}
