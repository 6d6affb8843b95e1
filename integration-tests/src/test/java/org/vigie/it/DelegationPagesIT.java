package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.Delegating;
import org.vigie.it.support.Delegating.Assistant;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.RelyingParty;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/**
 * The delegation pages in a real browser (headless Chromium, strict CSP): the offer, its error,
 * the waiting page with the code for the practitioner, a refusal, the assistant's own page that
 * ends the delegation. Each page is screenshot and checked with axe-core.
 */
class DelegationPagesIT {

    static KeycloakServer server;
    static Vigie vigie;
    static Delegating delegating;
    static RelyingParty rp;
    static JsonNode realmHeaders;

    String testName;
    Chromium browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = Chromium.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        delegating = new Delegating(vigie);
        rp = RelyingParty.start(vigie.admin());
        realmHeaders = vigie.admin().get("").path("browserSecurityHeaders");
        ObjectNode strict = realmHeaders.deepCopy();
        strict.put("contentSecurityPolicy", BrowserPagesIT.STRICT_CSP);
        assertEquals(204, vigie.admin().send("PUT", "", Map.of("browserSecurityHeaders", strict)).statusCode());
    }

    @AfterAll
    static void stop() {
        if (realmHeaders != null) {
            vigie.admin().send("PUT", "", Map.of("browserSecurityHeaders", realmHeaders));
        }
        if (rp != null) {
            rp.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        rp.forget();
        vigie.clock(0);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        vigie.clock(0);
    }

    /** The assistant signs in (their own approval) and lands on the offer page. */
    private OidcClient signIn(Chromium browser, Assistant assistant) {
        OidcClient client = new OidcClient(server.realmUrl());
        Map<String, String> params = new HashMap<>();
        params.put("redirect_uri", rp.redirectUri());
        params.put("scope", Delegating.SCOPE);
        browser.open(client.authorizationUrl(params));
        browser.waitForElement(10, "#vigie-identifier-form");
        browser.page("assistant-identifier");
        browser.find("#identifier").sendKeys(assistant.identifier());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-code");
        browser.page("assistant-waiting");
        assertTrue(assistant.device().approveByCode(browser.text("#vigie-code"), Vigie.PIN).ok());
        browser.waitForElement(15, "#vigie-delegation-form");
        return client;
    }

    @Test
    void delegationPagesFromTheOfferToItsEnd() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Assistant assistant = delegating.newAssistant(true);
        browser = Chromium.start(testName, Chromium.Options.french());
        OidcClient client = signIn(browser, assistant);
        assertEquals("Saisir pour un praticien ?", browser.text("h1").trim());
        browser.page("delegation-offer");

        browser.find("#practitioner").sendKeys(assistant.identifier());
        browser.find("#vigie-delegation-submit").click();
        browser.waitForElement(10, "#input-error-practitioner");
        browser.page("delegation-offer-self");

        browser.find("#practitioner").clear();
        browser.find("#practitioner").sendKeys(practitioner.rpps());
        new Select(browser.find("#duration")).selectByValue("60");
        browser.find("#vigie-delegation-submit").click();
        browser.waitForElement(10, "#vigie-code");
        assertTrue(browser.text("#vigie-delegation-request").contains(practitioner.nationalId()));
        browser.page("delegation-waiting");

        // The practitioner, beside the assistant, types the code shown on the assistant's screen.
        assertTrue(device.approveByCode(browser.text("#vigie-code"), Vigie.PIN).ok());
        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(15));
        JsonNode tokens = rp.exchange(server, client, callback.get("code"));
        JsonNode claims = Login.verifiedClaims(server, tokens.get("access_token").asText());
        assertEquals(practitioner.userId(), claims.get("sub").asText());
        assertEquals(assistant.userId(), claims.get("act").get("sub").asText());

        browser.open(server.realmUrl() + "/vigie-delegation/session");
        browser.waitForElement(10, "#vigie-delegation-end");
        assertTrue(browser.text("#vigie-delegation-summary").contains("Sophie Durand"));
        browser.page("delegation-session");
        browser.find("#vigie-delegation-end").click();
        browser.waitFor(10, "the ended page", d -> "ended".equals(d.findElement(
                org.openqa.selenium.By.id("vigie-delegation-session")).getAttribute("data-state")));
        browser.page("delegation-ended");
        assertEquals(400, delegating.refresh(tokens.get("refresh_token").asText()).statusCode());
    }

    @Test
    void aRefusalInEnglish() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Assistant assistant = delegating.newAssistant(true);
        browser = Chromium.start(testName, new Chromium.Options("en", true));
        signIn(browser, assistant);
        browser.page("delegation-offer-en");
        browser.find("#practitioner").sendKeys(practitioner.rpps());
        browser.find("#vigie-delegation-submit").click();
        browser.waitForElement(10, "#vigie-code");
        browser.page("delegation-waiting-en");
        String challenge = Vigie.onlyPending(device).id();
        assertTrue(device.decide(challenge, "deny", null, null).ok());
        browser.waitForElement(15, "#vigie-result");
        assertEquals("denied", browser.find("#vigie-result").getAttribute("data-outcome"));
        assertEquals("Delegation refused", browser.text("h1").trim());
        browser.page("delegation-denied-en");
        browser.find("#vigie-delegation-back").click();
        browser.waitForElement(10, "#vigie-delegation-form");
    }
}
