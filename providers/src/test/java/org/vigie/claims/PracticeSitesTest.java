package org.vigie.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PracticeSitesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode exercices(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** A nurse with a hospital site then a practice of her own, and a second profession without site. */
    private static final String SEVERAL_SITES = "[{\"codeProfession\":\"60\",\"activities\":["
            + "{\"raisonSocialeSite\":\"Centre hospitalier\",\"identifiantTechniqueDeLaStructure\":\"F750000001\",\"codeSecteurDactivite\":\"SA01\"},"
            + "{\"raisonSocialeSite\":\"Cabinet infirmier\",\"identifiantTechniqueDeLaStructure\":\"R10000\",\"codeSecteurDactivite\":\"SA07\"}]},"
            + "{\"codeProfession\":\"50\",\"activities\":[]},"
            + "{\"codeProfession\":\"60\",\"activities\":[{\"raisonSocialeSite\":\"Autre\"}]}]";

    @Test
    void theFlatClaimsNameTheFirstSiteListed() throws Exception {
        JsonNode exercices = exercices(SEVERAL_SITES);
        assertEquals(Optional.of("Centre hospitalier"), PracticeSites.siteField(exercices, "raisonSocialeSite", ""));
        assertEquals(Optional.of("F750000001"), PracticeSites.siteField(exercices, "identifiantTechniqueDeLaStructure", ""));
        assertEquals(Optional.of("SA01^1.2.250.1.71.4.2.4"),
                PracticeSites.siteField(exercices, "codeSecteurDactivite", PracticeSites.SECTEUR_ACTIVITE_SYSTEM));
    }

    @Test
    void everyProfessionOnceInOrderWithItsCodeSystem() throws Exception {
        assertEquals("[\"60^1.2.250.1.213.1.1.5.5\",\"50^1.2.250.1.213.1.1.5.5\"]",
                PracticeSites.roles(exercices(SEVERAL_SITES), PracticeSites.SUBJECT_ROLE_SYSTEM).toString());
        assertEquals("[\"60\",\"50\"]", PracticeSites.roles(exercices(SEVERAL_SITES), "").toString());
    }

    @Test
    void theFirstExerciceWithoutSiteGivesWayToTheNextOne() throws Exception {
        JsonNode exercices = exercices("[{\"codeProfession\":\"21\"},{\"codeProfession\":\"10\",\"activities\":"
                + "[{\"raisonSocialeSite\":\"Cabinet\"}]}]");
        assertEquals(Optional.of("Cabinet"), PracticeSites.siteField(exercices, "raisonSocialeSite", ""));
    }

    @Test
    void aSiteWithoutTheFieldGivesAnEmptyStringWithoutCodeSystem() throws Exception {
        JsonNode exercices = exercices("[{\"codeProfession\":\"10\",\"activities\":[{\"raisonSocialeSite\":\"Cabinet\","
                + "\"identifiantTechniqueDeLaStructure\":\"  \",\"codeSecteurDactivite\":{\"not\":\"text\"}}]}]");
        assertEquals(Optional.of(""), PracticeSites.siteField(exercices, "identifiantTechniqueDeLaStructure", ""));
        assertEquals(Optional.of(""), PracticeSites.siteField(exercices, "codeSecteurDactivite", PracticeSites.SECTEUR_ACTIVITE_SYSTEM));
        assertEquals(Optional.of(""), PracticeSites.siteField(exercices, "numeroFinessSite", ""));
    }

    @Test
    void noSiteNoProfessionNoClaim() throws Exception {
        assertTrue(PracticeSites.siteField(exercices("[]"), "raisonSocialeSite", "").isEmpty());
        assertTrue(PracticeSites.siteField(exercices("[{\"codeProfession\":\"10\",\"activities\":[\"text\"]}]"),
                "raisonSocialeSite", "").isEmpty());
        assertTrue(PracticeSites.siteField(null, "raisonSocialeSite", "").isEmpty());
        assertTrue(PracticeSites.roles(exercices("[{\"codeProfession\":\"\"},{\"activities\":[]}]"), "x").isEmpty());
        assertTrue(PracticeSites.roles(exercices("{\"codeProfession\":\"10\"}"), "x").isEmpty());
    }
}
