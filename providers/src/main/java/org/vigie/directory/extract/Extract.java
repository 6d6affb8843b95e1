package org.vigie.directory.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Streams a main extract as practitioners: rows are checked one by one, bad ones go to the
 * report, and consecutive rows of one identifier become one {@link Practitioner}. The extract
 * lists a practitioner's rows together; a practitioner whose rows come back later in the file is
 * reported (the file is not in the publisher's order) rather than imported half.
 */
public final class Extract implements AutoCloseable {

    private final LineReader reader;
    private final RowParser parser;
    private final SavoirFaire savoirFaire;
    private final Consumer<BadRow> bad;
    private final LongSet seen = new LongSet();
    private final LongSet mentioned = new LongSet();
    private RowParser.Row pending;
    private long rows;
    private long badRows;
    private boolean done;

    private Extract(LineReader reader, RowParser parser, SavoirFaire savoirFaire, Consumer<BadRow> bad) {
        this.reader = reader;
        this.parser = parser;
        this.savoirFaire = savoirFaire;
        this.bad = bad;
    }

    /** Reads the header line; throws {@link ExtractFormatException} when the file is not an extract. */
    public static Extract open(InputStream in, String file, SavoirFaire savoirFaire, Consumer<BadRow> bad) throws IOException {
        LineReader reader = new LineReader(in);
        LineReader.Line header = reader.next();
        if (header == null || header.broken()) {
            reader.close();
            throw new ExtractFormatException(file + ": no readable header line");
        }
        try {
            return new Extract(reader, new RowParser(file, Layout.of(header.text())), savoirFaire, bad);
        } catch (ExtractFormatException e) {
            reader.close();
            throw new ExtractFormatException(file + ": " + e.getMessage());
        }
    }

    /** The next practitioner, or null at the end of the file. */
    public Practitioner next() throws IOException {
        Practitioner current = null;
        while (!done) {
            RowParser.Row row = pending != null ? pending : readRow();
            pending = null;
            if (row == null) {
                done = true;
                break;
            }
            if (current == null) {
                if (seen.contains(row.nationalId())) {
                    reject(new BadRow(parser.rowFile(), row.line(), "rows of " + row.nationalId()
                            + " are not together (the file is not sorted as published): this row is left out", row.nationalId()));
                    continue;
                }
                current = new Practitioner(row.nationalId());
                current.add(parser.layout(), row.fields());
            } else if (row.nationalId().equals(current.nationalId())) {
                current.add(parser.layout(), row.fields());
            } else {
                pending = row;
                break;
            }
        }
        if (current != null) {
            savoirFaire.applyTo(current);
            seen.add(current.nationalId());
        }
        return current;
    }

    private RowParser.Row readRow() throws IOException {
        while (true) {
            LineReader.Line line = reader.next();
            if (line == null) {
                return null;
            }
            if (line.text() != null && line.text().isBlank()) {
                continue;
            }
            rows++;
            RowParser.Result result = parser.parse(line);
            if (result.row() != null) {
                return result.row();
            }
            reject(result.bad());
        }
    }

    private void reject(BadRow row) {
        badRows++;
        if (!row.nationalId().isEmpty()) {
            mentioned.add(row.nationalId());
        }
        bad.accept(row);
    }

    /** True when this identifier was imported from the file or named by a bad row: not "absent". */
    public boolean listed(String nationalId) {
        return seen.contains(nationalId) || mentioned.contains(nationalId);
    }

    public long rows() {
        return rows;
    }

    public long badRows() {
        return badRows;
    }

    public long bytesRead() {
        return reader.bytesRead();
    }

    public int practitioners() {
        return seen.size();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
