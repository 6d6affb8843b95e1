package org.vigie.directory.extract;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of the extract: {@code |} separated, with a trailing {@code |}, no quoting. */
final class Fields {

    private Fields() {
    }

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(60);
        int start = 0;
        int end = line.endsWith("|") ? line.length() - 1 : line.length();
        for (int i = 0; i < end; i++) {
            if (line.charAt(i) == '|') {
                fields.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        fields.add(line.substring(start, end).strip());
        return fields;
    }
}
