package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A health service registered the way a PSC-integrated one is: confidential client, PKCE S256,
 * {@code acr_values=eidas1}, {@code openid scope_all}, a post-logout redirect URI and, when given,
 * a back-channel logout URL. Created through the admin API for the tests that need a second
 * service besides {@code vigie-demo}; its pages are served by a {@link ServiceSite}.
 */
public final class ServiceClient {

    private final KeycloakServer server;
    private final String clientId;
    private final String secret;
    private final String base;

    private ServiceClient(KeycloakServer server, String clientId, String secret, String base) {
        this.server = server;
        this.clientId = clientId;
        this.secret = secret;
        this.base = base;
    }

    /** Registers a new service (fresh client id) on {@code site}, with or without a back-channel logout URL. */
    public static ServiceClient register(KeycloakServer server, ServiceSite site, String name, boolean backchannelLogout) {
        String clientId = "it-service-" + random().substring(0, 10).toLowerCase().replace('_', 'x').replace('-', 'y');
        String secret = random();
        String base = site.base();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("pkce.code.challenge.method", "S256");
        attributes.put("post.logout.redirect.uris", base + clientId + "/logged-out");
        if (backchannelLogout) {
            attributes.put("backchannel.logout.url", base + clientId + "/backchannel-logout");
            attributes.put("backchannel.logout.session.required", "true");
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("name", name);
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", false);
        client.put("secret", secret);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("frontchannelLogout", false);
        client.put("redirectUris", List.of(base + clientId + "/callback"));
        client.put("attributes", attributes);
        client.put("fullScopeAllowed", false);
        client.put("defaultClientScopes", List.of("basic", "acr", "web-origins"));
        client.put("optionalClientScopes", List.of("scope_all"));
        HttpResponse<String> created = new AdminApi(server).send("POST", "/clients", client);
        if (created.statusCode() != 201) {
            throw new AssertionError("client not created: " + created.statusCode() + " " + created.body());
        }
        return new ServiceClient(server, clientId, secret, base);
    }

    /** The same service, as seen through another node of the cluster. */
    public ServiceClient on(KeycloakServer node) {
        return new ServiceClient(node, clientId, secret, base);
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return base + clientId + "/callback";
    }

    public String postLogoutRedirectUri() {
        return base + clientId + "/logged-out";
    }

    /** One authorization request: its state, nonce and PKCE verifier, and its URL. */
    public record Request(String url, String state, String nonce, String verifier) {
    }

    /** An authorization request as PSC clients send it, plus {@code extra} parameters (which may override). */
    public Request authorization(Map<String, String> extra) {
        String state = random();
        String nonce = random();
        String verifier = random() + random();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri());
        params.put("response_type", "code");
        params.put("scope", "openid scope_all");
        params.put("acr_values", "eidas1");
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        params.values().removeIf(value -> value == null || value.isEmpty());
        return new Request(server.realmUrl() + "/protocol/openid-connect/auth?" + form(params), state, nonce, verifier);
    }

    /** Exchanges the code at the token endpoint, authenticated with the client secret. */
    public JsonNode exchange(Request request, String code) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri(),
                "code_verifier", request.verifier()), 200);
    }

    /** A refresh; {@code expectedStatus} 200 or 400 (invalid_grant once the session is gone). */
    public JsonNode refresh(String refreshToken, int expectedStatus) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), expectedStatus);
    }

    private JsonNode token(Map<String, String> params, int expectedStatus) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("client_id", clientId);
        all.put("client_secret", secret);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(all))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError("token endpoint answered " + response.statusCode() + ", expected " + expectedStatus
                        + ": " + response.body());
            }
            return AdminApi.parse(response.body());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** RP-initiated logout: the end_session_endpoint URL with id_token_hint, post_logout_redirect_uri and state. */
    public String endSessionUrl(String idToken, String state) {
        return server.realmUrl() + "/protocol/openid-connect/logout?" + form(Map.of("id_token_hint", idToken,
                "post_logout_redirect_uri", postLogoutRedirectUri(), "state", state));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
