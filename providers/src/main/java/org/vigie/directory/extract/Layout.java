package org.vigie.directory.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where each {@link Column} is in one file, from its header line; a missing required column is a file error. */
public final class Layout {

    private final Map<Column, Integer> index = new EnumMap<>(Column.class);
    private final int count;

    private Layout(Headers headers) {
        this.count = headers.count();
        for (Column column : Column.values()) {
            index.put(column, headers.indexOf(column.headers()));
        }
    }

    /** The layout of a main extract, or an exception naming the required columns it lacks. */
    public static Layout of(String headerLine) {
        Layout layout = new Layout(Headers.parse(headerLine));
        List<String> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required() && layout.index.get(column) < 0) {
                missing.add(column.headers()[0]);
            }
        }
        if (!missing.isEmpty()) {
            throw new ExtractFormatException("not an Annuaire Santé extract (PS_LibreAcces_Personne_activite): the header line has no column "
                    + String.join(", ", missing));
        }
        return layout;
    }

    public int columnCount() {
        return count;
    }

    public boolean has(Column column) {
        return index.get(column) >= 0;
    }

    /** Like {@link #value} for a row of the wrong length: empty when the row is too short. */
    public String valueIfPresent(List<String> fields, Column column) {
        int i = index.get(column);
        return i < 0 || i >= fields.size() ? "" : fields.get(i);
    }

    /** The value of a column in a row already split, empty when the file has no such column. */
    public String value(List<String> fields, Column column) {
        int i = index.get(column);
        return i < 0 ? "" : fields.get(i);
    }
}
