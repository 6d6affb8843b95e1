package org.vigie.health.identity;

/** The session was not opened at the level the service requires (acr=eidas1): no page is served. */
public class InsufficientLevelException extends RuntimeException {

    private final String receivedAcr;

    public InsufficientLevelException(String receivedAcr) {
        super("acr " + receivedAcr + " instead of " + Professional.REQUIRED_ACR);
        this.receivedAcr = receivedAcr;
    }

    public String receivedAcr() {
        return receivedAcr;
    }
}
