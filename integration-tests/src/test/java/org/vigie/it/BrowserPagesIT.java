package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.vigie.it.support.Chromium;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Mailbox;
import org.vigie.it.support.Login;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.RelyingParty;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * The pages practitioners see, in a real browser (headless Chromium): every way a login ends,
 * with a screenshot of each page (target/screenshots/), axe-core on each page (no serious or
 * critical WCAG 2.1 AA violation), the keyboard alone, and no JavaScript at all.
 *
 * <p>Every page carries a strict Content-Security-Policy of its own (no inline script, no inline
 * style, in a {@code <meta>} element first in its head) on top of the realm's header: every page
 * must work under it, each page proves the policy in force refuses an inline script, and the
 * browser console must stay free of CSP refusals.
 */
class BrowserPagesIT {

    /** What every login page carries in its {@code <meta>} policy: no inline script or style (frame-ancestors cannot be there). */
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self';";
    /** What the shipped realm's header says: framing by other sites refused; inline script elements allowed for the Account Console. */
    static final String REALM_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; script-src-attr 'none'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self';";
    /** A header as strict as the pages' own policy: the pages work under it too (DelegationPagesIT). */
    static final String STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self';";
    static final String DEMO_RPPS = "10001045367";
    static final String SERVICE_NAME = "Service de démonstration Vigie";

    static KeycloakServer server;
    static Vigie vigie;
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
        rp = RelyingParty.start(vigie.admin());
        realmHeaders = vigie.admin().get("").path("browserSecurityHeaders");
        assertEquals(REALM_CSP, realmHeaders.path("contentSecurityPolicy").asText(), "the realm as shipped: " + realmHeaders);
    }

    @AfterAll
    static void stop() {
        if (rp != null) {
            rp.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        rp.forget();
    }

    @AfterEach
    void closeBrowserAndResetClock() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        vigie.clock(0);
    }

    /** This test's browser, closed after the test. */
    private Chromium chromium(Chromium.Options options) {
        browser = Chromium.start(testName, options);
        return browser;
    }

    // ---------------------------------------------------------------------------------------------
    // Logins that succeed

    @Test
    void fullLoginMovesOnByItselfAndTheServiceReceivesTheCode() {
        Practitioner demo = new Practitioner(vigie.admin().userId("8" + DEMO_RPPS), DEMO_RPPS, "");
        DeviceClient device = vigie.enrolledDevice(demo);
        Chromium browser = chromium(Chromium.Options.french());
        OidcClient client = begin(browser, Map.of());
        assertEquals("fr", browser.find("html").getAttribute("lang"));
        assertEquals("Identification du professionnel de santé – Vigie", browser.driver().getTitle());
        assertEquals(SERVICE_NAME, browser.text("#vigie-service-name"));
        assertInFirstScreen(browser, "#vigie-quit");

        browser.find("#identifier").sendKeys(DEMO_RPPS);
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-waiting");
        String code = assertTrustworthyWaitingPage(browser, demo.nationalId());
        assertEquals("Validez la connexion sur votre téléphone – Vigie", browser.driver().getTitle());
        browser.page("waiting");
        // On a phone-sized window too, the code is readable and "Quitter" stays in view.
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        assertInFirstScreen(browser, "#vigie-quit");
        browser.windowScreenshot("waiting-phone");
        browser.driver().manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));

        PendingChallenge challenge = Vigie.onlyPending(device);
        assertEquals(SERVICE_NAME, challenge.clientName());
        assertTrue(challenge.userAgent().contains("Chrome"), challenge.userAgent());
        long approvedAt = System.nanoTime();
        DecisionResult approved = device.decide(challenge.id(), "approve", code, Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());

        // Nobody touches the browser: the page learns of the approval and moves on by itself.
        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(10));
        long latencyMs = (System.nanoTime() - approvedAt) / 1_000_000;
        System.out.println("[" + testName + "] approval on the phone -> relying party in the browser: " + latencyMs + " ms");
        browser.waitFor(10, "the browser at the relying party", d -> d.getCurrentUrl().startsWith(rp.redirectUri()));
        browser.screenshot("service");
        assertEquals(client.state(), callback.get("state"));
        assertNull(callback.get("error"));

        JsonNode tokens = rp.exchange(server, client, callback.get("code"));
        JsonNode idToken = Login.verifiedClaims(server, tokens.get("id_token").asText());
        assertEquals("eidas1", idToken.get("acr").asText());
        assertEquals(demo.nationalId(), idToken.get("SubjectNameID").asText());
        assertEquals(client.nonce(), idToken.get("nonce").asText());
    }

    @Test
    void keyboardOnlyLoginWithTheLanguageSwitch() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        OidcClient client = begin(browser, Map.of());
        assertEquals("identifier", browser.focused().getAttribute("id"), "the identifier field has the focus on arrival");

        // The language switch, backwards from the field: a plain link, Enter follows it.
        browser.tabBackTo("#vigie-languages a[hreflang=en]", 6);
        browser.keys(Keys.ENTER);
        browser.waitFor(10, "the page in English", d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertEquals("Health professional sign-in", browser.text("#kc-page-title"));
        assertEquals("identifier", browser.focused().getAttribute("id"));
        browser.page("identifier-en");

        // A typo (wrong RPPS check digit): refused in place, the field says why and keeps the focus.
        browser.keys("10001045368", Keys.ENTER);
        browser.waitForElement(10, "#input-error-identifier");
        assertEquals("true", browser.find("#identifier").getAttribute("aria-invalid"));
        assertTrue(browser.find("#identifier").getAttribute("aria-describedby").contains("input-error-identifier"));
        assertTrue(browser.text("#input-error-identifier").contains("This RPPS number is not valid"));
        assertEquals("identifier", browser.focused().getAttribute("id"));
        browser.page("identifier-error-en");

        browser.keys(Keys.END);
        browser.keys("\b".repeat(browser.find("#identifier").getAttribute("value").length()).replace("\b", Keys.BACK_SPACE));
        browser.keys(practitioner.rpps(), Keys.ENTER);
        browser.waitForElement(10, "#vigie-waiting");
        assertEquals("Approve the sign-in on your phone", browser.text("#kc-page-title"));
        String code = assertTrustworthyWaitingPage(browser, practitioner.nationalId());
        browser.page("waiting-en");

        // Every control is reachable with Tab, with a visible focus, down to "Leave sign-in".
        List<String> path = browser.tabTo("#vigie-quit", 10);
        assertTrue(path.contains("button#vigie-continue"), path.toString());
        assertEquals("Leave sign-in", browser.focused().getText().trim());

        assertTrue(device.decide(Vigie.onlyPending(device).id(), "approve", code, Vigie.PIN).ok());
        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(10));
        assertEquals(client.state(), callback.get("state"));
        assertTrue(callback.containsKey("code"), callback.toString());
    }

    @Test
    void withoutJavaScriptTheButtonFinishesTheLogin() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french().withoutJavaScript());
        OidcClient client = begin(browser, Map.of());
        browser.find("#identifier").sendKeys(practitioner.rpps(), Keys.ENTER);
        browser.waitForElement(10, "#vigie-waiting");
        assertTrue(browser.find("#vigie-noscript").isDisplayed(), "the page says it does not update by itself");
        String code = browser.text("#vigie-code");
        browser.page("waiting-no-javascript");

        assertTrue(device.decide(Vigie.onlyPending(device).id(), "approve", code, Vigie.PIN).ok());
        sleep(1500);
        assertTrue(browser.has("#vigie-waiting"), "without JavaScript the page stays until the practitioner says so");
        browser.tabTo("#vigie-continue", 10);
        browser.keys(Keys.ENTER);
        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(10));
        assertEquals(client.state(), callback.get("state"));
        assertTrue(callback.containsKey("code"), callback.toString());
    }

    // ---------------------------------------------------------------------------------------------
    // Logins that end otherwise

    @Test
    void quitFromTheWaitingPageReturnsToTheServiceAndCancelsThePush() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        OidcClient client = begin(browser, Map.of());
        typeIdentifier(browser, practitioner.rpps());
        Vigie.onlyPending(device);
        browser.tabTo("#vigie-quit", 10);
        assertEquals("Quitter l'authentification", browser.focused().getText().trim());
        browser.keys(Keys.ENTER);

        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(10));
        assertEquals("access_denied", callback.get("error"));
        assertEquals(client.state(), callback.get("state"));
        assertFalse(callback.containsKey("code"));
        browser.waitFor(10, "the browser back at the service", d -> d.getCurrentUrl().startsWith(rp.redirectUri()));
        browser.screenshot("service-after-quit");
        assertTrue(device.pending().challenges().isEmpty(), "the push was withdrawn from the phone");
    }

    @Test
    void denyOnThePhoneShowsTheRefusedPageAndQuittingStillWorks() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        OidcClient client = begin(browser, Map.of());
        typeIdentifier(browser, practitioner.rpps());
        assertEquals("denied", device.decide(Vigie.onlyPending(device).id(), "deny", null, null).outcome());

        assertResultPage(browser, "denied", "Connexion refusée");
        assertTrue(browser.text("#vigie-result-text").contains("La connexion a été refusée sur votre téléphone"));
        assertInFirstScreen(browser, "#vigie-restart");
        browser.page("denied");

        browser.find("#vigie-quit").click();
        Map<String, String> callback = rp.awaitCallback(Duration.ofSeconds(10));
        assertEquals("access_denied", callback.get("error"));
        assertEquals(client.state(), callback.get("state"));
    }

    @Test
    void fraudReportShowsWhatHappensNowAndWhomToContact() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        begin(browser, Map.of());
        typeIdentifier(browser, practitioner.rpps());
        assertEquals("reported", device.decide(Vigie.onlyPending(device).id(), "fraud", null, null).outcome());

        assertResultPage(browser, "reported", "Signalement enregistré");
        assertTrue(browser.text("#vigie-report-next").contains("aucune nouvelle demande ne sera envoyée"), browser.text("#vigie-report-next"));
        assertTrue(browser.text("#vigie-report-contact").contains("securite@vigie.invalid"), "contact from the step's configuration");
        assertFalse(browser.has("#vigie-restart"), "after a fraud report the page offers to leave, not to start again");
        assertInFirstScreen(browser, "#vigie-quit");
        browser.page("reported");
    }

    @Test
    void expiredRequestOffersToStartAgainInEnglish() {
        Practitioner practitioner = vigie.newPractitioner();
        vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        begin(browser, Map.of("ui_locales", "en"));
        assertEquals("en", browser.find("html").getAttribute("lang"));
        typeIdentifier(browser, practitioner.rpps());
        vigie.clock(121);

        // Keycloak's clock jumps here, not the browser's: the page learns of the expiry when its
        // long poll (at most 25 s) comes back, as it would for any other change it was not woken for.
        browser.waitForElement(40, "#vigie-result");
        assertResultPage(browser, "expired", "Request expired");
        assertEquals("Request expired – Vigie", browser.driver().getTitle());
        browser.page("expired-en");

        browser.find("#vigie-restart").click();
        browser.waitForElement(10, "#vigie-identifier-form");
        assertEquals("Health professional sign-in", browser.text("#kc-page-title"));
    }

    @Test
    void fiveWrongPinsShowTheDeviceLockedPage() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        begin(browser, Map.of());
        String code = typeIdentifier(browser, practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        DecisionResult last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = device.decide(id, "approve", code, "9513");
        }
        assertEquals("device_locked", last.error(), last.http().toString());

        assertResultPage(browser, "locked", "Appareil bloqué");
        assertTrue(browser.text("#vigie-result-text").contains("Trop de codes secrets erronés"));
        assertTrue(browser.text("#vigie-report-contact").contains("securite@vigie.invalid"));
        browser.page("locked");
    }

    @Test
    void offHoursBlockPageSaysWhyWhenAndWhomToContact() {
        Practitioner practitioner = vigie.newPractitioner(java.util.List.of());
        DeviceClient device = vigie.enrolledDevice(practitioner);
        vigie.clockAt(vigie.tuesdayAt(23, 30));
        Chromium browser = chromium(Chromium.Options.french());
        begin(browser, Map.of());
        browser.find("#identifier").sendKeys(practitioner.rpps());
        browser.find("#vigie-identifier-submit").click();

        assertResultPage(browser, "offHours", "Connexion refusée à cette heure");
        assertTrue(browser.text("#vigie-next-allowed").contains("07:00"), browser.text("#vigie-next-allowed"));
        assertTrue(browser.text("#vigie-support-contact").contains("support@vigie.invalid"), "whom to contact");
        assertTrue(device.pending().challenges().isEmpty(), "no push at night");
        browser.page("off-hours");
        browser.find("#vigie-quit").click();
        assertEquals("access_denied", rp.awaitCallback(Duration.ofSeconds(10)).get("error"));
    }

    @Test
    void wrongCodeOnThePhoneShowsTheWrongCodePage() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Chromium browser = chromium(Chromium.Options.french());
        begin(browser, Map.of());
        String code = typeIdentifier(browser, practitioner.rpps());
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertEquals("wrong_code", device.decide(Vigie.onlyPending(device).id(), "approve", wrong, Vigie.PIN).error());
        assertResultPage(browser, "wrongCode", "Code incorrect");
        browser.page("wrong-code");
    }

    @Test
    void theEnrolmentPageSentByMailShowsTheCodeAndWarnsAgainstSharingIt() {
        Practitioner practitioner = vigie.newPractitioner();
        String link;
        try (Mailbox mailbox = Mailbox.open(vigie.admin())) {
            var sent = vigie.admin().send("PUT", "/users/" + practitioner.userId() + "/execute-actions-email?lifespan=900",
                    List.of("vigie-enrol-device"));
            assertEquals(204, sent.statusCode(), sent.body());
            link = mailbox.to(practitioner.email(), 1).get(0).link("/login-actions/action-token");
        }
        Chromium browser = chromium(Chromium.Options.french());
        browser.open(link);
        browser.waitForElement(10, "#kc-info-message a");
        browser.page("enrol-confirm");
        browser.find("#kc-info-message a").click();
        browser.waitForElement(10, "#vigie-activation-code");
        assertEquals("Enrôler votre téléphone", browser.text("#kc-page-title"));
        assertTrue(browser.text("#vigie-activation-code").matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"), browser.text("#vigie-activation-code"));
        assertTrue(browser.text("#vigie-enrol-warning").contains("service client CPS"), browser.text("#vigie-enrol-warning"));
        assertInFirstScreen(browser, "#vigie-enrol-warning");
        browser.page("enrol-device");
    }

    @Test
    void keycloaksOwnErrorPagesUseTheSameFrame() {
        Chromium browser = chromium(Chromium.Options.french());
        browser.open(server.realmUrl() + "/protocol/openid-connect/auth?response_type=code&client_id=no-such-service&redirect_uri="
                + URLEncoder.encode(rp.redirectUri(), StandardCharsets.UTF_8));
        browser.waitForElement(10, "#kc-page-title");
        assertTrue(browser.has(".vigie-brand"), "Vigie's frame around Keycloak's error page");
        assertTrue(browser.text("#kc-page-title").startsWith("Nous sommes désolés"), browser.text("#kc-page-title"));
        assertTrue(browser.find("body").getText().contains("Client non trouvé"), browser.find("body").getText());
        browser.page("keycloak-error");
    }

    // ---------------------------------------------------------------------------------------------
    // Headers

    @Test
    void anotherSiteCannotFrameThePages() throws Exception {
        String authorizationUrl = new OidcClient(server.realmUrl()).authorizationUrl(Map.of("redirect_uri", rp.redirectUri()));
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorizationUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("SAMEORIGIN", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'self'"));
        assertEquals(REALM_CSP, page.headers().firstValue("Content-Security-Policy").orElse(""), "the realm's policy is what is sent");
        // The page's own strict policy, before anything it would govern.
        org.jsoup.nodes.Element head = org.jsoup.Jsoup.parse(page.body()).head();
        org.jsoup.select.Elements metaPolicy = head.select("meta[http-equiv=Content-Security-Policy]");
        assertEquals(1, metaPolicy.size(), head.html());
        assertEquals(PAGE_CSP, metaPolicy.get(0).attr("content"));
        org.jsoup.nodes.Element first = head.select("script, link, style").first();
        assertTrue(first != null && metaPolicy.get(0).elementSiblingIndex() < first.elementSiblingIndex(), head.html());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));

        Chromium browser = chromium(Chromium.Options.french());
        // Control: a page that allows framing does render in the other site's frame, and is seen there.
        browser.open(rp.framerUrl(rp.redirectUri() + "?error=framing_control"));
        browser.driver().switchTo().frame(browser.find("#framed"));
        browser.waitForElement(10, "#rp-result");
        browser.driver().switchTo().defaultContent();

        browser.open(rp.framerUrl(authorizationUrl));
        WebElement frame = browser.find("#framed");
        sleep(1000);
        browser.screenshot("framed-by-another-site");
        browser.driver().switchTo().frame(frame);
        assertTrue(browser.findAll("#vigie-identifier-form").isEmpty(), "the login page must not render inside another site's frame");
        browser.driver().switchTo().defaultContent();
    }

    // ---------------------------------------------------------------------------------------------

    /** Opens the demo service's authorization URL (redirect to our relying party) on the identifier page. */
    private OidcClient begin(Chromium browser, Map<String, String> extra) {
        OidcClient client = new OidcClient(server.realmUrl());
        Map<String, String> params = new HashMap<>(extra);
        params.put("redirect_uri", rp.redirectUri());
        browser.open(client.authorizationUrl(params));
        browser.waitForElement(10, "#vigie-identifier-form");
        browser.page("identifier");
        return client;
    }

    /** Types the identifier and goes on to the waiting page; returns the code it shows. */
    private static String typeIdentifier(Chromium browser, String rpps) {
        browser.find("#identifier").sendKeys(rpps);
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-waiting");
        browser.page("waiting");
        return browser.text("#vigie-code");
    }

    /**
     * What makes the waiting page trustworthy: who asks (the service, prominent), the code large,
     * a live countdown, the warning, and "Quitter" visible without scrolling.
     */
    private static String assertTrustworthyWaitingPage(Chromium browser, String nationalId) {
        String code = browser.text("#vigie-code");
        assertTrue(code.matches("\\d{7}"), code);
        double codeSize = px(browser.find("#vigie-code").getCssValue("font-size"));
        assertTrue(codeSize >= 40, "the code is large: " + codeSize + "px");
        assertEquals(SERVICE_NAME, browser.text("#vigie-service-name"));
        assertTrue(px(browser.find("#vigie-service-name").getCssValue("font-size")) >= 18, "the service name stands out");
        assertTrue(browser.text("#vigie-identified-as").contains(nationalId));
        assertTrue(browser.find("#vigie-warning").isDisplayed());
        assertFalse(browser.text("#vigie-warning").isEmpty());
        assertEquals("timer", browser.find("#vigie-countdown").getAttribute("role"));
        assertInFirstScreen(browser, "#vigie-code");
        assertInFirstScreen(browser, "#vigie-quit");

        int first = Integer.parseInt(browser.text("#vigie-countdown-value"));
        assertTrue(first > 100 && first <= 120, "countdown starts near 120 s: " + first);
        browser.waitFor(3, "the countdown going down", d -> Integer.parseInt(d.findElement(By.id("vigie-countdown-value")).getText().trim()) < first);
        return code;
    }

    private static void assertResultPage(Chromium browser, String outcome, String title) {
        browser.waitForElement(15, "#vigie-result");
        assertEquals(outcome, browser.find("#vigie-result").getAttribute("data-outcome"));
        assertEquals(title, browser.text("#kc-page-title"));
        assertInFirstScreen(browser, "#vigie-quit");
    }

    /** The element is shown without scrolling in a 1280×900 window. */
    private static void assertInFirstScreen(Chromium browser, String css) {
        WebElement element = browser.find(css);
        assertTrue(element.isDisplayed(), css + " displayed");
        Rectangle rect = element.getRect();
        long viewport = ((Number) browser.js("return window.innerHeight;")).longValue();
        assertTrue(rect.getY() + rect.getHeight() <= viewport, css + " visible without scrolling: bottom at "
                + (rect.getY() + rect.getHeight()) + " px, window " + viewport + " px");
    }


    private static double px(String cssValue) {
        return Double.parseDouble(cssValue.replace("px", "").trim());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
