package org.vigie.directory.extract;

/** The file as a whole cannot be read as an extract (no header, required columns missing): nothing is imported. */
public class ExtractFormatException extends RuntimeException {

    public ExtractFormatException(String message) {
        super(message);
    }
}
