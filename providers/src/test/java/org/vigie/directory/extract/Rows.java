package org.vigie.directory.extract;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds extract lines for tests: a row is the published header with a few named values. */
final class Rows {

    private final List<String> header;
    private final List<String> lines = new ArrayList<>();

    Rows(List<String> header) {
        this.header = header;
        lines.add(PublishedHeaders.line(header));
    }

    /** A valid row of this practitioner (RPPS), profession and site; more values by header name. */
    Rows rpps(String rpps, String profession, String site, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put("Type d'identifiant PP", "8");
        values.put("Identifiant PP", rpps);
        values.put("Identification nationale PP", "8" + rpps);
        values.put("Code civilité", "MME");
        values.put("Nom d'exercice", "MARTIN");
        values.put("Prénom d'exercice", "Éloïse");
        values.put("Code profession", profession);
        values.put("Code catégorie professionnelle", "C");
        values.put("Identifiant technique de la structure", site);
        values.put("Raison sociale site", "Cabinet " + site);
        values.put("Code mode exercice", "L");
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        List<String> row = new ArrayList<>();
        header.forEach(name -> row.add(values.getOrDefault(name, "")));
        lines.add(PublishedHeaders.line(row));
        return this;
    }

    Rows raw(String line) {
        lines.add(line);
        return this;
    }

    String text() {
        return String.join("\r\n", lines) + "\r\n";
    }

    byte[] bytes(Charset charset) {
        return text().getBytes(charset);
    }
}
