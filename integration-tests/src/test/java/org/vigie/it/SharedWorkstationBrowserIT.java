package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.Keys;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.ServiceClient;
import org.vigie.it.support.ServiceSite;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * A shared computer in a real browser (headless Chromium, axe on every page): two practitioners
 * taking turns on one browser, both ways round, with and without {@code acr_values}, each push on
 * its own device only; the session bar ("Changer de praticien", "Se déconnecter") and logout.
 */
class SharedWorkstationBrowserIT {

    static KeycloakServer server;
    static Vigie vigie;
    static ServiceSite site;
    static ServiceClient agenda;
    static ServiceClient vaccins;

    String testName;
    Chromium browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = Chromium.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        site = ServiceSite.start();
        agenda = ServiceClient.register(server, site, "Agenda du centre de vaccination", true);
        vaccins = ServiceClient.register(server, site, "Vaccin Covid", true);
        vigie.clock(0);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        site.logoutTokens(agenda.clientId());
        site.logoutTokens(vaccins.clientId());
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        vigie.clock(0);
    }

    record Enrolled(Practitioner practitioner, DeviceClient device) {
    }

    private static Enrolled enrolled() {
        Practitioner practitioner = vigie.newPractitioner();
        return new Enrolled(practitioner, vigie.enrolledDevice(practitioner));
    }

    @Test
    void twoPractitionersTakeTurnsOnOneBrowserEachApprovingOnTheirOwnPhone() throws Exception {
        Enrolled a = enrolled();
        Enrolled b = enrolled();
        browser = Chromium.start(testName, Chromium.Options.french());

        // A signs in to the agenda (acr_values=eidas1): no session yet, so no session bar.
        ServiceClient.Request first = agenda.authorization(Map.of());
        browser.open(first.url());
        browser.waitForElement(10, "#vigie-identifier-form");
        assertFalse(browser.has("#vigie-session"), "a browser without a session shows no session bar");
        JsonNode aTokens = approveIn(agenda, first, a, null, "a");
        assertEquals(a.practitioner().userId(), claims(aTokens).get("sub").asText());

        // B, at the vaccination service asking for a new sign-in, with acr_values=eidas1.
        ServiceClient.Request second = vaccins.authorization(Map.of("prompt", "login"));
        JsonNode bTokens = approveIn(vaccins, second, b, a, "b-after-a");
        assertEquals(b.practitioner().userId(), claims(bTokens).get("sub").asText());
        assertEquals("eidas1", claims(bTokens).get("acr").asText());
        assertEquals(a.practitioner().userId(),
                SharedWorkstationIT.logoutToken(agenda, site.awaitLogoutToken(agenda.clientId(), Duration.ofSeconds(10)), vigie, server)
                        .get("sub").asText(), "A is logged out of the agenda as B signs in");

        // And back to A, at the agenda, without acr_values this time.
        Thread.sleep(1100); // a device's decisions are spaced by one second
        ServiceClient.Request third = agenda.authorization(Map.of("prompt", "login", "acr_values", ""));
        JsonNode aAgain = approveIn(agenda, third, a, b, "a-after-b");
        assertEquals(a.practitioner().userId(), claims(aAgain).get("sub").asText());
        assertEquals(0, vigie.sessions(b.practitioner()).size(), "B's session ended");
    }

    /**
     * On the identifier page (signed in as {@code current} when not null), {@code next} types
     * their RPPS; the push reaches {@code next}'s phone only; returns the service's tokens.
     */
    private JsonNode approveIn(ServiceClient service, ServiceClient.Request request, Enrolled next, Enrolled current, String shot)
            throws Exception {
        if (current != null) {
            browser.open(request.url());
            browser.waitForElement(10, "#vigie-identifier-form");
            assertTrue(browser.find("#vigie-session").isDisplayed(), "a signed-in browser shows the session bar");
            assertEquals("Changer de praticien", browser.text("#vigie-change-practitioner"));
            assertEquals("Se déconnecter", browser.text("#vigie-logout"));
            assertFalse(browser.driver().getPageSource().contains(current.practitioner().rpps()),
                    "no identifier the person at the keyboard did not type");
            assertEquals("", browser.find("#identifier").getAttribute("value"));
            browser.page("identifier-signed-in-" + shot);
        }
        browser.find("#identifier").sendKeys(next.practitioner().rpps(), Keys.ENTER);
        browser.waitForElement(10, "#vigie-waiting");
        assertTrue(browser.text("#vigie-identified-as").contains(next.practitioner().nationalId()));
        if (current != null) {
            assertFalse(browser.driver().getPageSource().contains(current.practitioner().rpps()));
            assertTrue(browser.has("#vigie-session"), "the waiting page too offers to change practitioner or sign out");
            org.openqa.selenium.Rectangle quit = browser.find("#vigie-quit").getRect();
            long viewport = ((Number) browser.js("return window.innerHeight;")).longValue();
            assertTrue(quit.getY() + quit.getHeight() <= viewport, "with the session bar too, \"Quitter\" is visible without scrolling");
            assertTrue(current.device().pending().challenges().isEmpty(), "no push to the practitioner of the session");
        }
        browser.page("waiting-" + shot);
        PendingChallenge pending = Vigie.onlyPending(next.device());
        DecisionResult approved = next.device().decide(pending.id(), "approve", browser.text("#vigie-code"), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        browser.waitFor(10, "the browser at the service", d -> d.getCurrentUrl().startsWith(service.redirectUri()));
        Map<String, String> query = query(browser.url());
        assertEquals(request.state(), query.get("state"));
        return service.exchange(request, query.get("code"));
    }

    @Test
    void theSessionBarSignsOutAndChangesPractitionerInFrenchAndEnglish() {
        Enrolled a = enrolled();
        String other = vigie.newPractitioner().rpps();
        browser = Chromium.start(testName, Chromium.Options.french());
        ServiceClient.Request first = agenda.authorization(Map.of());
        browser.open(first.url());
        browser.waitForElement(10, "#vigie-identifier-form");
        browser.find("#identifier").sendKeys(a.practitioner().rpps(), Keys.ENTER);
        browser.waitForElement(10, "#vigie-waiting");
        assertTrue(a.device().decide(Vigie.onlyPending(a.device()).id(), "approve", browser.text("#vigie-code"), Vigie.PIN).ok());
        browser.waitFor(10, "the browser at the agenda", d -> d.getCurrentUrl().startsWith(agenda.redirectUri()));

        // In English, the waiting page of a new sign-in: "Change practitioner" starts again empty.
        browser.open(vaccins.authorization(Map.of("prompt", "login", "ui_locales", "en")).url());
        browser.waitForElement(10, "#vigie-session");
        assertEquals("Change practitioner", browser.text("#vigie-change-practitioner"));
        assertEquals("Sign out", browser.text("#vigie-logout"));
        browser.page("identifier-signed-in-en");
        // With the keyboard: back from the identifier field, both actions, each with a visible focus.
        assertEquals("identifier", browser.focused().getAttribute("id"));
        java.util.List<String> path = browser.tabBackTo("#vigie-change-practitioner", 6);
        assertTrue(path.contains("a#vigie-logout"), path.toString());
        browser.find("#identifier").click();
        browser.find("#identifier").sendKeys(other, Keys.ENTER);
        browser.waitForElement(10, "#vigie-waiting");
        browser.page("waiting-signed-in-en");
        browser.find("#vigie-change-practitioner").click();
        browser.waitForElement(10, "#vigie-identifier-form");
        assertEquals("", browser.find("#identifier").getAttribute("value"));
        assertFalse(browser.driver().getPageSource().contains(other), "the identifier typed before is gone");
        assertEquals(1, vigie.sessions(a.practitioner()).size(), "changing practitioner alone ends nothing");

        // "Se déconnecter": Keycloak's confirmation in Vigie's frame, then the session is over everywhere.
        browser.open(vaccins.authorization(Map.of("prompt", "login")).url());
        browser.waitForElement(10, "#vigie-logout");
        browser.find("#vigie-logout").click();
        browser.waitForElement(10, "#kc-logout");
        assertTrue(browser.has(".vigie-brand"));
        browser.page("logout-confirm");
        browser.find("#kc-logout").click();
        browser.waitFor(10, "the signed-out page", d -> !d.getPageSource().contains("id=\"kc-logout\""));
        browser.page("logged-out");
        assertEquals(0, vigie.sessions(a.practitioner()).size());
        assertEquals(a.practitioner().userId(),
                SharedWorkstationIT.logoutToken(agenda, site.awaitLogoutToken(agenda.clientId(), Duration.ofSeconds(10)), vigie, server)
                        .get("sub").asText());
        ServiceClient.Request silent = agenda.authorization(Map.of("prompt", "none"));
        browser.open(silent.url());
        browser.waitFor(10, "the agenda's callback", d -> d.getCurrentUrl().startsWith(agenda.redirectUri()));
        assertEquals("login_required", query(browser.url()).get("error"));
    }

    private static JsonNode claims(JsonNode tokens) {
        return Login.verifiedClaims(server, tokens.get("id_token").asText());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
