package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.Browser;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.KeyType;

/**
 * Keycloak's own Account Console, with the realm and theme as shipped: a practitioner signs in
 * through the Vigie login (approved on the phone), sees their devices (name, enrolment date, last
 * use) and removes one; the removed device is refused and the practitioner's pending logins end.
 * In real Chromium, with no Content-Security-Policy refusal in the browser's console. The roles
 * scope the console needs reaches no health service's tokens.
 */
class AccountConsoleIT {

    static KeycloakServer server;
    static Vigie vigie;
    Chromium browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = Chromium.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = KeycloakServer.get();
        vigie = new Vigie(server);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        vigie.clock(0);
    }

    @Test
    void thePractitionerSeesTheirDevicesAndRemovesOne(TestInfo info) {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        DeviceClient tablet = vigie.newDevice(KeyType.ED25519);
        assertTrue(tablet.enroll(practitioner.rpps(), vigie.activationCode(practitioner), Vigie.PIN, "Tablette").ok());
        browser = Chromium.start(info.getTestMethod().orElseThrow().getName(), Chromium.Options.french());
        List<String> console = new ArrayList<>();

        // Signing in to the Account Console is a Vigie login, approved on the phone.
        browser.open(server.realmUrl() + "/account/account-security/signing-in");
        waitOrExplain(30, "#identifier", "the Account Console did not reach the Vigie login", console);
        browser.find("#identifier").sendKeys(practitioner.rpps());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(30, "#vigie-code");
        // A Vigie login page, checked as every other (its CSP, its console, axe).
        browser.page("waiting");
        assertTrue(phone.approveByCode(browser.text("#vigie-code"), Vigie.PIN).ok());
        String list = "[data-testid='vigie-device/credential-list']";
        waitOrExplain(60, list, "the Signing in page did not list the devices", console);
        browser.waitFor(30, "both devices listed", d -> d.findElements(By.cssSelector(list + " [data-testrole='label']")).size() == 2);
        browser.screenshot("signing-in");

        // Each device with its name, its enrolment date, and its last use (the phone was just used, the tablet never).
        WebElement phoneRow = row(list, "IT phone");
        WebElement tabletRow = row(list, "Tablette");
        assertTrue(phoneRow.getText().contains("Dernière utilisation (heure de Paris)"), phoneRow.getText());
        assertTrue(phoneRow.getText().contains(lastUseShown(practitioner, phone)), phoneRow.getText());
        assertTrue(tabletRow.getText().contains("Pas encore utilisé pour se connecter."), tabletRow.getText());
        for (WebElement device : List.of(phoneRow, tabletRow)) {
            String created = device.findElement(By.cssSelector("[data-testrole='created-at']")).getText();
            ZonedDateTime today = Instant.ofEpochSecond(vigie.serverNow()).atZone(Vigie.PARIS); // the server's clock, as the tests set it
            assertTrue(created.startsWith("Créé") && created.contains(String.valueOf(today.getYear())), created);
        }
        // Practitioners hold no password nor OTP (the realm's required actions for them are off):
        // the console offers none to set up, so none can be phished and used by a flow added later.
        String page = browser.find("body").getText();
        assertFalse(page.contains("Application d'authentification") || page.contains("Configurer Mot de passe"), page);
        collectConsole(console);

        // The policy in force on the console's page refuses inline script: the realm's header allows
        // it, so this is the <meta> policy after the import map.
        browser.assertInlineScriptRefused("account-console");

        // A login of the same practitioner waits in another browser; removing the tablet ends it.
        Login pending = new Login(server).typeIdentifier(practitioner.rpps());
        String challengeId = pending.challengeId();
        assertEquals("pending", pending.status().path("status").asText());
        tabletRow.findElement(By.cssSelector("[data-testrole='remove']")).click();
        waitOrExplain(30, "#kc-accept", "no confirmation page for the removal", console);
        assertTrue(browser.text("#kc-page-title").contains("Tablette"), browser.text("#kc-page-title"));
        browser.page("confirm-removal");
        browser.find("#kc-accept").click();
        browser.waitFor(60, "back in the Account Console with one device",
                d -> d.findElements(By.cssSelector(list + " [data-testrole='label']")).size() == 1);
        assertTrue(browser.find(list).getText().contains("IT phone"), browser.find(list).getText());
        browser.screenshot("removed");
        collectConsole(console);
        assertTrue(console.stream().noneMatch(m -> m.contains("Content Security Policy")), "CSP refusals: " + console);

        // Over HTTP: the device is gone, the removed device is refused, the pending login ended.
        JsonNode credentials = vigie.admin().get("/users/" + practitioner.userId() + "/credentials");
        Set<String> devices = new TreeSet<>();
        credentials.forEach(c -> {
            if ("vigie-device".equals(c.path("type").asText())) {
                devices.add(c.path("id").asText());
            }
        });
        assertEquals(Set.of(phone.deviceId()), devices, credentials.toString());
        assertEquals(401, tablet.pending().http().status(), "the removed device's next call");
        assertEquals("invalid_token", tablet.pending().http().error());
        assertEquals("decided", pending.status().path("status").asText(), "its pending login ended");
        DecisionResult late = phone.decide(challengeId, "approve", pending.code(), Vigie.PIN);
        assertEquals(410, late.status());
        assertEquals("challenge_cancelled", late.error());
        Browser.Page ended = pending.submitWaitingForm();
        assertTrue(ended.document().select("#vigie-restart").size() == 1, "the start-again page: " + ended.text());
        assertTrue(phone.pending().ok(), "the other device still works");
    }

    /**
     * The roles scope is a default scope of the Account Console only: the health services' tokens
     * keep exactly the claims they had before it existed (no realm_access, resource_access or
     * audience of the account client).
     */
    @Test
    void healthServicesTokensKeepTheirShape() {
        String userId = vigie.admin().userId("810001045367");
        // What the three shipped services' example tokens held before the roles scope existed (measured on the previous realm).
        Set<String> access = Set.of("Secteur_Activite", "SubjectNameID", "SubjectOrganization", "SubjectOrganizationID",
                "SubjectRefPro", "SubjectRole", "UITVersion", "azp", "exp", "family_name", "given_name", "iat", "iss", "jti",
                "otherIds", "preferred_username", "scope", "sid", "sub", "typ");
        Set<String> id = new TreeSet<>(access);
        id.remove("scope");
        id.add("aud");
        for (String client : List.of("vigie-demo", "vigie-health-service", "vigie-ciba-demo")) {
            JsonNode scopes = vigie.admin().get("/clients/" + vigie.admin().clientUuid(client) + "/default-client-scopes");
            scopes.forEach(s -> assertFalse("roles".equals(s.path("name").asText()), client + ": " + scopes));
            String base = "/clients/" + vigie.admin().clientUuid(client) + "/evaluate-scopes/";
            String query = "?scope=" + URLEncoder.encode("openid scope_all", StandardCharsets.UTF_8) + "&userId=" + userId;
            JsonNode accessToken = vigie.admin().get(base + "generate-example-access-token" + query);
            assertEquals(access, names(accessToken), client + " access token: " + accessToken);
            JsonNode idToken = vigie.admin().get(base + "generate-example-id-token" + query);
            assertEquals(id, names(idToken), client + " ID token: " + idToken);
            assertEquals(client, idToken.path("aud").asText(), client + " ID token: " + idToken);
        }
        // The console's own token does carry the account client's roles (what its REST API checks).
        JsonNode console = vigie.admin().get("/clients/" + vigie.admin().clientUuid("account-console")
                + "/evaluate-scopes/generate-example-access-token?scope=openid&userId=" + userId);
        assertTrue(console.path("resource_access").path("account").path("roles").toString().contains("\"manage-account\""), console.toString());
        assertEquals("account", console.path("aud").asText(), console.toString());

        // A real login of a health service (a practitioner who holds the default roles): no roles in its tokens either.
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps()); // the demo service: scope openid scope_all
        assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
        JsonNode tokens = login.exchangeCode();
        for (String kind : List.of("access_token", "id_token")) {
            JsonNode claims = Login.verifiedClaims(server, tokens.path(kind).asText());
            assertFalse(claims.has("resource_access") || claims.has("realm_access"), kind + ": " + claims);
            assertFalse(claims.path("aud").toString().contains("\"account\""), kind + ": " + claims);
            assertEquals(practitioner.nationalId(), claims.path("SubjectNameID").asText(), kind + ": " + claims);
        }
    }

    private static Set<String> names(JsonNode token) {
        Set<String> names = new TreeSet<>();
        token.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The phone's last use as the console shows it (dd/MM/yyyy HH:mm, Paris time), read from the admin API. */
    private static String lastUseShown(Practitioner practitioner, DeviceClient device) {
        for (JsonNode credential : vigie.admin().get("/users/" + practitioner.userId() + "/credentials")) {
            if (device.deviceId().equals(credential.path("id").asText())) {
                long lastUsed = AdminApi.parse(credential.path("credentialData").asText()).path("lastUsedAt").asLong();
                assertTrue(lastUsed > 0, credential.toString());
                return java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(Vigie.PARIS)
                        .format(Instant.ofEpochMilli(lastUsed));
            }
        }
        throw new AssertionError("no credential " + device.deviceId());
    }

    private void waitOrExplain(int seconds, String css, String what, List<String> console) {
        try {
            browser.waitForElement(seconds, css);
        } catch (TimeoutException e) {
            collectConsole(console);
            throw new AssertionError(what + "; browser console:\n" + String.join("\n", console), e);
        }
    }

    private void collectConsole(List<String> console) {
        for (LogEntry entry : browser.driver().manage().logs().get(LogType.BROWSER)) {
            if (!Chromium.isProbeRefusal(entry.getMessage())) {
                console.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
    }

    private WebElement row(String list, String label) {
        for (WebElement name : browser.findAll(list + " [data-testrole='label']")) {
            if (name.getText().trim().equals(label)) {
                return name.findElement(By.xpath("./ancestor::*[starts-with(@id,'cred-')][1]"));
            }
        }
        throw new AssertionError("no device " + label + " in " + browser.find(list).getText());
    }
}
