package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/**
 * PSC's flat claims derived from the directory data a practitioner holds (SubjectOrganization,
 * SubjectOrganizationID, Secteur_Activite, SubjectRole) and those of the login
 * (Palier_Authentification, UITVersion), in the ID token, the access token and at UserInfo.
 */
class PscDirectoryClaimsIT {

    static final String ROLE_SYSTEM = "^1.2.250.1.213.1.1.5.5";
    static final String SECTOR_SYSTEM = "^1.2.250.1.71.4.2.4";
    static final String PALIER = "APPPRIP3^1.2.250.1.213.1.5.1.1.1";

    static KeycloakServer server;
    static AdminApi admin;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        admin = new AdminApi(server);
        vigie = new Vigie(server);
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    void aDoctorWithOneSiteInTheIdTokenAndAtUserInfo() {
        for (String kind : List.of("generate-example-id-token", "generate-example-userinfo")) {
            JsonNode claims = exampleToken(kind, "810001045367");
            assertEquals("Cabinet du Dr Camille Martin (démo)", claims.get("SubjectOrganization").asText(), kind + ": " + claims);
            assertEquals("R10000001", claims.get("SubjectOrganizationID").asText());
            assertEquals("SA07" + SECTOR_SYSTEM, claims.get("Secteur_Activite").asText());
            assertEquals("[\"10" + ROLE_SYSTEM + "\"]", claims.get("SubjectRole").toString());
            assertEquals("1.0", claims.get("UITVersion").asText());
        }
    }

    @Test
    void aNurseWithSeveralSitesIsNamedAtTheFirstOneAndListsAllInSubjectRefPro() {
        for (String kind : List.of("generate-example-id-token", "generate-example-userinfo")) {
            JsonNode claims = exampleToken(kind, "899700237045");
            assertEquals("Centre hospitalier de démonstration", claims.get("SubjectOrganization").asText(), kind + ": " + claims);
            assertEquals("F750000001", claims.get("SubjectOrganizationID").asText());
            assertEquals("SA01" + SECTOR_SYSTEM, claims.get("Secteur_Activite").asText());
            assertEquals("[\"60" + ROLE_SYSTEM + "\"]", claims.get("SubjectRole").toString(), "one profession, listed once");
            JsonNode exercices = claims.get("SubjectRefPro").get("exercices");
            assertEquals(1, exercices.size(), exercices.toString());
            JsonNode sites = exercices.get(0).get("activities");
            assertEquals(2, sites.size(), sites.toString());
            assertEquals("F750000001", sites.get(0).get("identifiantTechniqueDeLaStructure").asText());
            assertEquals("R10000003", sites.get(1).get("identifiantTechniqueDeLaStructure").asText());
            assertEquals("Cabinet infirmier (démo)", sites.get(1).get("raisonSocialeSite").asText());
        }
    }

    @Test
    void noLevelWithoutADeviceApprovalAndNoneOfTheseClaimsWithoutScopeAll() {
        JsonNode claims = exampleToken("generate-example-id-token", "810006122583");
        assertEquals("Pharmacie de démonstration", claims.get("SubjectOrganization").asText());
        assertEquals("[\"21" + ROLE_SYSTEM + "\"]", claims.get("SubjectRole").toString());
        assertFalse(claims.has("Palier_Authentification"), "an example token comes from no approved login: " + claims);

        JsonNode without = admin.get("/clients/" + admin.clientUuid(OidcClient.CLIENT_ID)
                + "/evaluate-scopes/generate-example-id-token?scope=openid&userId=" + admin.userId("810006122583"));
        for (String claim : List.of("SubjectOrganization", "SubjectOrganizationID", "Secteur_Activite", "SubjectRole",
                "Palier_Authentification", "UITVersion")) {
            assertFalse(without.has(claim), claim + " without scope_all: " + without);
        }
    }

    @Test
    void aPractitionerWithNoSiteHasRolesButNoSiteClaims() {
        Practitioner practitioner = vigie.newPractitioner();
        exercices(practitioner, List.of("{\"codeProfession\":\"40\",\"codeCategorieProfessionnelle\":\"C\",\"activities\":[]}"));
        JsonNode claims = exampleToken("generate-example-userinfo", practitioner.nationalId());
        assertEquals("[\"40" + ROLE_SYSTEM + "\"]", claims.get("SubjectRole").toString(), claims.toString());
        assertFalse(claims.has("SubjectOrganization"), claims.toString());
        assertFalse(claims.has("SubjectOrganizationID"));
        assertFalse(claims.has("Secteur_Activite"));
    }

    @Test
    void aRealLoginOfAPractitionerWithTwoProfessionsAndThreeSites() {
        Practitioner practitioner = vigie.newPractitioner();
        exercices(practitioner, List.of(
                "{\"codeProfession\":\"21\",\"codeCategorieProfessionnelle\":\"C\",\"activities\":["
                        + "{\"codeModeExercice\":\"S\",\"codeSecteurDactivite\":\"SA33\",\"identifiantTechniqueDeLaStructure\":\"R20000001\","
                        + "\"raisonSocialeSite\":\"Pharmacie du Marché\"},"
                        + "{\"codeModeExercice\":\"S\",\"codeSecteurDactivite\":\"SA01\",\"identifiantTechniqueDeLaStructure\":\"F690000002\","
                        + "\"raisonSocialeSite\":\"Hôpital de la Croix-Rousse\"}]}",
                "{\"codeProfession\":\"10\",\"codeCategorieProfessionnelle\":\"C\",\"activities\":["
                        + "{\"codeModeExercice\":\"L\",\"codeSecteurDactivite\":\"SA07\",\"raisonSocialeSite\":\"Cabinet sans identifiant\"}]}"));
        DeviceClient device = vigie.enrolledDevice(practitioner);

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(login.challengeId(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().url() + "\n" + login.page().text());
        JsonNode tokens = login.exchangeCode();

        JsonNode idToken = Login.verifiedClaims(server, tokens.get("id_token").asText());
        JsonNode accessToken = Login.verifiedClaims(server, tokens.get("access_token").asText());
        JsonNode userInfo = Login.userInfo(server, tokens.get("access_token").asText());
        for (JsonNode claims : List.of(idToken, accessToken, userInfo)) {
            assertEquals("Pharmacie du Marché", claims.get("SubjectOrganization").asText(), claims.toString());
            assertEquals("R20000001", claims.get("SubjectOrganizationID").asText());
            assertEquals("SA33" + SECTOR_SYSTEM, claims.get("Secteur_Activite").asText());
            assertEquals("[\"21" + ROLE_SYSTEM + "\",\"10" + ROLE_SYSTEM + "\"]", claims.get("SubjectRole").toString());
            assertEquals(PALIER, claims.get("Palier_Authentification").asText(), "the level of a login approved on the device");
            assertEquals("1.0", claims.get("UITVersion").asText());
            assertEquals(3, claims.get("SubjectRefPro").get("exercices").get(0).get("activities").size()
                    + claims.get("SubjectRefPro").get("exercices").get(1).get("activities").size());
        }
        assertEquals("eidas1", idToken.get("acr").asText());
    }

    private static JsonNode exampleToken(String kind, String username) {
        return admin.get("/clients/" + admin.clientUuid(OidcClient.CLIENT_ID) + "/evaluate-scopes/" + kind
                + "?scope=" + URLEncoder.encode("openid scope_all", StandardCharsets.UTF_8) + "&userId=" + admin.userId(username));
    }

    /** Replaces the practitioner's exercices, as the directory import would. */
    private static void exercices(Practitioner practitioner, List<String> exercices) {
        ObjectNode user = (ObjectNode) admin.get("/users/" + practitioner.userId());
        ((ObjectNode) user.get("attributes")).set("pscExercice", new ObjectMapper().valueToTree(exercices));
        HttpResponse<String> updated = admin.send("PUT", "/users/" + practitioner.userId(), user);
        assertEquals(204, updated.statusCode(), updated.body());
    }
}
