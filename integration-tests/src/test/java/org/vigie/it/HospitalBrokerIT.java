package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.StockKeycloak;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * A hospital's own, stock Keycloak 26.7 (no Vigie provider) brokering to Vigie with its
 * "OpenID Connect v1.0" identity provider, configured as docs/integration.md says: discovery,
 * PKCE S256, signatures against the JWKS, scope_all, essential claim acr=eidas1, the claims
 * mapped to user attributes; the e-mail form of Keycloak's defaults, and its fix; a logout started
 * at the hospital going through Vigie and back; and the logout caveat's table: with a back-channel
 * URL registered in Vigie, a logout started at the hospital ends on its error page, one started at
 * Vigie reaches the hospital, and with the hospital's own back-channel logout on both work.
 */
class HospitalBrokerIT {

    static final String HOSPITAL_REALM = "hopital";
    static final String VIGIE_CLIENT = "hopital-keycloak";
    static final String VIGIE_CLIENT_SECRET = "hopital-keycloak-it-secret-0123456789";
    static final String APP = "hopital-app";
    static final String FIXED_FLOW = "vigie first broker login";

    static KeycloakServer vigieServer;
    static Vigie vigie;
    static StockKeycloak hospital;
    static HttpServer app;
    static final BlockingQueue<Map<String, String>> callbacks = new LinkedBlockingQueue<>();

    String testName;
    Chromium browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            try {
                browser.screenshot("FAILED");
            } catch (RuntimeException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
            context.getExecutionException().get().addSuppressed(new AssertionError("hospital Keycloak log:\n" + hospital.tail()));
        }
    };

    @BeforeAll
    static void start() throws IOException {
        Chromium.requireInstalled();
        vigieServer = KeycloakServer.get();
        vigie = new Vigie(vigieServer);
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", HospitalBrokerIT::appPage);
        app.start();
        hospital = StockKeycloak.start();
        registerHospitalInVigie(vigie.admin());
        configureHospital();
    }

    @AfterAll
    static void stop() {
        if (hospital != null) {
            hospital.close();
        }
        if (app != null) {
            app.stop(0);
        }
        if (vigie != null) {
            HttpResponse<String> deleted = vigie.admin().send("DELETE", "/clients/" + vigie.admin().clientUuid(VIGIE_CLIENT), null);
            assertEquals(204, deleted.statusCode(), deleted.body());
            vigie.clock(0);
        }
    }

    @BeforeEach
    void realTime(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        callbacks.clear();
        // The hospital's Keycloak checks Vigie's token times against its own clock: Vigie's runs on real time here.
        vigie.clockAt(ZonedDateTime.now(Vigie.PARIS));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    static String appUrl() {
        return "http://127.0.0.1:" + app.getAddress().getPort();
    }

    static String hospitalRealmUrl() {
        return hospital.baseUrl() + "/realms/" + HOSPITAL_REALM;
    }

    static String brokerEndpoint() {
        return hospitalRealmUrl() + "/broker/vigie/endpoint";
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void keycloakDefaultsStopTheFirstLoginOnAFormAskingForAnEmail() {
        useFirstLoginFlow("first broker login");
        setEmailRequired(true);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        browser = Chromium.start(testName, Chromium.Options.french());
        beginAtHospital();
        approveAtVigie(practitioner, device);

        browser.waitFor(20, "the hospital's review-profile form", d -> d.getCurrentUrl().startsWith(hospitalRealmUrl()) && browser.has("#email"));
        browser.screenshot("hospital-asks-for-email");
        assertTrue(callbacks.isEmpty(), "the application got nothing: the login stopped at the hospital");
    }

    @Test
    void withTheFixThePractitionerArrivesMappedAndLogsOutThroughVigie() throws Exception {
        useFirstLoginFlow(FIXED_FLOW);
        setEmailRequired(false);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        browser = Chromium.start(testName, Chromium.Options.french());
        OidcClient client = beginAtHospital();
        approveAtVigie(practitioner, device);

        Map<String, String> callback = awaitCallback();
        assertEquals(client.state(), callback.get("state"));
        assertFalse(callback.containsKey("error"), callback.toString());
        browser.screenshot("application");
        JsonNode tokens = exchange(client, callback.get("code"));
        JsonNode idToken = payload(tokens.get("id_token").asText());
        assertEquals(practitioner.nationalId(), idToken.get("preferred_username").asText(), "username from SubjectNameID");
        assertEquals("Test", idToken.get("given_name").asText());
        assertEquals("Praticien", idToken.get("family_name").asText());

        // The hospital's user: linked to Vigie, with the PSC claims as attributes (SubjectRefPro as text).
        JsonNode users = hospital.get("/" + HOSPITAL_REALM + "/users?exact=true&briefRepresentation=false&username=" + practitioner.nationalId());
        assertEquals(1, users.size(), users.toString());
        JsonNode attributes = users.get(0).get("attributes");
        assertEquals(practitioner.nationalId(), attributes.get("SubjectNameID").get(0).asText());
        // The stock Attribute Importer stores the object's Java text form ({codeProfession=10, …}), not JSON:
        // the parts an application needs are mapped one by one, by path into UserInfo (docs/integration.md).
        String refPro = attributes.get("SubjectRefPro").get(0).asText();
        assertTrue(refPro.contains("codeProfession=10") && !refPro.contains("\"codeProfession\""), refPro);
        assertEquals("10", attributes.path("codeProfession").path(0).asText(), attributes.toString());
        assertEquals("Cabinet de test", attributes.path("raisonSocialeSite").path(0).asText(), attributes.toString());
        assertFalse(users.get(0).has("email"), "no e-mail was invented");
        JsonNode links = hospital.get("/" + HOSPITAL_REALM + "/users/" + users.get(0).get("id").asText() + "/federated-identity");
        assertEquals("vigie", links.get(0).get("identityProvider").asText());

        // A logout started at the hospital: through Vigie (its session ends) and back to the application.
        assertEquals(1, vigie.admin().get("/users/" + practitioner.userId() + "/sessions").size());
        browser.open(hospitalRealmUrl() + "/protocol/openid-connect/logout?client_id=" + APP
                + "&id_token_hint=" + tokens.get("id_token").asText()
                + "&post_logout_redirect_uri=" + URLEncoder.encode(appUrl() + "/logged-out", StandardCharsets.UTF_8));
        browser.waitFor(20, "back at the application after logout", d -> d.getCurrentUrl().startsWith(appUrl() + "/logged-out"));
        browser.screenshot("logged-out");
        assertEquals(0, vigie.admin().get("/users/" + practitioner.userId() + "/sessions").size(), "Vigie's session ended too");
    }

    @Test
    void withABackChannelUrlRegisteredALogoutStartedAtTheHospitalEndsOnItsErrorPage() throws Exception {
        backChannelLogoutUrl(hospitalRealmUrl() + "/protocol/openid-connect/logout/backchannel-logout");
        try {
            SignedIn signedIn = signInThroughHospital();
            logoutAtHospital(signedIn.tokens());
            // Vigie calls the hospital's back-channel endpoint while the browser is still on its way
            // back: the hospital's session, which held the logout in progress, is gone on arrival.
            browser.waitFor(20, "the hospital's logout_response", d -> d.getCurrentUrl().startsWith(brokerEndpoint() + "/logout_response"));
            browser.waitFor(10, "its error page", d -> browser.text("body").contains("Unexpected error when authenticating with identity provider"));
            browser.screenshot("hospital-logout-error");
            assertFalse(browser.url().startsWith(appUrl()), "the application's post-logout page is not reached");
            assertEquals(0, vigie.admin().get("/users/" + signedIn.practitioner().userId() + "/sessions").size(), "Vigie's session ended");
            assertEquals(0, hospitalSessions(signedIn).size(), "the hospital's session ended too");
        } finally {
            backChannelLogoutUrl(null);
        }
    }

    @Test
    void withABackChannelUrlRegisteredALogoutStartedAtVigieEndsTheHospitalSession() throws Exception {
        backChannelLogoutUrl(hospitalRealmUrl() + "/protocol/openid-connect/logout/backchannel-logout");
        try {
            SignedIn signedIn = signInThroughHospital();
            assertEquals(1, hospitalSessions(signedIn).size());
            // An operator signs the practitioner out at Vigie (or another service's logout ends the session).
            HttpResponse<String> logout = vigie.admin().send("POST", "/users/" + signedIn.practitioner().userId() + "/logout", null);
            assertEquals(204, logout.statusCode(), logout.body());
            assertEquals(0, hospitalSessions(signedIn).size(), "the hospital heard of it by back-channel");
        } finally {
            backChannelLogoutUrl(null);
        }
    }

    @Test
    void withBackChannelBothWaysALogoutStartedAtTheHospitalComesBackToTheApplication() throws Exception {
        backChannelLogoutUrl(hospitalRealmUrl() + "/protocol/openid-connect/logout/backchannel-logout");
        hospitalSendsBackChannelLogout(true);
        try {
            SignedIn signedIn = signInThroughHospital();
            logoutAtHospital(signedIn.tokens());
            browser.waitFor(20, "back at the application after logout", d -> d.getCurrentUrl().startsWith(appUrl() + "/logged-out"));
            browser.screenshot("logged-out-back-channel");
            assertEquals(0, vigie.admin().get("/users/" + signedIn.practitioner().userId() + "/sessions").size(),
                    "Vigie's session ended, server to server");
            assertEquals(0, hospitalSessions(signedIn).size());
        } finally {
            hospitalSendsBackChannelLogout(false);
            backChannelLogoutUrl(null);
        }
    }

    record SignedIn(Practitioner practitioner, JsonNode tokens, String hospitalUserId) {
    }

    /** A practitioner signed in at the hospital's application through Vigie (the fixed first login). */
    private SignedIn signInThroughHospital() throws Exception {
        useFirstLoginFlow(FIXED_FLOW);
        setEmailRequired(false);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        browser = Chromium.start(testName, Chromium.Options.french());
        OidcClient client = beginAtHospital();
        approveAtVigie(practitioner, device);
        JsonNode tokens = exchange(client, awaitCallback().get("code"));
        String hospitalUser = hospital.get("/" + HOSPITAL_REALM + "/users?exact=true&username=" + practitioner.nationalId())
                .get(0).get("id").asText();
        return new SignedIn(practitioner, tokens, hospitalUser);
    }

    private void logoutAtHospital(JsonNode tokens) {
        browser.open(hospitalRealmUrl() + "/protocol/openid-connect/logout?client_id=" + APP
                + "&id_token_hint=" + tokens.get("id_token").asText()
                + "&post_logout_redirect_uri=" + URLEncoder.encode(appUrl() + "/logged-out", StandardCharsets.UTF_8));
    }

    private static JsonNode hospitalSessions(SignedIn signedIn) {
        return hospital.get("/" + HOSPITAL_REALM + "/users/" + signedIn.hospitalUserId() + "/sessions");
    }

    /** The hospital identity provider's "Backchannel logout": it ends Vigie's session server to server. */
    private static void hospitalSendsBackChannelLogout(boolean on) {
        String path = "/" + HOSPITAL_REALM + "/identity-provider/instances/vigie";
        ObjectNode provider = (ObjectNode) hospital.get(path);
        ((ObjectNode) provider.get("config")).put("backchannelSupported", Boolean.toString(on));
        hospital.call("PUT", path, provider);
    }

    /** The Backchannel logout URL of the hospital's client in Vigie (empty: none). */
    private static void backChannelLogoutUrl(String url) {
        AdminApi admin = vigie.admin();
        String uuid = admin.clientUuid(VIGIE_CLIENT);
        ObjectNode client = (ObjectNode) admin.get("/clients/" + uuid);
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("backchannel.logout.url", url == null ? "" : url);
        attributes.put("backchannel.logout.session.required", "true");
        HttpResponse<String> updated = admin.send("PUT", "/clients/" + uuid, client);
        assertEquals(204, updated.statusCode(), updated.body());
    }

    // ---------------------------------------------------------------------------------------------

    private OidcClient beginAtHospital() {
        OidcClient client = new OidcClient(hospitalRealmUrl());
        browser.open(client.authorizationUrl(Map.of("client_id", APP, "redirect_uri", appUrl() + "/callback",
                "scope", "openid", "kc_idp_hint", "vigie")));
        browser.waitForElement(20, "#vigie-identifier-form");
        assertTrue(browser.url().startsWith(vigieServer.realmUrl()), browser.url());
        assertTrue(browser.url().contains("acr_values=eidas1"), "acr_values passed on: " + browser.url());
        assertTrue(browser.url().contains("code_challenge_method=S256"), browser.url());
        assertEquals("Hôpital (Keycloak de l'établissement)", browser.text("#vigie-service-name"));
        browser.page("vigie-identifier");
        return client;
    }

    private void approveAtVigie(Practitioner practitioner, DeviceClient device) {
        browser.find("#identifier").sendKeys(practitioner.rpps());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-waiting");
        String code = browser.text("#vigie-code");
        PendingChallenge challenge = Vigie.onlyPending(device);
        assertTrue(device.decide(challenge.id(), "approve", code, Vigie.PIN).ok());
    }

    private static Map<String, String> awaitCallback() throws InterruptedException {
        Map<String, String> callback = callbacks.poll(20, TimeUnit.SECONDS);
        if (callback == null) {
            throw new AssertionError("the application got no callback");
        }
        return callback;
    }

    /** Vigie's client for the hospital's Keycloak, as docs/integration.md describes it (no back-channel URL). */
    private static void registerHospitalInVigie(AdminApi admin) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", VIGIE_CLIENT);
        client.put("name", "Hôpital (Keycloak de l'établissement)");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", VIGIE_CLIENT_SECRET);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("frontchannelLogout", false);
        client.put("redirectUris", List.of(brokerEndpoint()));
        client.put("attributes", Map.of("pkce.code.challenge.method", "S256",
                "post.logout.redirect.uris", brokerEndpoint() + "/logout_response"));
        client.put("fullScopeAllowed", false);
        client.put("defaultClientScopes", List.of("basic", "acr", "web-origins"));
        client.put("optionalClientScopes", List.of("scope_all"));
        HttpResponse<String> created = admin.send("POST", "/clients", client);
        assertEquals(201, created.statusCode(), created.body());
    }

    /** The hospital realm, its application, the identity provider from Vigie's discovery, the mappers, the fixed flow. */
    private static void configureHospital() {
        hospital.call("POST", "", Map.of("realm", HOSPITAL_REALM, "enabled", true));
        String realm = "/" + HOSPITAL_REALM;
        hospital.call("POST", realm + "/clients", Map.of("clientId", APP, "publicClient", true, "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false, "redirectUris", List.of(appUrl() + "/callback"),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", appUrl() + "/logged-out")));

        // "Discovery endpoint": the admin console fills the provider's URLs from Vigie's discovery document.
        JsonNode imported = AdminApi.parse(hospital.call("POST", realm + "/identity-provider/import-config",
                Map.of("providerId", "oidc", "fromUrl", vigieServer.realmUrl() + "/.well-known/openid-configuration")).body());
        ObjectNode config = imported.deepCopy();
        config.put("clientId", VIGIE_CLIENT);
        config.put("clientSecret", VIGIE_CLIENT_SECRET);
        config.put("clientAuthMethod", "client_secret_basic");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        config.put("validateSignature", "true");
        config.put("useJwksUrl", "true");
        config.put("defaultScope", "openid scope_all");
        config.put("filteredByClaim", "true");
        config.put("claimFilterName", "acr");
        config.put("claimFilterValue", "eidas1");
        config.put("syncMode", "FORCE");
        config.put("backchannelSupported", "false");
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("alias", "vigie");
        provider.put("displayName", "Pro Santé (Vigie)");
        provider.put("providerId", "oidc");
        provider.put("enabled", true);
        provider.put("trustEmail", false);
        provider.put("config", config);
        hospital.call("POST", realm + "/identity-provider/instances", provider);

        mapper("username", "oidc-username-idp-mapper", Map.of("template", "${CLAIM.SubjectNameID}"));
        mapper("SubjectNameID", "oidc-user-attribute-idp-mapper", Map.of("claim", "SubjectNameID", "user.attribute", "SubjectNameID"));
        mapper("given_name", "oidc-user-attribute-idp-mapper", Map.of("claim", "given_name", "user.attribute", "firstName"));
        mapper("family_name", "oidc-user-attribute-idp-mapper", Map.of("claim", "family_name", "user.attribute", "lastName"));
        mapper("SubjectRefPro", "oidc-user-attribute-idp-mapper", Map.of("claim", "SubjectRefPro", "user.attribute", "SubjectRefPro"));
        mapper("codeProfession", "oidc-user-attribute-idp-mapper",
                Map.of("claim", "SubjectRefPro.exercices[0].codeProfession", "user.attribute", "codeProfession"));
        mapper("raisonSocialeSite", "oidc-user-attribute-idp-mapper",
                Map.of("claim", "SubjectRefPro.exercices[0].activities[0].raisonSocialeSite", "user.attribute", "raisonSocialeSite"));

        // Declared in the user profile, or Keycloak 26 drops them.
        ObjectNode profile = (ObjectNode) hospital.get(realm + "/users/profile");
        ArrayNode declared = (ArrayNode) profile.get("attributes");
        for (String name : List.of("SubjectNameID", "SubjectRefPro", "codeProfession", "raisonSocialeSite")) {
            ObjectNode attribute = declared.addObject();
            attribute.put("name", name);
            attribute.put("displayName", name);
            ObjectNode permissions = attribute.putObject("permissions");
            permissions.putArray("view").add("admin");
            permissions.putArray("edit").add("admin");
            attribute.putObject("validations");
        }
        hospital.call("PUT", realm + "/users/profile", profile);

        // The fix of the e-mail form: first broker login without Review Profile.
        hospital.call("POST", realm + "/authentication/flows/" + path("first broker login") + "/copy", Map.of("newName", FIXED_FLOW));
        for (JsonNode execution : hospital.get(realm + "/authentication/flows/" + path(FIXED_FLOW) + "/executions")) {
            if ("idp-review-profile".equals(execution.path("providerId").asText())) {
                ObjectNode disabled = execution.deepCopy();
                disabled.put("requirement", "DISABLED");
                hospital.call("PUT", realm + "/authentication/flows/" + path(FIXED_FLOW) + "/executions", disabled);
            }
        }
    }

    private static void useFirstLoginFlow(String flow) {
        String path = "/" + HOSPITAL_REALM + "/identity-provider/instances/vigie";
        ObjectNode provider = (ObjectNode) hospital.get(path);
        provider.put("firstBrokerLoginFlowAlias", flow);
        hospital.call("PUT", path, provider);
    }

    private static void setEmailRequired(boolean required) {
        String path = "/" + HOSPITAL_REALM + "/users/profile";
        ObjectNode profile = (ObjectNode) hospital.get(path);
        for (JsonNode attribute : profile.get("attributes")) {
            if ("email".equals(attribute.path("name").asText())) {
                if (required) {
                    ((ObjectNode) attribute).putObject("required").putArray("roles").add("user");
                } else {
                    ((ObjectNode) attribute).remove("required");
                }
            }
        }
        hospital.call("PUT", path, profile);
    }

    private static void mapper(String name, String type, Map<String, String> config) {
        Map<String, String> withSync = new LinkedHashMap<>(config);
        withSync.put("syncMode", "INHERIT");
        hospital.call("POST", "/" + HOSPITAL_REALM + "/identity-provider/instances/vigie/mappers",
                Map.of("name", name, "identityProviderAlias", "vigie", "identityProviderMapper", type, "config", withSync));
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode exchange(OidcClient client, String code) throws IOException, InterruptedException {
        String form = "grant_type=authorization_code&client_id=" + APP + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(appUrl() + "/callback", StandardCharsets.UTF_8)
                + "&code_verifier=" + client.codeVerifier();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hospitalRealmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return AdminApi.parse(response.body());
    }

    private static JsonNode payload(String jwt) {
        return AdminApi.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** The hospital's application: it only receives the browser (callback, after logout). */
    private static void appPage(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        if (exchange.getRequestURI().getPath().equals("/callback")) {
            callbacks.add(query);
        }
        byte[] body = ("<!DOCTYPE html><html lang=\"fr\"><head><title>Application de l'hôpital</title><link rel=\"icon\" href=\"data:,\"></head>"
                + "<body><main><h1>Application de l'hôpital</h1><p>" + exchange.getRequestURI().getPath() + "</p></main></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
