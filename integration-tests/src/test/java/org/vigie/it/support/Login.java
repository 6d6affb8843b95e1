package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Element;

/** One login of the demo relying party, step by step, as a browser and the relying party do it. */
public final class Login {

    private final KeycloakServer server;
    private final Browser browser;
    private final OidcClient client;
    private Browser.Page page;

    public Login(KeycloakServer server, Map<String, String> extra) {
        this(server, extra, null);
    }

    private Login(KeycloakServer server, Map<String, String> extra, String address) {
        this.server = server;
        this.browser = new Browser(OidcClient.REDIRECT_URI).from(address);
        this.client = new OidcClient(server.realmUrl());
        this.page = browser.get(client.authorizationUrl(extra));
    }

    /** A login from a browser at another address (as the test server's trusted proxy reports it). */
    public static Login from(KeycloakServer server, String address) {
        return new Login(server, Map.of(), address);
    }

    public Login(KeycloakServer server) {
        this(server, Map.of());
    }

    public Browser.Page page() {
        return page;
    }

    public OidcClient client() {
        return client;
    }

    /** Opens a URL in this login's browser (same cookies), e.g. a second authorization request. */
    public Browser.Page open(String url) {
        page = browser.get(url);
        return page;
    }

    /** Submits the identifier, whatever page comes next. */
    public Login identify(String identifier) {
        page = browser.submit(page, "#vigie-identifier-form", Map.of("identifier", identifier));
        return this;
    }

    /** Asks for an enrolment link by e-mail for this identifier ("enrol a phone" on the identifier page). */
    public Login requestEnrolmentLink(String identifier) {
        page = browser.submit(page, "#vigie-identifier-form", Map.of("identifier", identifier, "enrol", "1"));
        return this;
    }

    /** Submits the identifier and expects the waiting page. */
    public Login typeIdentifier(String identifier) {
        identify(identifier);
        if (page.document().selectFirst("#vigie-waiting") == null) {
            throw new AssertionError("expected the waiting page, got " + page.url() + "\n" + page.text());
        }
        return this;
    }

    /** The code the waiting page shows. */
    public String code() {
        Element code = page.document().selectFirst("#vigie-code");
        if (code == null) {
            throw new AssertionError("no code on " + page.text());
        }
        return code.text().trim();
    }

    /** The id of the challenge the waiting page waits for (in its status URL). */
    public String challengeId() {
        String url = page.document().selectFirst("#vigie-waiting").attr("data-status-url");
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Goes back to the identifier page of this same login ("change identifier" link). */
    public Login restart() {
        Element link = page.document().selectFirst("#vigie-not-me");
        if (link == null) {
            throw new AssertionError("no change-identifier link on " + page.text());
        }
        page = browser.get(link.absUrl("href"));
        return this;
    }

    /** The waiting page's status URL (the endpoint its script asks). */
    public String statusUrl() {
        return page.document().selectFirst("#vigie-waiting").attr("data-status-url");
    }

    /**
     * The page script's long poll: the status endpoint asked to wait up to {@code seconds} for a
     * decision. Returns the HTTP status and the JSON answer.
     */
    public static HttpResponse<String> longPoll(String statusUrl, int seconds) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statusUrl + "&wait=" + seconds))
                    .timeout(java.time.Duration.ofSeconds(seconds + 30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the page's script would learn from the status endpoint. */
    public JsonNode status() {
        String url = page.document().selectFirst("#vigie-waiting").attr("data-status-url");
        return AdminApi.parse(browser.get(url).body());
    }

    /** Submits the waiting page's form, as the script (or a person without JavaScript) does. */
    public Browser.Page submitWaitingForm() {
        page = browser.submit(page, "#vigie-approval-form", Map.of("check", "1"));
        return page;
    }

    /** Submits a form of the current page (pages after the approval, e.g. delegation). */
    public Browser.Page submit(String formSelector, Map<String, String> fields) {
        page = browser.submit(page, formSelector, fields);
        return page;
    }

    public Browser.Page quit() {
        page = browser.submit(page, "#vigie-approval-form", Map.of("cancel", "quit"));
        return page;
    }

    public boolean reachedRelyingParty() {
        return page.url().startsWith(OidcClient.REDIRECT_URI);
    }

    /** Exchanges the authorization code with the PKCE verifier; returns the token response. */
    public JsonNode exchangeCode() {
        return exchangeCode(server);
    }

    /** The same, at another server's token endpoint (another node of a cluster). */
    public JsonNode exchangeCode(KeycloakServer tokenServer) {
        String code = page.query().get("code");
        if (code == null) {
            throw new AssertionError("no code at the relying party: " + page.url());
        }
        String form = "grant_type=authorization_code&client_id=" + OidcClient.CLIENT_ID
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(OidcClient.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&code_verifier=" + client.codeVerifier();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(tokenServer.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token exchange failed: " + response.statusCode() + " " + response.body());
            }
            return AdminApi.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The UserInfo endpoint's JSON answer for an access token. */
    public static JsonNode userInfo(KeycloakServer server, String accessToken) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("userinfo: " + response.statusCode() + " " + response.body());
            }
            return AdminApi.parse(response.body());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The UserInfo endpoint's HTTP status for an access token (200, or 401 once its session is gone). */
    public static int userInfoStatus(KeycloakServer server, String accessToken) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Verifies a JWT's signature against the realm's JWKS and returns its claims. */
    public static JsonNode verifiedClaims(KeycloakServer server, String jwt) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.realmUrl() + "/protocol/openid-connect/certs")).build(), HttpResponse.BodyHandlers.ofString()).body();
            RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(signed.getHeader().getKeyID());
            if (key == null || !signed.verify(new RSASSAVerifier(key))) {
                throw new AssertionError("ID token signature does not verify against the realm's JWKS");
            }
            return AdminApi.parse(signed.getPayload().toString());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
