package org.vigie.directory.extract;

import java.util.Set;

/** Profession codes of the nomenclature TRE_G15 that the Annuaire Santé extract carries. */
final class Professions {

    static final Set<String> KNOWN = Set.of(
            "10", // Médecin
            "21", // Pharmacien
            "26", // Audioprothésiste
            "28", // Opticien-lunetier
            "31", // Assistant dentaire
            "32", // Physicien médical
            "35", // Préparateur en pharmacie hospitalière
            "36", // Préparateur en pharmacie
            "40", // Chirurgien-dentiste
            "50", // Sage-femme
            "60", // Infirmier
            "69", // Infirmier psychiatrique
            "70", // Masseur-kinésithérapeute
            "80", // Pédicure-podologue
            "81", // Orthoprothésiste
            "82", // Podo-orthésiste
            "83", // Orthopédiste-orthésiste
            "84", // Oculariste
            "85", // Epithésiste
            "86", // Technicien de laboratoire médical
            "91", // Orthophoniste
            "92", // Orthoptiste
            "93", // Psychologue
            "94", // Ergothérapeute
            "95", // Diététicien
            "96", // Psychomotricien
            "98"); // Manipulateur ERM

    private Professions() {
    }
}
