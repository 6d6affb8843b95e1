package org.vigie.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.health.vaccination.VaccinationAct;

/**
 * The service's own endpoints over HTTP. Sessions are synthetic ({@code @TestSecurity} with the
 * claims of an ID token as Vigie issues it); the real sign-in against Vigie is tested end to end
 * in integration-tests (HealthServiceIT).
 */
@QuarkusTest
@QuarkusTestResource(OidcDiscoveryStub.class)
class VaccinationResourceTest {

    static final String DR_MARTIN = "810001045367";
    static final String REF_PRO = ProfessionalTest.REF_PRO;

    @BeforeEach
    void noActs() {
        QuarkusTransaction.requiringNew().run(() -> VaccinationAct.deleteAll());
    }

    static long acts() {
        return QuarkusTransaction.requiringNew().call(() -> VaccinationAct.count());
    }

    static String today() {
        return LocalDate.now(ZoneId.of("Europe/Paris")).toString();
    }

    static Response record(String patient, String vaccine, String lot, String site, String date, String remarks) {
        return given().redirects().follow(false)
                .formParam("patient", patient).formParam("vaccin", vaccine).formParam("lot", lot)
                .formParam("site", site).formParam("date", date).formParam("remarque", remarks)
                .post("/vaccinations");
    }

    static Response recordValid() {
        return record("P-0003", "GRIPPE", "FLU2026-A7", "DELT-G", today(), "");
    }

    // ---------------------------------------------------------------------------------------------
    // Signing in

    @Test
    void anonymousVisitIsSentToVigieWithPkceS256AcrValuesAndScopeAll() {
        String location = given().redirects().follow(false).get("/vaccinations")
                .then().statusCode(302).extract().header("Location");
        String url = URLDecoder.decode(location, StandardCharsets.UTF_8);
        org.hamcrest.MatcherAssert.assertThat(url, allOf(
                containsString("/realms/esante-wallet/protocol/openid-connect/auth?"),
                containsString("response_type=code"),
                containsString("client_id=vigie-health-service"),
                containsString("acr_values=eidas1"),
                containsString("code_challenge_method=S256"),
                containsString("code_challenge="),
                containsString("redirect_uri=http://127.0.0.1:"),
                containsString("/connexion")));
        String scope = url.replaceAll(".*[?&]scope=([^&]*).*", "$1");
        org.hamcrest.MatcherAssert.assertThat(scope, allOf(containsString("openid"), containsString("scope_all")));
    }

    @Test
    void homeAndDemoLandingArePublic() {
        given().get("/").then().statusCode(200).body(containsString("lang=\"fr\""), containsString("Se connecter avec Vigie"));
        given().get("/callback?code=abc&state=demo").then().statusCode(200)
                .body(containsString("vigie-demo"), containsString("href=\"/connexion\""));
        given().get("/callback?error=access_denied").then().statusCode(200).body(containsString("access_denied"));
    }

    @Test
    void backChannelLogoutWithoutAValidLogoutTokenIsRefused() {
        given().formParam("logout_token", "not-a-jwt").post("/back-channel-logout").then().statusCode(400);
    }

    // ---------------------------------------------------------------------------------------------
    // The level: acr=eidas1 or nothing

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = {
            @Claim(key = "SubjectNameID", value = DR_MARTIN),
            @Claim(key = "given_name", value = "Camille"),
            @Claim(key = "family_name", value = "MARTIN") })
    void sessionWithoutAcrIsRefusedWithAStepUpLink() {
        given().get("/vaccinations").then().statusCode(403)
                .body(containsString("Niveau d'authentification insuffisant"), containsString("id=\"acr-recu\">aucun<"),
                        containsString("href=\"/reconnexion\""));
        given().get("/moi").then().statusCode(403);
        recordValid().then().statusCode(403);
        assertEquals(0, acts());
    }

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = {
            @Claim(key = "SubjectNameID", value = DR_MARTIN),
            @Claim(key = "acr", value = "1") })
    void sessionAtAnotherLevelIsRefused() {
        given().get("/vaccinations").then().statusCode(403).body(containsString("id=\"acr-recu\">1<"));
        recordValid().then().statusCode(403);
        assertEquals(0, acts());
    }

    // ---------------------------------------------------------------------------------------------
    // Acts stored and listed

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = {
            @Claim(key = "acr", value = "eidas1"),
            @Claim(key = "SubjectNameID", value = DR_MARTIN),
            @Claim(key = "given_name", value = "Camille"),
            @Claim(key = "family_name", value = "MARTIN"),
            @Claim(key = "SubjectRefPro", value = REF_PRO, type = ClaimType.JSON_OBJECT) })
    void actIsStoredInThePractitionersNameAndListed() {
        given().get("/vaccinations").then().statusCode(200).body(containsString("Aucun acte enregistré"));
        String location = recordValid().then().statusCode(303).extract().header("Location");
        assertEquals(1, acts());
        VaccinationAct act = QuarkusTransaction.requiringNew().call(() -> VaccinationAct.<VaccinationAct>findAll().firstResult());
        assertEquals(DR_MARTIN, act.practitionerId);
        assertEquals("Camille MARTIN", act.practitionerName);
        assertEquals("10", act.professionCode);
        assertEquals("Cabinet du Dr Camille Martin (FINESS 750000001)", act.practiceSite);
        assertEquals(null, act.assistantId);
        assertEquals("FLU2026-A7", act.lotNumber);

        given().get(location).then().statusCode(200)
                .body(containsString("id=\"enregistre\""), containsString("Grippe saisonnière"),
                        containsString("MOREAU Chloé"), containsString("FLU2026-A7"),
                        containsString("Camille MARTIN (810001045367), Cabinet du Dr Camille Martin"));
        given().get("/vaccinations?recherche=moreau").then().statusCode(200).body(containsString("FLU2026-A7"));
        given().get("/vaccinations?recherche=durand").then().statusCode(200)
                .body(containsString("Aucun acte ne correspond"), not(containsString("FLU2026-A7")));
    }

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = {
            @Claim(key = "acr", value = "eidas1"),
            @Claim(key = "SubjectNameID", value = DR_MARTIN),
            @Claim(key = "given_name", value = "Camille"),
            @Claim(key = "family_name", value = "MARTIN"),
            @Claim(key = "SubjectRefPro", value = REF_PRO, type = ClaimType.JSON_OBJECT),
            @Claim(key = "act", value = "{\"sub\":\"899700000001\",\"given_name\":\"Inès\",\"family_name\":\"ASSISTANTE\"}",
                    type = ClaimType.JSON_OBJECT) })
    void delegatedSessionRecordsWhoTypedAndInWhoseName() {
        recordValid().then().statusCode(303);
        VaccinationAct act = QuarkusTransaction.requiringNew().call(() -> VaccinationAct.<VaccinationAct>findAll().firstResult());
        assertEquals(DR_MARTIN, act.practitionerId);
        assertEquals("899700000001", act.assistantId);
        assertEquals("Inès ASSISTANTE", act.assistantName);
        given().get("/vaccinations").then().statusCode(200)
                .body(containsString("saisi par Inès ASSISTANTE (899700000001)"));
        given().get("/moi").then().statusCode(200)
                .body(containsString("oui : saisie par Inès ASSISTANTE (899700000001), au nom de Camille MARTIN"));
    }

    @Test
    @TestSecurity(user = "810006122583")
    @OidcSecurity(claims = {
            @Claim(key = "acr", value = "eidas1"),
            @Claim(key = "SubjectNameID", value = "810006122583") })
    void anotherPractitionerDoesNotSeeTheseActs() {
        QuarkusTransaction.requiringNew().run(() -> {
            VaccinationAct act = new VaccinationAct();
            act.patient = org.vigie.health.vaccination.Patient.byFileNumber("P-0001").orElseThrow();
            act.vaccineCode = "ZONA";
            act.lotNumber = "OTHER-1";
            act.siteCode = "DELT-D";
            act.administeredOn = LocalDate.of(2026, 1, 5);
            act.practitionerId = DR_MARTIN;
            act.practitionerName = "Camille MARTIN";
            act.recordedAt = java.time.Instant.now();
            act.persist();
        });
        given().get("/vaccinations").then().statusCode(200).body(not(containsString("OTHER-1")));
        given().get("/vaccinations?enregistre=" + QuarkusTransaction.requiringNew().call(
                () -> VaccinationAct.<VaccinationAct>findAll().firstResult().id)).then().statusCode(200)
                .body(not(containsString("OTHER-1")));
    }

    // ---------------------------------------------------------------------------------------------
    // Who am I

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = {
            @Claim(key = "acr", value = "eidas1"),
            @Claim(key = "amr", value = "[\"pin\",\"swk\",\"mfa\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "auth_time", value = "1780000000"),
            @Claim(key = "SubjectNameID", value = DR_MARTIN),
            @Claim(key = "given_name", value = "Camille"),
            @Claim(key = "family_name", value = "MARTIN"),
            @Claim(key = "SubjectRefPro", value = REF_PRO, type = ClaimType.JSON_OBJECT) })
    void whoAmIShowsTheClaimsAndTheDecodedToken() {
        given().get("/moi").then().statusCode(200)
                .body(containsString("id=\"subject-name-id\">810001045367<"), containsString("id=\"acr\">eidas1<"),
                        containsString("id=\"amr\">pin, swk, mfa<"), containsString("Médecin (10)"),
                        containsString("28 mai 2026 à"), containsString("non : vous agissez en personne"),
                        containsString("&quot;codeSavoirFaire&quot;: &quot;SM54&quot;"),
                        containsString("&quot;alg&quot;: &quot;RS256&quot;"),
                        containsString("id=\"id-token-raw\""));
    }

    // ---------------------------------------------------------------------------------------------
    // Input validation: a clear 400, nothing stored

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = { @Claim(key = "acr", value = "eidas1"), @Claim(key = "SubjectNameID", value = DR_MARTIN) })
    void badInputIsRefusedWith400AndNothingIsStored() {
        assertRefused(record("P-0003", "GRIPPE", "ab", "DELT-G", today(), ""), "Numéro de lot invalide");
        assertRefused(record("P-0003", "GRIPPE", "LOT 12;DROP", "DELT-G", today(), ""), "Numéro de lot invalide");
        assertRefused(record("P-0003", "GRIPPE", "A".repeat(21), "DELT-G", today(), ""), "Numéro de lot invalide");
        assertRefused(record("P-0003", "GRIPPE", "A".repeat(41), "DELT-G", today(), ""), "Le numéro de lot est trop long");
        assertRefused(record("P-0003", "GRIPPE", "FLU2026-A7", "DELT-G",
                LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1).toString(), ""), "ne peut pas être dans le futur");
        assertRefused(record("P-0003", "GRIPPE", "FLU2026-A7", "DELT-G", "01/12/2026", ""), "Date invalide");
        assertRefused(record("P-0008", "GRIPPE", "FLU2026-A7", "DELT-G", "2020-01-01", ""), "précède la naissance");
        assertRefused(record("P-9999", "GRIPPE", "FLU2026-A7", "DELT-G", today(), ""), "Patient inconnu");
        assertRefused(record("P-" + "9".repeat(60), "GRIPPE", "FLU2026-A7", "DELT-G", today(), ""), "trop long");
        assertRefused(record("P-0003", "RAGE", "FLU2026-A7", "DELT-G", today(), ""), "Vaccin inconnu");
        assertRefused(record("P-0003", "GRIPPE", "FLU2026-A7", "FESSE", today(), ""), "injection inconnu");
        assertRefused(record("P-0003", "GRIPPE", "FLU2026-A7", "DELT-G", today(), "x".repeat(501)), "La remarque est trop longue");
        assertRefused(record("", "", "", "", "", ""), "Choisissez le patient");
        given().get("/vaccinations?recherche=" + "z".repeat(81)).then().statusCode(400)
                .body(containsString("La recherche est trop longue"));
        assertEquals(0, acts());
        // The same form with everything right is accepted: the refusals above were the fields' doing.
        recordValid().then().statusCode(303);
        assertEquals(1, acts());
    }

    @Test
    @TestSecurity(user = DR_MARTIN)
    @OidcSecurity(claims = { @Claim(key = "acr", value = "eidas1"), @Claim(key = "SubjectNameID", value = DR_MARTIN) })
    void markupInFieldsIsEscaped() {
        record("P-0003", "GRIPPE", "<b>x</b>", "DELT-G", today(), "<script>alert(1)</script>").then().statusCode(400)
                .body(not(containsString("<script>alert(1)")), containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    private static void assertRefused(Response response, String message) {
        response.then().statusCode(400).contentType(startsWith("text/html"))
                .body(containsString("L'acte n'a pas été enregistré"), containsString(message));
    }
}
