package org.vigie.health.vaccination;

import java.util.LinkedHashMap;
import java.util.Map;

/** The vaccines and injection sites the form offers: anything else is refused. */
public final class Catalogue {

    public static final Map<String, String> VACCINES = ordered(
            "GRIPPE", "Grippe saisonnière",
            "COVID19", "COVID-19",
            "DTCAP", "Diphtérie, tétanos, coqueluche, poliomyélite",
            "ROR", "Rougeole, oreillons, rubéole",
            "HPV", "Papillomavirus humains",
            "HEPB", "Hépatite B",
            "PNEUMO", "Pneumocoque",
            "ZONA", "Zona");

    public static final Map<String, String> SITES = ordered(
            "DELT-G", "Deltoïde gauche",
            "DELT-D", "Deltoïde droit",
            "CUISSE-G", "Cuisse gauche (vaste externe)",
            "CUISSE-D", "Cuisse droite (vaste externe)",
            "ORAL", "Voie orale");

    private Catalogue() {
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
