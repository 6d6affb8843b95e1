package org.vigie.directory.extract;

import java.util.List;

/**
 * The header lines as the publisher writes them: the current 56-column main file, the older
 * 52-column one (without rôle and genre d'activité) and the savoir-faire file. Used to write
 * synthetic extracts and in tests; reading never relies on these positions.
 */
public final class PublishedHeaders {

    public static final List<String> MAIN_56 = List.of(
            "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP",
            "Code civilité d'exercice", "Libellé civilité d'exercice", "Code civilité", "Libellé civilité",
            "Nom d'exercice", "Prénom d'exercice", "Code profession", "Libellé profession",
            "Code catégorie professionnelle", "Libellé catégorie professionnelle",
            "Code type savoir-faire", "Libellé type savoir-faire", "Code savoir-faire", "Libellé savoir-faire",
            "Code mode exercice", "Libellé mode exercice", "Numéro SIRET site", "Numéro SIREN site",
            "Numéro FINESS site", "Numéro FINESS établissement juridique", "Identifiant technique de la structure",
            "Raison sociale site", "Enseigne commerciale site",
            "Complément destinataire (coord. structure)", "Complément point géographique (coord. structure)",
            "Numéro Voie (coord. structure)", "Indice répétition voie (coord. structure)",
            "Code type de voie (coord. structure)", "Libellé type de voie (coord. structure)",
            "Libellé Voie (coord. structure)", "Mention distribution (coord. structure)",
            "Bureau cedex (coord. structure)", "Code postal (coord. structure)",
            "Code commune (coord. structure)", "Libellé commune (coord. structure)",
            "Code pays (coord. structure)", "Libellé pays (coord. structure)",
            "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)",
            "Adresse e-mail (coord. structure)", "Code Département (coord. structure)",
            "Libellé Département (coord. structure)", "Ancien identifiant de la structure",
            "Autorité d'enregistrement", "Code secteur d'activité", "Libellé secteur d'activité",
            "Code section tableau pharmaciens", "Libellé section tableau pharmaciens",
            "Code rôle", "Libellé rôle", "Code genre activité", "Libellé genre activité");

    /** Older files: the last four columns (rôle, genre d'activité) did not exist. */
    public static final List<String> MAIN_52 = MAIN_56.subList(0, 52);

    public static final List<String> SAVOIR_FAIRE = List.of(
            "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Nom d'exercice",
            "Prénom d'exercice", "Code profession", "Libellé profession", "Code catégorie professionnelle",
            "Libellé catégorie professionnelle", "Code type savoir-faire", "Libellé type savoir-faire",
            "Code savoir-faire", "Libellé savoir-faire");

    private PublishedHeaders() {
    }

    /** A line as the publisher writes it: {@code |} between and after the values. */
    public static String line(List<String> values) {
        return String.join("|", values) + "|";
    }
}
