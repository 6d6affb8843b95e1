package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/**
 * Keycloak's own Account Console lists the practitioner's devices (name, enrolment date, last use)
 * and removes one; a removed device's signed requests are refused and the practitioner's pending
 * logins end. Signed in through the Vigie login, approved on the device, in real Chromium.
 */
class AccountConsoleIT {

    static KeycloakServer server;
    static Vigie vigie;
    Chromium browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("FAILED");
        }
    };

    static JsonNode shippedHeaders;

    /**
     * The realm's strict Content-Security-Policy ({@code script-src 'self'}) refuses the Account
     * Console's inline scripts (its import map, the third-party-cookie check pages of its sign-in
     * library), and the console never gets past "Loading the Account Console". An operator who
     * offers the console allows those scripts by their hashes, as done here for the time of these
     * tests (docs/device-api.md, "Revoke a device").
     */
    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        shippedHeaders = vigie.admin().get("").path("browserSecurityHeaders");
        String csp = shippedHeaders.path("contentSecurityPolicy").asText();
        assertTrue(csp.contains("script-src 'self';"), csp);
        StringBuilder hashes = new StringBuilder();
        for (String page : java.util.List.of("/account/", "/protocol/openid-connect/3p-cookies/step1.html",
                "/protocol/openid-connect/3p-cookies/step2.html", "/protocol/openid-connect/login-status-iframe.html")) {
            for (String script : inlineScripts(server.realmUrl() + page)) {
                hashes.append(" 'sha256-").append(java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest
                        .getInstance("SHA-256").digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).append('\'');
            }
        }
        assertTrue(hashes.length() > 0, "the console's inline scripts");
        String hash = hashes.toString();
        java.util.Map<String, Object> headers = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(shippedHeaders, java.util.Map.class);
        headers.put("contentSecurityPolicy", csp.replace("script-src 'self';", "script-src 'self'" + hash + ";"));
        assertEquals(204, vigie.admin().send("PUT", "", java.util.Map.of("browserSecurityHeaders", headers)).statusCode());
    }

    /** The scripts a page runs inline (not JSON data blocks), exactly as the browser hashes them. */
    private static java.util.List<String> inlineScripts(String url) throws Exception {
        String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.List<String> scripts = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script([^>]*)>(.*?)</script>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        while (m.find()) {
            if (!m.group(1).contains("src=") && !m.group(1).contains("application/json") && !m.group(2).isBlank()) {
                scripts.add(m.group(2));
            }
        }
        return scripts;
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreHeaders() {
        if (shippedHeaders != null) {
            assertEquals(204, vigie.admin().send("PUT", "", java.util.Map.of("browserSecurityHeaders", shippedHeaders)).statusCode());
        }
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
        DeviceClient tablet = vigie.newDevice(org.vigie.simulator.KeyType.ED25519);
        assertTrue(tablet.enroll(practitioner.rpps(), vigie.activationCode(practitioner), Vigie.PIN, "Tablette").ok());
        // The shipped realm gives practitioners no account-console role (GET /account/credentials
        // answers 403): an operator who offers the console grants manage-account, as here.
        String account = vigie.admin().clientUuid("account");
        JsonNode manage = vigie.admin().get("/clients/" + account + "/roles/manage-account");
        assertEquals(204, vigie.admin().send("POST", "/users/" + practitioner.userId() + "/role-mappings/clients/" + account,
                java.util.List.of(manage)).statusCode());
        browser = Chromium.start(info.getTestMethod().orElseThrow().getName(), Chromium.Options.french());

        // Signing in to the Account Console is a Vigie login, approved on the phone.
        browser.open(server.realmUrl() + "/account/account-security/signing-in");
        try {
            browser.waitForElement(30, "#identifier");
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder console = new StringBuilder();
            browser.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getMessage()).append('\n'));
            throw new AssertionError("the Account Console did not reach the Vigie login; browser console:\n" + console, e);
        }
        browser.find("#identifier").sendKeys(practitioner.rpps());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(30, "#vigie-code");
        assertTrue(phone.approveByCode(browser.text("#vigie-code"), Vigie.PIN).ok());
        try {
            browser.waitForElement(60, "[data-testid='vigie-device/credential-list']");
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder console = new StringBuilder();
            browser.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getMessage()).append('\n'));
            Object credentials = browser.js("var r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send();"
                    + " return r.status + ' ' + r.responseText.substring(0, 2000);", server.realmUrl() + "/account/credentials");
            throw new AssertionError("the Signing in page did not list the devices; browser console:\n" + console
                    + "\nGET /account/credentials without the console's token: " + credentials, e);
        }
        browser.screenshot("signing-in");

        WebElement list = browser.find("[data-testid='vigie-device/credential-list']");
        browser.waitFor(30, "both devices listed", d -> list.findElements(By.cssSelector("[data-testrole='label']")).size() == 2);
        String text = list.getText();
        assertTrue(text.contains("IT phone") && text.contains("Tablette"), text);
        // The phone was just used to sign in; the tablet never was.
        WebElement phoneRow = row(list, "IT phone");
        assertTrue(phoneRow.getText().contains("Dernière utilisation"), phoneRow.getText());
        assertTrue(phoneRow.findElements(By.cssSelector("[data-testrole='created-at']")).size() == 1, phoneRow.getText());
        assertTrue(row(list, "Tablette").getText().contains("Pas encore utilisé"), row(list, "Tablette").getText());

        // A login waits for the practitioner elsewhere; removing the tablet ends it.
        Login pending = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals("pending", pending.status().path("status").asText());
        row(list, "Tablette").findElement(By.cssSelector("[data-testrole='remove']")).click();
        browser.waitForElement(30, "#kc-accept");
        browser.screenshot("confirm-removal");
        browser.find("#kc-accept").click();
        browser.waitFor(60, "back in the Account Console with one device", d -> d.findElements(
                By.cssSelector("[data-testid='vigie-device/credential-list'] [data-testrole='label']")).size() == 1);
        browser.screenshot("removed");

        assertEquals("invalid_token", tablet.pending().http().error(), "the removed device is refused");
        assertEquals(401, tablet.approveByCode(pending.code(), Vigie.PIN).status());
        assertEquals("decided", pending.status().path("status").asText(), "its pending login ended");
        assertTrue(phone.pending().ok(), "the other device still works");
        JsonNode credentials = vigie.admin().get("/users/" + practitioner.userId() + "/credentials");
        long devices = 0;
        for (JsonNode credential : credentials) {
            devices += "vigie-device".equals(credential.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, devices, credentials.toString());
    }

    private static WebElement row(WebElement list, String label) {
        for (WebElement row : list.findElements(By.cssSelector("[data-testrole='label']"))) {
            if (row.getText().trim().equals(label)) {
                return row.findElement(By.xpath("./ancestor::*[starts-with(@id,'cred-')][1]"));
            }
        }
        throw new AssertionError("no device " + label + " in " + list.getText());
    }
}
