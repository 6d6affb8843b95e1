package org.vigie.health.identity;

/** A verified ID token without SubjectNameID: the service cannot say in whose name acts are made. */
public class NoNationalIdException extends RuntimeException {

    public NoNationalIdException() {
        super("no SubjectNameID in the ID token");
    }
}
