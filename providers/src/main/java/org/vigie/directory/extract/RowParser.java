package org.vigie.directory.extract;

import java.util.List;
import org.vigie.identifier.Luhn;

/** Checks one data row of the main extract: column count, identifier, Luhn key, profession, name. */
public final class RowParser {

    /** A row that passed every check, split into its fields. */
    public record Row(long line, String nationalId, List<String> fields) {
    }

    /** Either a row or why it is not one. */
    public record Result(Row row, BadRow bad) {
    }

    private final String file;
    private final Layout layout;

    public RowParser(String file, Layout layout) {
        this.file = file;
        this.layout = layout;
    }

    String rowFile() {
        return file;
    }

    public Layout layout() {
        return layout;
    }

    public Result parse(LineReader.Line line) {
        if (line.broken()) {
            return bad(line.number(), "broken encoding: neither UTF-8 nor Windows-1252 (or control characters)", "");
        }
        List<String> fields = Fields.split(line.text());
        if (fields.size() != layout.columnCount()) {
            // The identifier may still be readable: that practitioner is then not taken for absent.
            String named = layout.valueIfPresent(fields, Column.NATIONAL_ID);
            return bad(line.number(), "expected " + layout.columnCount() + " columns, found " + fields.size(),
                    LongSet.key(named) > 0 && (named.length() == 12 || named.length() == 10) ? named : "");
        }
        String type = layout.value(fields, Column.ID_TYPE);
        String id = layout.value(fields, Column.ID);
        String national = layout.value(fields, Column.NATIONAL_ID);
        String problem = identifierProblem(type, id, national);
        if (problem != null) {
            return bad(line.number(), problem, "");
        }
        String profession = layout.value(fields, Column.PROFESSION);
        if (!Professions.KNOWN.contains(profession)) {
            return bad(line.number(), "unknown profession code '" + profession + "' (TRE_G15)", national);
        }
        if (layout.value(fields, Column.NOM).isEmpty()) {
            return bad(line.number(), "no Nom d'exercice", national);
        }
        return new Result(new Row(line.number(), national, fields), null);
    }

    /** Null when the identifier columns agree and are valid: 8+RPPS (Luhn) or 0+ADELI. */
    static String identifierProblem(String type, String id, String national) {
        switch (type) {
            case "8":
                if (id.length() != 11 || !Luhn.isValid(id)) {
                    return id.length() == 11 && id.chars().allMatch(Character::isDigit)
                            ? "RPPS " + id + ": wrong Luhn check digit"
                            : "RPPS '" + id + "': not 11 digits";
                }
                break;
            case "0":
                if (id.length() != 9 || !id.chars().allMatch(Character::isDigit)) {
                    return "ADELI '" + id + "': not 9 digits";
                }
                break;
            default:
                return "unknown identifier type '" + type + "' (8 RPPS, 0 ADELI)";
        }
        if (!national.equals(type + id)) {
            return "Identification nationale PP '" + national + "' is not " + type + " + Identifiant PP " + id;
        }
        return null;
    }

    private Result bad(long line, String reason, String nationalId) {
        return new Result(null, new BadRow(file, line, reason, nationalId));
    }
}
