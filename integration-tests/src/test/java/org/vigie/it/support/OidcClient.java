package org.vigie.it.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo relying party {@code vigie-demo}: a public client using PKCE S256, as PSC clients do. */
public final class OidcClient {

    public static final String CLIENT_ID = "vigie-demo";
    public static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

    private final String realmUrl;
    private final String state = random();
    private final String nonce = random();
    private final String codeVerifier = random() + random();

    public OidcClient(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String state() {
        return state;
    }

    public String nonce() {
        return nonce;
    }

    public String codeVerifier() {
        return codeVerifier;
    }

    public String authorizationUrl(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("response_type", "code");
        params.put("scope", "openid scope_all");
        params.put("acr_values", "eidas1");
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(codeVerifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return realmUrl + "/protocol/openid-connect/auth?" + params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String authorizationUrl() {
        return authorizationUrl(Map.of());
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
