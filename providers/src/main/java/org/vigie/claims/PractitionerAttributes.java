package org.vigie.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.identifier.NationalIdentifier;

/**
 * Reads a practitioner's directory data from user attributes and shapes it the way
 * ProSantéConnect does. Pure functions of the user's attributes: mappers stay thin.
 */
public final class PractitionerAttributes {

    public static final String DEFAULT_RPPS = "rpps";
    public static final String DEFAULT_ADELI = "adeli";
    public static final String DEFAULT_CIVILITE = "codeCivilite";
    /** One value per exercice (profession practised), each a JSON object shaped like PSC's. */
    public static final String DEFAULT_EXERCICE = "pscExercice";

    private static final Logger LOG = Logger.getLogger(PractitionerAttributes.class);

    private PractitionerAttributes() {
    }

    /** 8+RPPS when the user has a valid RPPS, else 0+ADELI, else empty. */
    public static Optional<String> nationalId(UserModel user, String rppsAttribute, String adeliAttribute) {
        return rpps(user, rppsAttribute).or(() -> adeli(user, adeliAttribute)).map(NationalIdentifier::nationalId);
    }

    static Optional<NationalIdentifier> rpps(UserModel user, String attribute) {
        return identifier(user.getFirstAttribute(attribute), NationalIdentifier.Type.RPPS);
    }

    static Optional<NationalIdentifier> adeli(UserModel user, String attribute) {
        return identifier(user.getFirstAttribute(attribute), NationalIdentifier.Type.ADELI);
    }

    private static Optional<NationalIdentifier> identifier(String stored, NationalIdentifier.Type expected) {
        if (stored == null || stored.length() != expected.length()) {
            return Optional.empty();
        }
        return NationalIdentifier.parse(stored).asOptional().filter(id -> id.type() == expected);
    }

    /** PSC's {@code otherIds}: every national identifier the practitioner holds. */
    public static ArrayNode otherIds(UserModel user, String rppsAttribute, String adeliAttribute) {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        Stream.of(rpps(user, rppsAttribute), adeli(user, adeliAttribute))
                .flatMap(Optional::stream)
                .forEach(id -> ids.addObject()
                        .put("identifiant", id.nationalId())
                        .put("origine", id.type().name())
                        .put("qualite", 1));
        return ids;
    }

    /**
     * PSC's {@code SubjectRefPro}: {@code codeCivilite} and {@code exercices[]}, each exercice
     * with its {@code activities[]}. Values that are not JSON objects are skipped with a warning,
     * so one bad attribute cannot break every token of the user.
     */
    public static ObjectNode subjectRefPro(UserModel user, String civiliteAttribute, String exerciceAttribute) {
        ObjectNode refPro = JsonNodeFactory.instance.objectNode();
        String civilite = user.getFirstAttribute(civiliteAttribute);
        if (civilite != null) {
            refPro.put("codeCivilite", civilite);
        }
        refPro.set("exercices", exercices(user, exerciceAttribute));
        return refPro;
    }

    /** The exercices of {@code SubjectRefPro}, one per value of the attribute, in stored order. */
    public static ArrayNode exercices(UserModel user, String exerciceAttribute) {
        ArrayNode exercices = JsonNodeFactory.instance.arrayNode();
        user.getAttributeStream(exerciceAttribute).forEach(value -> {
            JsonNode exercice = parseObject(value);
            if (exercice == null) {
                LOG.warnf("User %s: attribute %s holds a value that is not a JSON object; left out of SubjectRefPro",
                        user.getId(), exerciceAttribute);
                return;
            }
            if (!exercice.has("activities")) {
                ((ObjectNode) exercice).putArray("activities");
            }
            exercices.add(exercice);
        });
        return exercices;
    }

    private static JsonNode parseObject(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JsonSerialization.mapper.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
