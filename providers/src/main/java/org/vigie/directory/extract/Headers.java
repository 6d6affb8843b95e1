package org.vigie.directory.extract;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A header line of an Annuaire Santé extract: columns are found by their names, never by their
 * positions, because the publisher adds, removes and moves columns between versions (56 columns
 * today, 52 in older files, savoir-faire moved to its own file).
 */
public final class Headers {

    private final Map<String, Integer> byName = new HashMap<>();
    private final int count;

    private Headers(List<String> names) {
        this.count = names.size();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(normalize(names.get(i)), i);
        }
    }

    public static Headers parse(String headerLine) {
        return new Headers(Fields.split(headerLine));
    }

    /** How many columns every row must have. */
    public int count() {
        return count;
    }

    /** Index of the first of these names present (accents, case, apostrophes ignored), or -1. */
    public int indexOf(String... names) {
        for (String name : names) {
            Integer index = byName.get(normalize(name));
            if (index != null) {
                return index;
            }
        }
        return -1;
    }

    /** Lower case, no accents, one kind of apostrophe, single spaces: "Prénom d’exercice" = "prenom d'exercice". */
    static String normalize(String name) {
        String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('`', '\'').replaceAll("\\s+", " ");
    }
}
