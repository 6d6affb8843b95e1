package org.vigie.launcher.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A relying party's authorization request as PSC clients send it: PKCE S256, a fresh state and
 * nonce, {@code scope=openid scope_all}, {@code acr_values=eidas1}. The verifier is kept for the
 * token exchange.
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String state = random(16);
    private final String nonce = random(16);
    private final String verifier = random(32);

    public String state() {
        return state;
    }

    public String nonce() {
        return nonce;
    }

    public String verifier() {
        return verifier;
    }

    public String authorizationUrl(String realmUrl, String clientId, String redirectUri) {
        return authorizationUrl(realmUrl, clientId, redirectUri, Map.of());
    }

    /** {@code extra} parameters are added last and replace the defaults of the same name. */
    public String authorizationUrl(String realmUrl, String clientId, String redirectUri, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", "openid scope_all");
        params.put("acr_values", "eidas1");
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return realmUrl + "/protocol/openid-connect/auth?" + Forms.encode(params);
    }

    /** The token request's form for the code the relying party received. */
    public Map<String, String> tokenRequest(String clientId, String redirectUri, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        return form;
    }

    /** RFC 7636's S256: BASE64URL(SHA-256(ASCII(verifier))). */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
