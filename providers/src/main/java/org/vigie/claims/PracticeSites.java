package org.vigie.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * PSC's flat claims about where and as what a practitioner works, derived from the exercices of
 * {@code SubjectRefPro}. PSC's own answers name one site, the first activity listed, in
 * {@code SubjectOrganization}, {@code SubjectOrganizationID} and {@code Secteur_Activite}, and every
 * profession in {@code SubjectRole}; a practitioner's other sites are only in {@code SubjectRefPro}.
 * Vigie does the same, so a service written against PSC reads the same thing. Pure functions.
 */
public final class PracticeSites {

    /** The code system PSC's samples append to a profession code in {@code SubjectRole}. */
    public static final String SUBJECT_ROLE_SYSTEM = "1.2.250.1.213.1.1.5.5";
    /** TRE_R02 SecteurActivite, appended to the sector code in {@code Secteur_Activite}. */
    public static final String SECTEUR_ACTIVITE_SYSTEM = "1.2.250.1.71.4.2.4";

    private PracticeSites() {
    }

    /** The first activity of the first exercice that has one: the site PSC's flat claims name. */
    public static Optional<JsonNode> principalActivity(JsonNode exercices) {
        if (exercices == null || !exercices.isArray()) {
            return Optional.empty();
        }
        for (JsonNode exercice : exercices) {
            JsonNode activities = exercice.get("activities");
            if (activities != null && activities.isArray()) {
                for (JsonNode activity : activities) {
                    if (activity.isObject()) {
                        return Optional.of(activity);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One field of the principal site, {@code code^system} when a code system is given. A site
     * without that field gives an empty string, as PSC sends; no site at all gives nothing.
     */
    public static Optional<String> siteField(JsonNode exercices, String field, String codeSystem) {
        return principalActivity(exercices).map(activity -> {
            JsonNode value = activity.get(field);
            String text = value == null || !value.isValueNode() ? "" : value.asText().trim();
            return qualified(text, codeSystem);
        });
    }

    /** Every distinct profession code of the exercices, in order, each as {@code code^system}. */
    public static ArrayNode roles(JsonNode exercices, String codeSystem) {
        Set<String> codes = new LinkedHashSet<>();
        if (exercices != null && exercices.isArray()) {
            for (JsonNode exercice : exercices) {
                JsonNode code = exercice.get("codeProfession");
                if (code != null && code.isValueNode() && !code.asText().isBlank()) {
                    codes.add(code.asText().trim());
                }
            }
        }
        ArrayNode roles = JsonNodeFactory.instance.arrayNode();
        codes.forEach(code -> roles.add(qualified(code, codeSystem)));
        return roles;
    }

    static String qualified(String code, String codeSystem) {
        if (code.isEmpty() || codeSystem == null || codeSystem.isBlank()) {
            return code;
        }
        return code + "^" + codeSystem.trim();
    }
}
