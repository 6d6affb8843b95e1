package org.vigie.directory.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One practitioner of the directory, grouped from their rows: one exercice per profession, one
 * activity per practice site. {@link #toMap()} is the JSON Vigie stores and compares: keys in a
 * fixed order, so the same rows always give the same bytes (and the same content hash).
 */
public final class Practitioner {

    private final String nationalId;
    private final Map<String, String> person = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> exercices = new LinkedHashMap<>();

    Practitioner(String nationalId) {
        this.nationalId = nationalId;
    }

    public String nationalId() {
        return nationalId;
    }

    /** Adds one row (a site of one profession); a site already listed for that profession is not repeated. */
    @SuppressWarnings("unchecked")
    void add(Layout layout, List<String> fields) {
        if (person.isEmpty()) {
            String type = layout.value(fields, Column.ID_TYPE);
            person.put(type.equals("8") ? "rpps" : "adeli", layout.value(fields, Column.ID));
            putIfPresent(person, "codeCivilite", layout.value(fields, Column.CIVILITE));
            putIfPresent(person, "nom", layout.value(fields, Column.NOM));
            putIfPresent(person, "prenom", layout.value(fields, Column.PRENOM));
            putIfPresent(person, "email", layout.value(fields, Column.EMAIL));
            putIfPresent(person, "telephone", layout.value(fields, Column.PHONE));
        }
        String profession = layout.value(fields, Column.PROFESSION);
        Map<String, Object> exercice = exercices.computeIfAbsent(profession, p -> newExercice(layout, fields));
        if (((String) exercice.get("codeSavoirFaire")).isEmpty()) {
            // A practitioner's first rows may have no savoir-faire and a later one does.
            exercice.put("codeTypeSavoirFaire", layout.value(fields, Column.TYPE_SAVOIR_FAIRE));
            exercice.put("codeSavoirFaire", layout.value(fields, Column.SAVOIR_FAIRE));
        }
        Map<String, String> activity = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            if (column.part() == Column.Part.ACTIVITY) {
                activity.put(column.key(), layout.value(fields, column));
            }
        }
        List<Map<String, String>> activities = (List<Map<String, String>>) exercice.get("activities");
        if (!activities.contains(activity)) {
            activities.add(activity);
        }
    }

    /** Savoir-faire from the separate file, for an exercice that has none from the main one. */
    void addSavoirFaire(String profession, String type, String code) {
        exercices.forEach((exerciceProfession, exercice) -> {
            if ((profession.isEmpty() || profession.equals(exerciceProfession))
                    && ((String) exercice.get("codeSavoirFaire")).isEmpty()) {
                exercice.put("codeTypeSavoirFaire", type);
                exercice.put("codeSavoirFaire", code);
            }
        });
    }

    public List<String> professions() {
        return new ArrayList<>(exercices.keySet());
    }

    /** Person fields first, then {@code exercices} in PSC's shape. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nationalId", nationalId);
        map.putAll(person);
        map.put("exercices", new ArrayList<>(exercices.values()));
        return map;
    }

    private static Map<String, Object> newExercice(Layout layout, List<String> fields) {
        Map<String, Object> exercice = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            if (column.part() == Column.Part.EXERCICE) {
                exercice.put(column.key(), layout.value(fields, column));
            }
        }
        exercice.put("activities", new ArrayList<Map<String, String>>());
        return exercice;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
