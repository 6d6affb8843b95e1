package org.vigie.directory.extract;

/**
 * A row left out of the import, with why: reported with its line number, never silently dropped.
 * {@code nationalId} is the identifier the row names when one could be read (else empty): that
 * practitioner is not treated as having left the directory because of a bad row.
 */
public record BadRow(String file, long line, String reason, String nationalId) {

    /** One line of the report: {@code file:line: reason}. */
    public String describe() {
        return file + ":" + line + ": " + reason;
    }
}
