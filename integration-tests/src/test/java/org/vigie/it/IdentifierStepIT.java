package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.identifier.Luhn;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.Browser;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.OidcClient;

/** The identifier-first page of the vigie-browser flow, driven as a browser and a relying party would. */
class IdentifierStepIT {

    static final String DEMO_RPPS = "10001045367";

    static KeycloakServer server;
    static AdminApi admin;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        admin = new AdminApi(server);
    }

    /** At night an identifier nobody holds gets the risk policy's page: these tests are about the day. */
    @org.junit.jupiter.api.BeforeEach
    void daytime() {
        new org.vigie.it.support.Vigie(server).clock(0);
    }

    private record Login(Browser browser, OidcClient client, Browser.Page page) {
    }

    private static Login open(Map<String, String> extra) {
        Browser browser = new Browser(OidcClient.REDIRECT_URI);
        OidcClient client = new OidcClient(server.realmUrl());
        Browser.Page page = browser.get(client.authorizationUrl(extra));
        return new Login(browser, client, page);
    }

    private static Browser.Page typeIdentifier(Login login, String identifier) {
        return login.browser().submit(login.page(), "#vigie-identifier-form", Map.of("identifier", identifier));
    }

    @Test
    void authorizationRequestShowsTheIdentifierPageInFrench() {
        Login login = open(Map.of());
        assertEquals(200, login.page().status());
        Document doc = login.page().document();
        assertEquals("fr", doc.selectFirst("html").attr("lang"));
        assertNotNull(doc.selectFirst("form#vigie-identifier-form input#identifier"), login.page().body());
        assertTrue(doc.text().contains("Identifiant national (RPPS ou ADELI)"), doc.text());
        assertEquals("Quitter l'authentification", doc.selectFirst("#vigie-quit").text());
        assertNull(doc.selectFirst("input[type=password]"), "no password on a Vigie login page");
    }

    @Test
    void uiLocalesEnShowsTheIdentifierPageInEnglish() {
        Login login = open(Map.of("ui_locales", "en"));
        Document doc = login.page().document();
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        assertTrue(doc.text().contains("National identifier (RPPS or ADELI)"), doc.text());
    }

    @Test
    void loginHintPrefillsTheIdentifier() {
        Login login = open(Map.of("login_hint", DEMO_RPPS));
        assertEquals(DEMO_RPPS, login.page().document().selectFirst("input#identifier").val());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12345", "1000104536x", "910001045367", "10001045367'; drop table users;--"})
    void malformedIdentifierIsRefusedInPlace(String typed) {
        assertRefusedInPlace(typed, "Cet identifiant n'a pas le bon format");
    }

    @Test
    void rppsWithWrongLuhnKeyIsRefusedInPlace() {
        assertRefusedInPlace("10001045368", "Ce numéro RPPS n'est pas valide");
        assertRefusedInPlace("10001234567", "Ce numéro RPPS n'est pas valide");
    }

    @Test
    void emptyIdentifierIsRefusedInPlace() {
        assertRefusedInPlace("   ", "Saisissez votre identifiant");
    }

    @Test
    void oversizedIdentifierIsRefusedInPlace() {
        assertRefusedInPlace("1".repeat(20_000), "Cet identifiant n'a pas le bon format");
    }

    @Test
    void errorsAreInEnglishWithUiLocalesEn() {
        Login login = open(Map.of("ui_locales", "en"));
        Browser.Page page = typeIdentifier(login, "10001045368");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("This RPPS number is not valid"), page.text());
    }

    @Test
    void typosDoNotFillTheEventStore() {
        long before = admin.events("LOGIN_ERROR").size();
        assertRefusedInPlace("123", "Cet identifiant n'a pas le bon format");
        assertRefusedInPlace("10001045368", "Ce numéro RPPS n'est pas valide");
        assertEquals(before, admin.events("LOGIN_ERROR").size());
    }

    private static void assertRefusedInPlace(String typed, String message) {
        Login login = open(Map.of());
        Browser.Page page = typeIdentifier(login, typed);
        assertEquals(200, page.status(), page.body());
        Document doc = page.document();
        assertNotNull(doc.selectFirst("form#vigie-identifier-form"), "still the identifier page");
        assertNotNull(doc.selectFirst("#input-error-identifier"), "inline error next to the field");
        assertTrue(doc.selectFirst("#input-error-identifier").text().contains(message), doc.text());
        assertEquals("true", doc.selectFirst("input#identifier").attr("aria-invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {DEMO_RPPS, "100 010 453 67", "10.00.10.45.367", "810001045367", " 8 1000 1045 367 "})
    void knownIdentifierInAnyAcceptedFormMovesToTheSecondStep(String typed) {
        Login login = open(Map.of());
        Browser.Page page = typeIdentifier(login, typed);
        assertEquals(200, page.status());
        assertNotNull(page.document().selectFirst("#vigie-waiting"), page.body());
    }

    @Test
    void adeliIdentifierIsAccepted() {
        Login login = open(Map.of());
        Browser.Page page = typeIdentifier(login, "0756012345");
        assertNotNull(page.document().selectFirst("#vigie-waiting"), page.body());
    }

    @Test
    void unknownIdentifierGetsTheSamePageAsAKnownOne() {
        String unknownRpps = "1099999999" + Luhn.checkDigit("1099999999");
        Browser.Page known = typeIdentifier(open(Map.of()), DEMO_RPPS);
        Browser.Page unknown = typeIdentifier(open(Map.of()), unknownRpps);
        assertEquals(known.status(), unknown.status());
        // Only the identifier the person typed differs.
        assertEquals(structure(known.document()), structure(unknown.document()).replace("8" + unknownRpps, "8" + DEMO_RPPS));
        assertEquals(known.document().title(), unknown.document().title());
        assertEquals(known.document().selectFirst("#kc-page-title").text(), unknown.document().selectFirst("#kc-page-title").text());
    }

    /** Page skeleton without per-request values (URLs, tokens): what an observer could compare. */
    private static String structure(Document doc) {
        StringBuilder out = new StringBuilder();
        doc.select("form, input, button, h1, p, a, span").forEach(e -> out.append(e.tagName()).append('#').append(e.id())
                .append('[').append(e.attr("name")).append(']')
                // The code and the countdown are random / time-dependent for everyone alike.
                .append(e.id().equals("vigie-code") || e.id().equals("vigie-countdown-value") ? "*" : e.ownText()).append('\n'));
        return out.toString();
    }

    @Test
    void identifierAloneNeverLogsAnyoneIn() {
        Login login = open(Map.of());
        Browser.Page second = typeIdentifier(login, DEMO_RPPS);
        // Submitting the second step's page again, with anything, must not produce an authorization code.
        Browser.Page again = login.browser().submit(second, "#vigie-approval-form", Map.of("check", "1"));
        assertEquals(200, again.status());
        assertFalse(again.url().startsWith(OidcClient.REDIRECT_URI), again.url());
        assertNotNull(again.document().selectFirst("#vigie-waiting"));
    }

    @Test
    void quitOnTheIdentifierPageReturnsAccessDeniedWithState() {
        Login login = open(Map.of());
        Browser.Page back = login.browser().submit(login.page(), "#vigie-identifier-form", Map.of("cancel", "quit"));
        assertTrue(back.url().startsWith(OidcClient.REDIRECT_URI), back.url());
        assertEquals("access_denied", back.query().get("error"));
        assertEquals(login.client().state(), back.query().get("state"));
        assertNull(back.query().get("code"));
        assertQuitEventRecorded("identifier");
    }

    @Test
    void quitOnTheWaitingPageReturnsAccessDeniedWithState() {
        Login login = open(Map.of());
        Browser.Page second = typeIdentifier(login, DEMO_RPPS);
        Browser.Page back = login.browser().submit(second, "#vigie-approval-form", Map.of("cancel", "quit"));
        assertTrue(back.url().startsWith(OidcClient.REDIRECT_URI), back.url());
        assertEquals("access_denied", back.query().get("error"));
        assertEquals(login.client().state(), back.query().get("state"));
        assertQuitEventRecorded("device-approval");
    }

    private static void assertQuitEventRecorded(String step) {
        JsonNode events = admin.events("LOGIN_ERROR");
        boolean found = false;
        for (JsonNode event : events) {
            JsonNode details = event.path("details");
            if ("user_quit".equals(details.path("vigie_reason").asText()) && step.equals(details.path("vigie_step").asText())
                    && OidcClient.CLIENT_ID.equals(event.path("clientId").asText())) {
                found = true;
                assertEquals("rejected_by_user", event.path("error").asText());
            }
        }
        assertTrue(found, "a LOGIN_ERROR event with vigie_reason=user_quit at step " + step + " in " + events);
    }
}
