package org.vigie.simulator;

/** The server could not be reached or did not answer in time; refusals are results, never this. */
public class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String url, Throwable cause) {
        super("Cannot reach " + url + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                cause);
    }
}
