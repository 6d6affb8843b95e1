package org.vigie.events;

import org.keycloak.events.EventBuilder;

/**
 * Details Vigie adds to Keycloak events, so operators and a SIEM can filter on them.
 * Keycloak's own event types are kept (LOGIN_ERROR…); {@code vigie_reason} says what happened.
 */
public final class VigieEvents {

    public static final String DETAIL_REASON = "vigie_reason";
    public static final String DETAIL_STEP = "vigie_step";

    public static final String REASON_USER_QUIT = "user_quit";

    private VigieEvents() {
    }

    /** Marks the event Keycloak's {@code cancelLogin()} is about to send as a deliberate quit. */
    public static void userQuit(EventBuilder event, String step) {
        event.detail(DETAIL_REASON, REASON_USER_QUIT).detail(DETAIL_STEP, step);
    }
}
