package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
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
import org.vigie.it.support.HealthService;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * The reference health service end to end: the real Vigie server, the service as its own process
 * (health-service's fast-jar), real Chromium. A practitioner signs in at the service, approves on
 * the device simulator, records an act, sees it in their name, and logs out (RP-initiated through
 * Vigie); leaving Vigie elsewhere ends the service's session (back-channel logout); an assistant
 * signs in, the practitioner beside them approves the delegation, and the act recorded names both
 * (in whose name, who typed). Every page:
 * screenshot and axe (target/screenshots/, target/axe/).
 */
class HealthServiceIT {

    static final String SERVICE_NAME = "Carnet de vaccination (service de référence)";

    static KeycloakServer server;
    static Vigie vigie;
    static HealthService service;

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
            context.getExecutionException().get().addSuppressed(new AssertionError("health service log:\n" + service.tail()));
        }
    };

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        service = HealthService.start(server, vigie.admin());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (vigie != null) {
            vigie.clock(0);
        }
    }

    @BeforeEach
    void realTime(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        // The service checks the tokens' times against its own clock: Keycloak's runs on real time here.
        vigie.clockAt(ZonedDateTime.now(Vigie.PARIS));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void practitionerSignsInRecordsAnActInTheirNameAndLogsOut() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        browser = Chromium.start(testName, Chromium.Options.french());

        browser.open(service.baseUrl() + "/");
        assertEquals("fr", browser.find("html").getAttribute("lang"));
        browser.page("home");
        signIn(practitioner, device);

        // The acts page, in the practitioner's name as Vigie vouched for it.
        assertEquals("Test Praticien", browser.text("#connecte"));
        assertTrue(browser.text("#saisie-pour").contains(practitioner.nationalId()), browser.text("#saisie-pour"));
        assertTrue(browser.has("#aucun-acte"));
        browser.page("acts-empty");

        // A lot number in the wrong format: refused on the same page, nothing recorded.
        fillAct("P-0003", "GRIPPE", "lot?", "DELT-G");
        browser.find("#enregistrer").click();
        browser.waitForElement(10, "#erreurs");
        assertTrue(browser.text("#erreurs").contains("Numéro de lot invalide"), browser.text("#erreurs"));
        assertTrue(browser.has("#aucun-acte"));
        browser.page("act-refused");

        fillAct("P-0003", "GRIPPE", "FLU2026-IT1", "DELT-G");
        browser.find("#enregistrer").click();
        browser.waitForElement(10, "#enregistre");
        assertTrue(browser.text("#enregistre").contains("MOREAU Chloé"), browser.text("#enregistre"));
        String row = browser.text("#actes tbody tr");
        assertTrue(row.contains("FLU2026-IT1") && row.contains("Grippe saisonnière"), row);
        assertTrue(row.contains("Test Praticien (" + practitioner.nationalId() + "), Cabinet de test"), row);
        browser.page("act-recorded");

        // Who am I: the claims, readable, and the decoded ID token.
        browser.find("a[href='/moi']").click();
        browser.waitForElement(10, "#identite");
        assertEquals(practitioner.nationalId(), browser.text("#subject-name-id"));
        assertEquals("eidas1", browser.text("#acr"));
        assertTrue(browser.text("#amr").contains("pin"), browser.text("#amr"));
        assertEquals("Médecin (10)", browser.text("#profession"));
        assertTrue(browser.text("#id-token-claims").contains("\"SubjectRefPro\""));
        browser.page("who-am-i");

        // RP-initiated logout: through Vigie (its SSO session ends) and back to the service's home.
        browser.find("#deconnexion").click();
        // (Vigie hands back the state quarkus-oidc sent with the logout request.)
        browser.waitFor(15, "back at the service's home", d -> d.getCurrentUrl().equals(service.baseUrl() + "/")
                || d.getCurrentUrl().startsWith(service.baseUrl() + "/?state="));
        browser.waitForElement(10, "#connexion");
        browser.page("logged-out");
        browser.open(service.baseUrl() + "/vaccinations");
        browser.waitForElement(10, "#vigie-identifier-form");
        assertTrue(browser.url().startsWith(server.realmUrl()), "a new login at Vigie, no session left: " + browser.url());
    }

    @Test
    void leavingVigieEndsTheServiceSessionByBackChannelLogout() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        browser = Chromium.start(testName, Chromium.Options.french());
        browser.open(service.baseUrl() + "/");
        signIn(practitioner, device);
        browser.open(service.baseUrl() + "/vaccinations");
        browser.waitForElement(10, "#saisie");

        // The practitioner's Vigie sessions end elsewhere (here an operator signs them out):
        // Vigie calls the service's back-channel logout URL.
        HttpResponse<String> logout = vigie.admin().send("POST", "/users/" + practitioner.userId() + "/logout", null);
        assertEquals(204, logout.statusCode(), logout.body());

        browser.open(service.baseUrl() + "/vaccinations");
        browser.waitForElement(10, "#vigie-identifier-form");
        assertTrue(browser.url().startsWith(server.realmUrl()), "the service's session ended: " + browser.url());
        assertFalse(browser.has("#saisie"));
    }

    @Test
    void anAssistantTypesInThePractitionersNameOnceThePractitionerApproved() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient practitionerDevice = vigie.enrolledDevice(practitioner);
        Assistant assistant = new Delegating(vigie).newAssistant(true);
        String typist = "Sophie Durand (" + assistant.identifier() + ")";
        browser = Chromium.start(testName, Chromium.Options.french());
        browser.open(service.baseUrl() + "/");
        signInForThePractitioner(assistant, practitioner, practitionerDevice);

        // The service's session is the practitioner's, typed by the assistant.
        assertEquals("Test Praticien", browser.text("#connecte"));
        assertEquals(typist, browser.text("#assistant-connecte"));
        String recordedFor = browser.text("#saisie-pour");
        assertTrue(recordedFor.contains(practitioner.nationalId()) && recordedFor.contains("saisi par " + typist), recordedFor);
        browser.page("delegated-acts");

        fillAct("P-0005", "GRIPPE", "FLU2026-DEL1", "DELT-G");
        browser.find("#enregistrer").click();
        browser.waitForElement(10, "#enregistre");
        String row = browser.text("#actes tbody tr");
        assertTrue(row.contains("FLU2026-DEL1"), row);
        assertTrue(row.contains("Test Praticien (" + practitioner.nationalId() + "), Cabinet de test"), "in whose name: " + row);
        assertTrue(row.contains("saisi par " + typist), "who typed: " + row);
        browser.page("delegated-act-recorded");

        browser.find("a[href='/moi']").click();
        browser.waitForElement(10, "#identite");
        assertEquals(practitioner.nationalId(), browser.text("#subject-name-id"));
        assertEquals("eidas1", browser.text("#acr"));
        assertTrue(browser.text("#amr").contains("delegation"), browser.text("#amr"));
        assertEquals("oui : saisie par " + typist + ", au nom de Test Praticien", browser.text("#act"));
        browser.page("delegated-who-am-i");
    }

    @Test
    void aDelegationEndedOnThePractitionersPhoneEndsTheAssistantsSessionAtTheService() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient practitionerDevice = vigie.enrolledDevice(practitioner);
        Delegating delegating = new Delegating(vigie);
        Assistant assistant = delegating.newAssistant(true);
        browser = Chromium.start(testName, Chromium.Options.french());
        browser.open(service.baseUrl() + "/");
        signInForThePractitioner(assistant, practitioner, practitionerDevice);
        fillAct("P-0006", "GRIPPE", "FLU2026-END1", "DELT-G");
        browser.find("#enregistrer").click();
        browser.waitForElement(10, "#enregistre");
        assertTrue(browser.text("#actes tbody tr").contains(practitioner.nationalId()), browser.text("#actes tbody tr"));

        // The practitioner ends the delegation from their phone while the assistant is still at the service.
        String delegationId = delegating.delegations(practitionerDevice).get(0).get("id").asText();
        HttpResponse<String> ended = delegating.end(practitionerDevice, delegationId);
        assertEquals(200, ended.statusCode(), ended.body());

        // Vigie told the service (back-channel logout): its next page is a new login, nothing in the practitioner's name.
        browser.open(service.baseUrl() + "/vaccinations");
        browser.waitForElement(10, "#vigie-identifier-form");
        assertTrue(browser.url().startsWith(server.realmUrl()), "the service's session ended: " + browser.url());
        assertFalse(browser.has("#saisie"));
        assertFalse(browser.find("body").getText().contains(practitioner.nationalId()), browser.find("body").getText());
        browser.open(service.baseUrl() + "/moi");
        browser.waitForElement(10, "#vigie-identifier-form");
        assertFalse(browser.has("#identite"), "no ID token left at the service");
    }

    /**
     * From the service's home: the assistant signs in at Vigie with their own phone, asks to type
     * for the practitioner, the practitioner beside them approves on theirs; back at the acts page.
     */
    private void signInForThePractitioner(Assistant assistant, Practitioner practitioner, DeviceClient practitionerDevice) {
        // The assistant signs in at Vigie with their own phone, then asks to type for the practitioner.
        browser.find("#connexion").click();
        browser.waitForElement(10, "#vigie-identifier-form");
        assertEquals(SERVICE_NAME, browser.text("#vigie-service-name"));
        browser.page("assistant-identifier");
        browser.find("#identifier").sendKeys(assistant.identifier());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-code");
        browser.page("assistant-waiting");
        DecisionResult own = assistant.device().approveByCode(browser.text("#vigie-code"), Vigie.PIN);
        assertTrue(own.ok(), own.http().toString());
        browser.waitForElement(15, "#vigie-delegation-form");
        assertEquals(SERVICE_NAME, browser.text("#vigie-service-name"));
        browser.page("delegation-offer");
        browser.find("#practitioner").sendKeys(practitioner.rpps());
        new Select(browser.find("#duration")).selectByValue("60");
        browser.find("#vigie-delegation-submit").click();
        browser.waitForElement(10, "#vigie-code");
        assertTrue(browser.text("#vigie-delegation-request").contains(practitioner.nationalId()));
        browser.page("delegation-waiting");

        // The practitioner, beside the assistant, reads the request on their phone and approves it.
        PendingChallenge request = Vigie.onlyPending(practitionerDevice);
        assertEquals("delegation", request.json().get("purpose").asText());
        assertEquals(SERVICE_NAME, request.clientName());
        DecisionResult approved = practitionerDevice.decide(request.id(), "approve", browser.text("#vigie-code"), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        browser.waitFor(15, "at the service's acts page", d -> d.getCurrentUrl().startsWith(service.baseUrl() + "/vaccinations"));
        browser.waitForElement(10, "#saisie");
    }

    /** From the service's home: "Se connecter avec Vigie", the identifier, approval on the phone, back at the service. */
    private void signIn(Practitioner practitioner, DeviceClient device) {
        browser.find("#connexion").click();
        browser.waitForElement(10, "#vigie-identifier-form");
        assertEquals(SERVICE_NAME, browser.text("#vigie-service-name"));
        browser.page("vigie-identifier");
        browser.find("#identifier").sendKeys(practitioner.rpps());
        browser.find("#vigie-identifier-submit").click();
        browser.waitForElement(10, "#vigie-waiting");
        String code = browser.text("#vigie-code");
        browser.page("vigie-waiting");

        PendingChallenge challenge = Vigie.onlyPending(device);
        assertEquals(SERVICE_NAME, challenge.clientName());
        DecisionResult approved = device.decide(challenge.id(), "approve", code, Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());

        browser.waitFor(15, "at the service's acts page", d -> d.getCurrentUrl().startsWith(service.baseUrl() + "/vaccinations"));
        browser.waitForElement(10, "#saisie");
    }

    private void fillAct(String patient, String vaccine, String lot, String site) {
        new Select(browser.find("#patient")).selectByValue(patient);
        new Select(browser.find("#vaccin")).selectByValue(vaccine);
        browser.find("#lot").clear();
        browser.find("#lot").sendKeys(lot);
        new Select(browser.find("#site")).selectByValue(site);
    }
}
