package org.vigie.claims;

import java.util.List;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Attribute-name settings shared by the Vigie mappers, shown in the admin console. */
final class MapperConfig {

    static final String RPPS_ATTRIBUTE = "vigie.rpps.attribute";
    static final String ADELI_ATTRIBUTE = "vigie.adeli.attribute";
    static final String CIVILITE_ATTRIBUTE = "vigie.civilite.attribute";
    static final String EXERCICE_ATTRIBUTE = "vigie.exercice.attribute";
    static final String CODE_SYSTEM = "vigie.code.system";

    private MapperConfig() {
    }

    static void addIdentifierAttributes(List<ProviderConfigProperty> config) {
        config.add(property(RPPS_ATTRIBUTE, "RPPS attribute", "User attribute holding the 11-digit RPPS number.",
                PractitionerAttributes.DEFAULT_RPPS));
        config.add(property(ADELI_ATTRIBUTE, "ADELI attribute", "User attribute holding the 9-digit ADELI number.",
                PractitionerAttributes.DEFAULT_ADELI));
    }

    static void addRefProAttributes(List<ProviderConfigProperty> config) {
        config.add(property(CIVILITE_ATTRIBUTE, "Civility attribute", "User attribute holding codeCivilite (M, MME).",
                PractitionerAttributes.DEFAULT_CIVILITE));
        addExerciceAttribute(config);
    }

    static void addExerciceAttribute(List<ProviderConfigProperty> config) {
        config.add(property(EXERCICE_ATTRIBUTE, "Exercice attribute",
                "Multi-valued user attribute: one JSON object per exercice (codeProfession, codeCategorieProfessionnelle, "
                        + "codeSavoirFaire, nomDexercice, prenomDexercice, activities[]).",
                PractitionerAttributes.DEFAULT_EXERCICE));
    }

    /** The code system appended as {@code code^system}; an empty value sends the bare code. */
    static void addCodeSystem(List<ProviderConfigProperty> config, String defaultValue) {
        config.add(property(CODE_SYSTEM, "Code system (OID)",
                "OID appended to the code as code^OID, as PSC sends it; leave empty for the bare code.", defaultValue));
    }

    /** The configured code system; {@code fallback} only when the setting is absent (empty means none). */
    static String codeSystem(ProtocolMapperModel model, String fallback) {
        String value = model.getConfig() == null ? null : model.getConfig().get(CODE_SYSTEM);
        return value == null ? fallback : value.trim();
    }

    static String rppsAttribute(ProtocolMapperModel model) {
        return value(model, RPPS_ATTRIBUTE, PractitionerAttributes.DEFAULT_RPPS);
    }

    static String adeliAttribute(ProtocolMapperModel model) {
        return value(model, ADELI_ATTRIBUTE, PractitionerAttributes.DEFAULT_ADELI);
    }

    static String civiliteAttribute(ProtocolMapperModel model) {
        return value(model, CIVILITE_ATTRIBUTE, PractitionerAttributes.DEFAULT_CIVILITE);
    }

    static String exerciceAttribute(ProtocolMapperModel model) {
        return value(model, EXERCICE_ATTRIBUTE, PractitionerAttributes.DEFAULT_EXERCICE);
    }

    private static String value(ProtocolMapperModel model, String key, String fallback) {
        String value = model.getConfig() == null ? null : model.getConfig().get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static ProviderConfigProperty property(String name, String label, String help, String defaultValue) {
        ProviderConfigProperty property = new ProviderConfigProperty(name, label, help, ProviderConfigProperty.STRING_TYPE, defaultValue);
        return property;
    }
}
