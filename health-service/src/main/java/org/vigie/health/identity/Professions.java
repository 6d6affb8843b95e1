package org.vigie.health.identity;

import java.util.Map;

/** Profession labels (nomenclature TRE_G15) for the codes a practitioner's exercice carries. */
public final class Professions {

    private static final Map<String, String> LABELS = Map.of(
            "10", "Médecin",
            "21", "Pharmacien",
            "40", "Chirurgien-dentiste",
            "50", "Sage-femme",
            "60", "Infirmier",
            "70", "Masseur-kinésithérapeute");

    private Professions() {
    }

    public static String label(String code) {
        if (code == null || code.isEmpty()) {
            return "profession non communiquée";
        }
        String label = LABELS.get(code);
        return label == null ? "profession " + code : label + " (" + code + ")";
    }
}
