package org.vigie.health.identity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who signed in, read from the verified ID token's claims the way a PSC service reads them:
 * the national identifier ({@code SubjectNameID}), names, the first exercice and practice site of
 * {@code SubjectRefPro}, the level ({@code acr}) and, for a delegated session, the assistant who
 * acts in the practitioner's name ({@code act}, RFC 8693).
 */
public record Professional(
        String nationalId,
        String givenName,
        String familyName,
        String professionCode,
        String practiceSite,
        String acr,
        List<String> amr,
        Optional<Instant> authTime,
        Optional<Assistant> assistant) {

    public static final String REQUIRED_ACR = "eidas1";

    /** The person typing in a delegated session: not the practitioner in whose name acts are recorded. */
    public record Assistant(String id, String name) {
    }

    /**
     * Reads the claims; a token without a national identifier is refused (a service cannot record
     * an act without knowing in whose name).
     */
    public static Professional fromClaims(JsonObject claims) {
        String nationalId = text(claims, "SubjectNameID").or(() -> text(claims, "preferred_username"))
                .orElseThrow(() -> new NoNationalIdException());
        JsonObject exercice = firstExercice(claims).orElse(JsonValue.EMPTY_JSON_OBJECT);
        String given = text(claims, "given_name").or(() -> text(exercice, "prenomDexercice")).orElse("");
        String family = text(claims, "family_name").or(() -> text(exercice, "nomDexercice")).orElse("");
        String profession = text(exercice, "codeProfession").orElse("");
        String site = firstActivity(exercice).map(Professional::siteOf).orElse("");
        Optional<Instant> authTime = claims.containsKey("auth_time")
                && claims.get("auth_time").getValueType() == JsonValue.ValueType.NUMBER
                ? Optional.of(Instant.ofEpochSecond(claims.getJsonNumber("auth_time").longValue()))
                : Optional.empty();
        return new Professional(nationalId, given, family, profession, site, text(claims, "acr").orElse(""),
                strings(claims.get("amr")), authTime, assistant(claims));
    }

    public boolean meetsRequiredLevel() {
        return REQUIRED_ACR.equals(acr);
    }

    public String displayName() {
        String name = (givenName + " " + familyName).trim();
        return name.isEmpty() ? nationalId : name;
    }

    /** Who typed, in a delegated session ("name (id)"), or null when the practitioner is signed in themself. */
    public String assistantLabel() {
        return assistant.map(a -> a.name().isEmpty() ? a.id() : a.name() + " (" + a.id() + ")").orElse(null);
    }

    public String amrText() {
        return amr.isEmpty() ? "non communiqué" : String.join(", ", amr);
    }

    public String professionLabel() {
        return Professions.label(professionCode);
    }

    /** SubjectRefPro is a JSON object from Vigie and PSC; some brokers pass it on serialised as a JSON string. */
    static Optional<JsonObject> subjectRefPro(JsonObject claims) {
        JsonValue value = claims.get("SubjectRefPro");
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return Optional.of(value.asJsonObject());
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            try {
                return Optional.of(Json.parseObject(((JsonString) value).getString()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> firstExercice(JsonObject claims) {
        return subjectRefPro(claims).flatMap(refPro -> first(refPro.get("exercices")));
    }

    private static Optional<JsonObject> firstActivity(JsonObject exercice) {
        return first(exercice.get("activities"));
    }

    private static Optional<JsonObject> first(JsonValue array) {
        if (array instanceof JsonArray items && !items.isEmpty()
                && items.get(0).getValueType() == JsonValue.ValueType.OBJECT) {
            return Optional.of(items.getJsonObject(0));
        }
        return Optional.empty();
    }

    private static String siteOf(JsonObject activity) {
        String name = text(activity, "raisonSocialeSite").orElse("");
        String finess = text(activity, "numeroFinessSite").orElse("");
        return finess.isEmpty() ? name : (name + " (FINESS " + finess + ")").trim();
    }

    private static Optional<Assistant> assistant(JsonObject claims) {
        JsonValue act = claims.get("act");
        if (act == null || act.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject actor = act.asJsonObject();
        // Vigie's act is {sub, preferred_username, name}: the identifier typed at Vigie names the
        // assistant better than the opaque sub; given/family names are read too for other issuers.
        Optional<String> id = text(actor, "SubjectNameID").or(() -> text(actor, "preferred_username")).or(() -> text(actor, "sub"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String name = text(actor, "name").orElseGet(() ->
                (text(actor, "given_name").orElse("") + " " + text(actor, "family_name").orElse("")).trim());
        return Optional.of(new Assistant(id.get(), name));
    }

    private static Optional<String> text(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonString string && !string.getString().isBlank()) {
            return Optional.of(string.getString().strip());
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonValue value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString string) {
                    out.add(string.getString());
                }
            }
        } else if (value instanceof JsonString string) {
            out.add(string.getString());
        }
        return List.copyOf(out);
    }

    /** Small helper so that callers need not know jakarta.json's reader API. */
    static final class Json {
        private Json() {
        }

        static JsonObject parseObject(String text) {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
                return reader.readObject();
            }
        }
    }
}
