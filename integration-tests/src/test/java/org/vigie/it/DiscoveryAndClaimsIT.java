package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.OidcClient;

/** Discovery at both paths, the realm as imported, and the PSC-shaped claims of a demo practitioner. */
class DiscoveryAndClaimsIT {

    static KeycloakServer server;
    static AdminApi admin;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        admin = new AdminApi(server);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return AdminApi.parse(response.body());
    }

    @Test
    void discoveryAnswersAtTheStandardAndThePscPaths() throws Exception {
        JsonNode standard = getJson(server.realmUrl() + "/.well-known/openid-configuration");
        JsonNode wallet = getJson(server.realmUrl() + "/.well-known/wallet-openid-configuration");
        assertEquals(server.realmUrl(), standard.get("issuer").asText());
        assertEquals(standard, wallet);
        assertTrue(standard.get("code_challenge_methods_supported").toString().contains("S256"));
        assertTrue(standard.get("scopes_supported").toString().contains("scope_all"), standard.get("scopes_supported").toString());
    }

    @Test
    void realmIsImportedWithTheVigieBrowserFlowAndPscLifetimes() {
        JsonNode realm = admin.get("");
        assertEquals("vigie-browser", realm.get("browserFlow").asText());
        assertEquals(120, realm.get("accessTokenLifespan").asInt());
        assertEquals(1800, realm.get("ssoSessionIdleTimeout").asInt());
        assertEquals(14400, realm.get("ssoSessionMaxLifespan").asInt());
        assertEquals("fr", realm.get("defaultLocale").asText());
        assertTrue(realm.get("eventsEnabled").asBoolean());
    }

    @Test
    void demoClientIsPublicWithPkceS256AndOneExactRedirectUri() {
        JsonNode client = admin.get("/clients/" + admin.clientUuid(OidcClient.CLIENT_ID));
        assertTrue(client.get("publicClient").asBoolean());
        assertEquals("S256", client.get("attributes").get("pkce.code.challenge.method").asText());
        assertEquals(1, client.get("redirectUris").size());
        assertEquals(OidcClient.REDIRECT_URI, client.get("redirectUris").get(0).asText());
        assertFalse(client.get("directAccessGrantsEnabled").asBoolean(), "no password grant for practitioners");
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() throws Exception {
        String url = server.realmUrl() + "/protocol/openid-connect/auth?client_id=vigie-demo&response_type=code&scope=openid"
                + "&state=s1&redirect_uri=" + URLEncoder.encode(OidcClient.REDIRECT_URI, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(OidcClient.REDIRECT_URI) && location.contains("error=invalid_request"), location);
    }

    @Test
    void idTokenCarriesPscClaimsForTheDemoPractitioner() {
        JsonNode token = exampleToken("generate-example-id-token", "810001045367");
        assertPscClaims(token);
    }

    @Test
    void userInfoCarriesPscClaimsForTheDemoPractitioner() {
        JsonNode userInfo = exampleToken("generate-example-userinfo", "810001045367");
        assertPscClaims(userInfo);
    }

    @Test
    void adeliHolderHasBothIdentifiersInOtherIdsAndSeveralSites() {
        JsonNode token = exampleToken("generate-example-id-token", "899700237045");
        assertEquals("899700237045", token.get("SubjectNameID").asText());
        JsonNode otherIds = token.get("otherIds");
        assertEquals(2, otherIds.size(), otherIds.toString());
        assertEquals("0756012345", otherIds.get(1).get("identifiant").asText());
        assertEquals("ADELI", otherIds.get(1).get("origine").asText());
        assertEquals(1, token.get("SubjectRefPro").get("exercices").size(), "one exercice per profession");
        assertEquals(2, token.get("SubjectRefPro").get("exercices").get(0).get("activities").size(), "one activity per site");
        assertEquals("750000001", token.get("SubjectRefPro").get("exercices").get(0).get("activities").get(0).get("numeroFinessSite").asText());
    }

    @Test
    void withoutScopeAllThereAreNoPscClaims() {
        String userId = admin.userId("810001045367");
        JsonNode token = admin.get("/clients/" + admin.clientUuid(OidcClient.CLIENT_ID)
                + "/evaluate-scopes/generate-example-id-token?scope=openid&userId=" + userId);
        assertFalse(token.has("SubjectRefPro"));
        assertFalse(token.has("SubjectNameID"));
    }

    private static JsonNode exampleToken(String kind, String username) {
        String userId = admin.userId(username);
        return admin.get("/clients/" + admin.clientUuid(OidcClient.CLIENT_ID) + "/evaluate-scopes/" + kind
                + "?scope=" + URLEncoder.encode("openid scope_all", StandardCharsets.UTF_8) + "&userId=" + userId);
    }

    private static void assertPscClaims(JsonNode token) {
        assertEquals("810001045367", token.get("SubjectNameID").asText(), token.toString());
        assertEquals("810001045367", token.get("preferred_username").asText());
        assertEquals("Camille", token.get("given_name").asText());
        assertEquals("Martin", token.get("family_name").asText());
        JsonNode refPro = token.get("SubjectRefPro");
        assertTrue(refPro.isObject(), "SubjectRefPro is a JSON object, not a string: " + refPro);
        assertEquals("MME", refPro.get("codeCivilite").asText());
        JsonNode exercice = refPro.get("exercices").get(0);
        assertEquals("10", exercice.get("codeProfession").asText());
        assertEquals("C", exercice.get("codeCategorieProfessionnelle").asText());
        assertEquals("SM54", exercice.get("codeSavoirFaire").asText());
        assertEquals("MARTIN", exercice.get("nomDexercice").asText());
        assertEquals("Camille", exercice.get("prenomDexercice").asText());
        JsonNode activity = exercice.get("activities").get(0);
        assertEquals("L", activity.get("codeModeExercice").asText());
        assertEquals("SA07", activity.get("codeSecteurDactivite").asText());
        assertTrue(activity.has("numeroFinessSite"));
        assertTrue(activity.get("raisonSocialeSite").asText().contains("Camille Martin"));
        JsonNode otherIds = token.get("otherIds");
        assertEquals("810001045367", otherIds.get(0).get("identifiant").asText());
        assertEquals("RPPS", otherIds.get(0).get("origine").asText());
    }
}
