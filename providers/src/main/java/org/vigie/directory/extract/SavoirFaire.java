package org.vigie.directory.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The separate {@code PS_LibreAcces_SavoirFaire} file of newer extracts, keyed by Identification
 * nationale PP, held in memory (it is much smaller than the main file: one row per savoir-faire).
 */
public final class SavoirFaire {

    private record Entry(String profession, String type, String code) {
    }

    private final Map<String, List<Entry>> byNationalId = new HashMap<>();

    public static SavoirFaire none() {
        return new SavoirFaire();
    }

    /** Reads the whole file; bad rows go to {@code bad}, a file without the needed columns is refused. */
    public static SavoirFaire read(InputStream in, String file, Consumer<BadRow> bad) throws IOException {
        SavoirFaire result = new SavoirFaire();
        try (LineReader reader = new LineReader(in)) {
            LineReader.Line header = reader.next();
            if (header == null || header.broken()) {
                throw new ExtractFormatException(file + ": no header line");
            }
            Headers headers = Headers.parse(header.text());
            int national = headers.indexOf("Identification nationale PP");
            int code = headers.indexOf("Code savoir-faire");
            int type = headers.indexOf("Code type savoir-faire");
            int profession = headers.indexOf("Code profession");
            if (national < 0 || code < 0) {
                throw new ExtractFormatException(file + ": not a savoir-faire file (needs the columns "
                        + "Identification nationale PP and Code savoir-faire)");
            }
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                if (line.broken()) {
                    bad.accept(new BadRow(file, line.number(), "broken encoding: neither UTF-8 nor Windows-1252", ""));
                    continue;
                }
                List<String> fields = Fields.split(line.text());
                if (fields.size() != headers.count()) {
                    bad.accept(new BadRow(file, line.number(), "expected " + headers.count() + " columns, found " + fields.size(), ""));
                    continue;
                }
                if (fields.get(code).isEmpty()) {
                    continue;
                }
                result.byNationalId.computeIfAbsent(fields.get(national), k -> new ArrayList<>(1))
                        .add(new Entry(profession < 0 ? "" : fields.get(profession), type < 0 ? "" : fields.get(type),
                                fields.get(code)));
            }
        }
        return result;
    }

    public int size() {
        return byNationalId.size();
    }

    void applyTo(Practitioner practitioner) {
        List<Entry> entries = byNationalId.get(practitioner.nationalId());
        if (entries != null) {
            entries.forEach(e -> practitioner.addSavoirFaire(e.profession(), e.type(), e.code()));
        }
    }
}
