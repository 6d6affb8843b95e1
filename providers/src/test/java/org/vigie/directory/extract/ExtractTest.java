package org.vigie.directory.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractTest {

    private final List<BadRow> bad = new ArrayList<>();

    private List<Practitioner> read(byte[] bytes, SavoirFaire savoirFaire) throws IOException {
        List<Practitioner> all = new ArrayList<>();
        try (Extract extract = Extract.open(new ByteArrayInputStream(bytes), "extract.txt", savoirFaire, bad::add)) {
            for (Practitioner p = extract.next(); p != null; p = extract.next()) {
                all.add(p);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> exercices(Practitioner p) {
        return (List<Map<String, Object>>) p.toMap().get("exercices");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> activities(Map<String, Object> exercice) {
        return (List<Map<String, String>>) exercice.get("activities");
    }

    @Test
    void groupsRowsPerPractitionerOneExercicePerProfessionOneActivityPerSite() throws IOException {
        byte[] file = new Rows(PublishedHeaders.MAIN_56)
                .rpps("10001045367", "10", "S1", "Code savoir-faire", "SM54", "Code type savoir-faire", "S")
                .rpps("10001045367", "10", "S2")
                .rpps("10001045367", "10", "S2") // the same site twice (two savoir-faire in the real file)
                .rpps("10001045367", "21", "S3")
                .rpps("10006122583", "21", "S4")
                .bytes(StandardCharsets.UTF_8);
        List<Practitioner> all = read(file, SavoirFaire.none());
        assertEquals(List.of(), bad);
        assertEquals(2, all.size());
        Practitioner first = all.get(0);
        assertEquals("810001045367", first.nationalId());
        assertEquals("10001045367", first.toMap().get("rpps"));
        assertEquals("Éloïse", first.toMap().get("prenom"));
        assertEquals(List.of("10", "21"), first.professions());
        Map<String, Object> medecin = exercices(first).get(0);
        assertEquals("SM54", medecin.get("codeSavoirFaire"));
        assertEquals(2, activities(medecin).size());
        assertEquals("S2", activities(medecin).get(1).get("identifiantTechniqueDeLaStructure"));
        assertEquals(1, activities(exercices(first).get(1)).size());
    }

    @Test
    void reportsBadRowsWithLineNumbersAndKeepsGoing() throws IOException {
        byte[] file = new Rows(PublishedHeaders.MAIN_56)
                .rpps("10001045367", "10", "S1")
                .rpps("10001045368", "10", "S1")        // line 3: wrong Luhn key
                .rpps("10006122583", "99", "S2")        // line 4: unknown profession
                .raw("8|99700237045|899700237045|too|few|") // line 5: columns
                .rpps("99700237045", "60", "S3", "Identification nationale PP", "899700237046") // line 6
                .rpps("99700237045", "60", "S3", "Nom d'exercice", "") // line 7: no name
                .rpps("99700237045", "60", "S4")
                .bytes(StandardCharsets.UTF_8);
        List<Practitioner> all = read(file, SavoirFaire.none());
        assertEquals(List.of("810001045367", "899700237045"), all.stream().map(Practitioner::nationalId).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), bad.stream().map(BadRow::line).toList());
        assertTrue(bad.get(0).reason().contains("Luhn"), bad.get(0).reason());
        assertTrue(bad.get(1).reason().contains("unknown profession code '99'"), bad.get(1).reason());
        assertEquals("810006122583", bad.get(1).nationalId());
        assertTrue(bad.get(2).reason().contains("expected 56 columns, found 5"), bad.get(2).reason());
        assertEquals("899700237045", bad.get(2).nationalId());
        assertTrue(bad.get(3).reason().contains("Identification nationale PP"), bad.get(3).reason());
        assertTrue(bad.get(4).reason().contains("Nom d'exercice"), bad.get(4).reason());
        assertEquals("extract.txt:3: " + bad.get(0).reason(), bad.get(0).describe());
    }

    @Test
    void findsColumnsByNameIn52ColumnFilesAndInAnyOrder() throws IOException {
        List<String> shuffled = new ArrayList<>(PublishedHeaders.MAIN_52);
        java.util.Collections.reverse(shuffled);
        byte[] file = new Rows(shuffled).rpps("10001045367", "40", "S1").bytes(StandardCharsets.UTF_8);
        List<Practitioner> all = read(file, SavoirFaire.none());
        assertEquals(List.of(), bad);
        assertEquals("40", exercices(all.get(0)).get(0).get("codeProfession"));
        assertEquals("", activities(exercices(all.get(0)).get(0)).get(0).get("codeRole"));
    }

    @Test
    void readsWindows1252AndReportsBytesThatAreNeither() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Rows(PublishedHeaders.MAIN_56).rpps("10001045367", "10", "S1").bytes(cp1252));
        // 0x81 is undefined in Windows-1252 and not UTF-8 either
        out.writeBytes(new Rows(PublishedHeaders.MAIN_56).rpps("10006122583", "10", "S\u00e9").text()
                .lines().skip(1).findFirst().orElseThrow().replace("S\u00e9", "S#").getBytes(cp1252));
        byte[] bytes = out.toByteArray();
        int hash = indexOf(bytes, (byte) '#');
        bytes[hash] = (byte) 0x81;
        List<Practitioner> all = read(bytes, SavoirFaire.none());
        assertEquals("Éloïse", all.get(0).toMap().get("prenom"));
        assertEquals(1, all.size());
        assertEquals(1, bad.size());
        assertEquals(3, bad.get(0).line());
        assertTrue(bad.get(0).reason().contains("broken encoding"));
    }

    @Test
    void takesSavoirFaireFromTheSeparateFile() throws IOException {
        byte[] main = new Rows(PublishedHeaders.MAIN_52.subList(0, 13)).rpps("10001045367", "10", "S1").bytes(StandardCharsets.UTF_8);
        String sf = PublishedHeaders.line(PublishedHeaders.SAVOIR_FAIRE) + "\n"
                + "8|10001045367|810001045367|MARTIN|Éloïse|10|Médecin|C|Civil|S|Spécialité ordinale|SM54|Médecine générale|\n"
                + "8|10001045367|810001045367|too short|\n";
        SavoirFaire savoirFaire = SavoirFaire.read(new ByteArrayInputStream(sf.getBytes(StandardCharsets.UTF_8)), "sf.txt", bad::add);
        List<Practitioner> all = read(main, savoirFaire);
        assertEquals("SM54", exercices(all.get(0)).get(0).get("codeSavoirFaire"));
        assertEquals("S", exercices(all.get(0)).get(0).get("codeTypeSavoirFaire"));
        assertEquals(1, bad.size());
        assertEquals("sf.txt", bad.get(0).file());
    }

    @Test
    void reportsRowsOfAPractitionerThatComeBackLater() throws IOException {
        byte[] file = new Rows(PublishedHeaders.MAIN_56)
                .rpps("10001045367", "10", "S1")
                .rpps("10006122583", "21", "S2")
                .rpps("10001045367", "10", "S3")
                .bytes(StandardCharsets.UTF_8);
        try (Extract extract = Extract.open(new ByteArrayInputStream(file), "x", SavoirFaire.none(), bad::add)) {
            assertEquals("810001045367", extract.next().nationalId());
            assertEquals("810006122583", extract.next().nationalId());
            assertNull(extract.next());
            assertTrue(extract.listed("810001045367"));
            assertFalse(extract.listed("899700237045"));
            assertEquals(3, extract.rows());
        }
        assertEquals(1, bad.size());
        assertEquals(4, bad.get(0).line());
    }

    @Test
    void refusesAFileThatIsNotAnExtract() {
        byte[] file = "nom|prenom|\nMARTIN|Camille|\n".getBytes(StandardCharsets.UTF_8);
        ExtractFormatException e = assertThrows(ExtractFormatException.class,
                () -> Extract.open(new ByteArrayInputStream(file), "other.csv", SavoirFaire.none(), bad::add));
        assertTrue(e.getMessage().contains("Identification nationale PP"), e.getMessage());
    }

    @Test
    void sameRowsGiveTheSameJson() throws IOException {
        byte[] file = new Rows(PublishedHeaders.MAIN_56).rpps("10001045367", "10", "S1").bytes(StandardCharsets.UTF_8);
        assertEquals(read(file, SavoirFaire.none()).get(0).toMap(), read(file, SavoirFaire.none()).get(0).toMap());
    }

    @Test
    void longSetHoldsIdentifiersOfBothKinds() {
        LongSet set = new LongSet();
        for (int i = 0; i < 100_000; i++) {
            set.add("8" + (10000000000L + i));
        }
        set.add("0756012345");
        assertEquals(100_001, set.size());
        assertTrue(set.contains("810000000000"));
        assertTrue(set.contains("0756012345"));
        assertFalse(set.contains("756012345x"));
        assertFalse(set.contains("0756012346"));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError();
    }
}
