package org.vigie.directory.extract;

/**
 * The columns Vigie reads from the extract, by header name, and where each goes in PSC's
 * {@code SubjectRefPro} shape. Columns absent from a file are empty values, except the required ones.
 */
public enum Column {
    ID_TYPE(Part.PERSON, null, true, "Type d'identifiant PP"),
    ID(Part.PERSON, null, true, "Identifiant PP"),
    NATIONAL_ID(Part.PERSON, null, true, "Identification nationale PP"),
    CIVILITE(Part.PERSON, null, false, "Code civilité"),
    /** PSC's extract format: the practitioner's own contact details ("coordonnées de correspondance"). */
    EMAIL(Part.PERSON, null, false, "Adresse e-mail (coord. correspondance)", "Adresse e-mail (coord. correspondance PP)"),
    PHONE(Part.PERSON, null, false, "Téléphone (coord. correspondance)", "Téléphone (coord. correspondance PP)"),

    PROFESSION(Part.EXERCICE, "codeProfession", true, "Code profession"),
    CATEGORIE(Part.EXERCICE, "codeCategorieProfessionnelle", false, "Code catégorie professionnelle"),
    CIVILITE_EXERCICE(Part.EXERCICE, "codeCiviliteDexercice", false, "Code civilité d'exercice"),
    NOM(Part.EXERCICE, "nomDexercice", true, "Nom d'exercice"),
    PRENOM(Part.EXERCICE, "prenomDexercice", false, "Prénom d'exercice"),
    TYPE_SAVOIR_FAIRE(Part.EXERCICE, "codeTypeSavoirFaire", false, "Code type savoir-faire"),
    SAVOIR_FAIRE(Part.EXERCICE, "codeSavoirFaire", false, "Code savoir-faire"),

    MODE(Part.ACTIVITY, "codeModeExercice", false, "Code mode exercice"),
    SECTEUR(Part.ACTIVITY, "codeSecteurDactivite", false, "Code secteur d'activité"),
    SECTION_PHARMACIEN(Part.ACTIVITY, "codeSectionPharmacien", false, "Code section tableau pharmaciens"),
    ROLE(Part.ACTIVITY, "codeRole", false, "Code rôle", "Code fonction"),
    GENRE(Part.ACTIVITY, "codeGenreActivite", false, "Code genre activité", "Code genre d'activité"),
    SIRET(Part.ACTIVITY, "numeroSiretSite", false, "Numéro SIRET site"),
    SIREN(Part.ACTIVITY, "numeroSirenSite", false, "Numéro SIREN site"),
    FINESS(Part.ACTIVITY, "numeroFinessSite", false, "Numéro FINESS site"),
    FINESS_EJ(Part.ACTIVITY, "numeroFinessetablissementJuridique", false, "Numéro FINESS établissement juridique"),
    STRUCTURE(Part.ACTIVITY, "identifiantTechniqueDeLaStructure", false, "Identifiant technique de la structure"),
    RAISON_SOCIALE(Part.ACTIVITY, "raisonSocialeSite", false, "Raison sociale site"),
    ENSEIGNE(Part.ACTIVITY, "enseigneCommercialeSite", false, "Enseigne commerciale site"),
    COMPLEMENT_DESTINATAIRE(Part.ACTIVITY, "complementDestinataire", false, "Complément destinataire (coord. structure)"),
    COMPLEMENT_GEO(Part.ACTIVITY, "complementPointGeographique", false, "Complément point géographique (coord. structure)"),
    NUMERO_VOIE(Part.ACTIVITY, "numeroVoie", false, "Numéro Voie (coord. structure)"),
    INDICE_VOIE(Part.ACTIVITY, "indiceRepetitionVoie", false, "Indice répétition voie (coord. structure)"),
    TYPE_VOIE(Part.ACTIVITY, "codeTypeDeVoie", false, "Code type de voie (coord. structure)"),
    VOIE(Part.ACTIVITY, "libelleVoie", false, "Libellé Voie (coord. structure)"),
    DISTRIBUTION(Part.ACTIVITY, "mentionDistribution", false, "Mention distribution (coord. structure)"),
    CEDEX(Part.ACTIVITY, "bureauCedex", false, "Bureau cedex (coord. structure)"),
    CODE_POSTAL(Part.ACTIVITY, "codePostal", false, "Code postal (coord. structure)"),
    COMMUNE(Part.ACTIVITY, "codeCommune", false, "Code commune (coord. structure)"),
    LIBELLE_COMMUNE(Part.ACTIVITY, "libelleCommune", false, "Libellé commune (coord. structure)"),
    PAYS(Part.ACTIVITY, "codePays", false, "Code pays (coord. structure)"),
    TELEPHONE_SITE(Part.ACTIVITY, "telephone", false, "Téléphone (coord. structure)"),
    TELEPHONE2_SITE(Part.ACTIVITY, "telephone2", false, "Téléphone 2 (coord. structure)"),
    TELECOPIE_SITE(Part.ACTIVITY, "telecopie", false, "Télécopie (coord. structure)"),
    EMAIL_SITE(Part.ACTIVITY, "adresseEMail", false, "Adresse e-mail (coord. structure)"),
    DEPARTEMENT(Part.ACTIVITY, "codeDepartement", false, "Code Département (coord. structure)"),
    ANCIEN_ID_STRUCTURE(Part.ACTIVITY, "ancienIdentifiantDeLaStructure", false, "Ancien identifiant de la structure"),
    AUTORITE(Part.ACTIVITY, "autoriteEnregistrement", false, "Autorité d'enregistrement");

    /** Which level of PSC's shape a column belongs to. */
    public enum Part { PERSON, EXERCICE, ACTIVITY }

    private final Part part;
    private final String key;
    private final boolean required;
    private final String[] headers;

    Column(Part part, String key, boolean required, String... headers) {
        this.part = part;
        this.key = key;
        this.required = required;
        this.headers = headers;
    }

    public Part part() {
        return part;
    }

    /** The key in PSC's JSON, or null for the person-level columns Vigie maps itself. */
    public String key() {
        return key;
    }

    public boolean required() {
        return required;
    }

    public String[] headers() {
        return headers;
    }
}
