package org.vigie.directory.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.directory.extract.BadRow;
import org.vigie.directory.extract.Extract;
import org.vigie.directory.extract.Practitioner;
import org.vigie.directory.extract.SavoirFaire;
import org.vigie.identifier.Luhn;

class SyntheticExtractTest {

    private record Read(Map<String, Map<String, Object>> practitioners, List<BadRow> bad, long rows) {
    }

    private static Read generateAndRead(SyntheticExtract.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticExtract.write(out, options);
        List<BadRow> bad = new ArrayList<>();
        Map<String, Map<String, Object>> all = new HashMap<>();
        try (Extract extract = Extract.open(new ByteArrayInputStream(out.toByteArray()), "gen.txt", SavoirFaire.none(), bad::add)) {
            for (Practitioner p = extract.next(); p != null; p = extract.next()) {
                all.put(p.nationalId(), p.toMap());
            }
            return new Read(all, bad, extract.rows());
        }
    }

    @Test
    void writesTheRealFormatWithTheMalformedRowsItAnnounces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticExtract.Written written = SyntheticExtract.write(out, new SyntheticExtract.Options(5000, 7, 0, 0));
        Read read = generateAndRead(new SyntheticExtract.Options(5000, 7, 0, 0));
        assertEquals(5000, written.rows());
        assertEquals(5000, read.rows());
        assertEquals(written.practitioners(), read.practitioners().size());
        assertEquals(written.malformed(), read.bad().size());
        assertTrue(written.malformed() >= 5, "every kind of malformed row at least once");
        List<String> reasons = read.bad().stream().map(BadRow::reason).toList();
        for (String kind : List.of("Luhn", "unknown profession", "columns", "Nom d'exercice", "broken encoding")) {
            assertTrue(reasons.stream().anyMatch(r -> r.contains(kind)), kind + " in " + reasons);
        }
        assertTrue(read.practitioners().keySet().stream().filter(id -> id.startsWith("8")).allMatch(id -> Luhn.isValid(id.substring(1))));
        assertTrue(read.practitioners().keySet().stream().anyMatch(id -> id.startsWith("0")), "some ADELI practitioners");
        long multiSite = read.practitioners().values().stream().filter(p -> activities(p) > 1).count();
        assertTrue(multiSite > read.practitioners().size() / 5, "about a third practise at several sites: " + multiSite);
    }

    @Test
    void theNextDaysFileChangesAndDropsAFewPractitioners() throws IOException {
        Read day1 = generateAndRead(new SyntheticExtract.Options(5000, 7, 0, 0));
        Read day2 = generateAndRead(new SyntheticExtract.Options(5000, 7, 2, 1));
        long changed = day1.practitioners().entrySet().stream()
                .filter(e -> day2.practitioners().containsKey(e.getKey()) && !day2.practitioners().get(e.getKey()).equals(e.getValue()))
                .count();
        long removed = day1.practitioners().keySet().stream().filter(id -> !day2.practitioners().containsKey(id)).count();
        assertTrue(changed > 10 && changed < 150, "changed " + changed);
        assertTrue(removed > 5 && removed < 100, "removed " + removed);
    }

    @SuppressWarnings("unchecked")
    private static int activities(Map<String, Object> p) {
        return ((List<Map<String, Object>>) p.get("exercices")).stream()
                .mapToInt(e -> ((List<?>) e.get("activities")).size()).sum();
    }
}
