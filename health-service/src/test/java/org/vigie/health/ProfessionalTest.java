package org.vigie.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.health.identity.NoNationalIdException;
import org.vigie.health.identity.Professional;

/** Reading the ID token's claims into who signed in, with synthetic tokens shaped like Vigie's and PSC's. */
class ProfessionalTest {

    static final String REF_PRO = "{\"codeCivilite\":\"DR\",\"exercices\":[{\"codeProfession\":\"10\","
            + "\"codeCategorieProfessionnelle\":\"C\",\"codeSavoirFaire\":\"SM54\",\"nomDexercice\":\"MARTIN\","
            + "\"prenomDexercice\":\"Camille\",\"activities\":[{\"codeModeExercice\":\"L\",\"codeSecteurDactivite\":\"SA07\","
            + "\"numeroFinessSite\":\"750000001\",\"raisonSocialeSite\":\"Cabinet du Dr Camille Martin\"}]}]}";

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonObject token(String extra) {
        return json("{\"sub\":\"u-1\",\"acr\":\"eidas1\",\"amr\":[\"pin\",\"swk\",\"mfa\"],\"auth_time\":1780000000,"
                + "\"SubjectNameID\":\"810001045367\",\"preferred_username\":\"810001045367\",\"given_name\":\"Camille\","
                + "\"family_name\":\"MARTIN\",\"SubjectRefPro\":" + REF_PRO + extra + "}");
    }

    @Test
    void practitionerFromVigieClaims() {
        Professional me = Professional.fromClaims(token(""));
        assertEquals("810001045367", me.nationalId());
        assertEquals("Camille MARTIN", me.displayName());
        assertEquals("10", me.professionCode());
        assertEquals("Médecin (10)", me.professionLabel());
        assertEquals("Cabinet du Dr Camille Martin (FINESS 750000001)", me.practiceSite());
        assertEquals(List.of("pin", "swk", "mfa"), me.amr());
        assertEquals(Instant.ofEpochSecond(1780000000), me.authTime().orElseThrow());
        assertTrue(me.meetsRequiredLevel());
        assertTrue(me.assistant().isEmpty());
        assertEquals(null, me.assistantLabel());
    }

    @Test
    void delegatedSessionNamesTheAssistantFromAct() {
        Professional me = Professional.fromClaims(token(
                ",\"act\":{\"sub\":\"899700000001\",\"given_name\":\"Inès\",\"family_name\":\"ASSISTANTE\"}"));
        assertEquals("810001045367", me.nationalId(), "acts stay in the practitioner's name");
        assertEquals("899700000001", me.assistant().orElseThrow().id());
        assertEquals("Inès ASSISTANTE (899700000001)", me.assistantLabel());
    }

    @Test
    void vigiesActNamesTheAssistantByTheIdentifierTheyTypedAndTheirName() {
        Professional me = Professional.fromClaims(token(",\"act\":{\"sub\":\"5b7e0c2a-3f1d-4c55-9a0e-1d2c3b4a5f60\","
                + "\"preferred_username\":\"350000000013\",\"name\":\"Sophie Durand\"}"));
        assertEquals("810001045367", me.nationalId());
        assertEquals("350000000013", me.assistant().orElseThrow().id(), "not the opaque sub, which is longer than the column");
        assertEquals("Sophie Durand (350000000013)", me.assistantLabel());
    }

    @Test
    void actWithoutAnIdentifierIsNotADelegation() {
        assertTrue(Professional.fromClaims(token(",\"act\":{\"given_name\":\"X\"}")).assistant().isEmpty());
        assertTrue(Professional.fromClaims(token(",\"act\":\"899700000001\"")).assistant().isEmpty());
    }

    @Test
    void subjectRefProAsTextIsReadToo() {
        // Some brokers and gateways pass the object on serialised, as a JSON string.
        String escaped = REF_PRO.replace("\"", "\\\"");
        JsonObject claims = json("{\"acr\":\"eidas1\",\"SubjectNameID\":\"810001045367\",\"SubjectRefPro\":\"" + escaped + "\"}");
        Professional me = Professional.fromClaims(claims);
        assertEquals("10", me.professionCode());
        assertEquals("Camille MARTIN", me.displayName(), "names fall back to the exercice's");
    }

    @Test
    void levelOtherThanEidas1DoesNotMeetTheRequirement() {
        assertFalse(Professional.fromClaims(json("{\"SubjectNameID\":\"810001045367\"}")).meetsRequiredLevel());
        assertFalse(Professional.fromClaims(json("{\"SubjectNameID\":\"810001045367\",\"acr\":\"1\"}")).meetsRequiredLevel());
    }

    @Test
    void withoutNationalIdentifierTheTokenIsRefused() {
        assertThrows(NoNationalIdException.class, () -> Professional.fromClaims(json("{\"acr\":\"eidas1\",\"sub\":\"x\"}")));
    }

    @Test
    void brokenSubjectRefProLeavesProfessionUnknown() {
        Professional me = Professional.fromClaims(json("{\"acr\":\"eidas1\",\"SubjectNameID\":\"810001045367\",\"SubjectRefPro\":\"{not json\"}"));
        assertEquals("", me.professionCode());
        assertEquals("profession non communiquée", me.professionLabel());
    }
}
