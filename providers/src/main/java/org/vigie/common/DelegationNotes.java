package org.vigie.common;

import java.util.Optional;
import org.keycloak.models.UserSessionModel;

/**
 * The user-session notes of a delegated session: the practitioner's session, opened in the
 * assistant's browser with the practitioner's approval given in person. Written by the delegation
 * step, read by the {@code act} mapper, the token checks and the pages that end a delegation.
 */
public record DelegationNotes(String id, String assistantId, String assistantIdentifier, String assistantName,
                              String clientId, long until, String endToken) {

    public static final String ID = "vigie.delegation.id";
    public static final String ASSISTANT_ID = "vigie.delegation.assistantId";
    public static final String ASSISTANT_IDENTIFIER = "vigie.delegation.assistantIdentifier";
    public static final String ASSISTANT_NAME = "vigie.delegation.assistantName";
    public static final String CLIENT_ID = "vigie.delegation.clientId";
    public static final String UNTIL = "vigie.delegation.until";
    /** Secret of the assistant's "end the delegation" form (the browser holding the session only). */
    public static final String END_TOKEN = "vigie.delegation.endToken";
    /** The {@code amr} value of a delegated session. */
    public static final String AMR_DELEGATION = "delegation";

    /** The delegation this session carries, if it is a delegated session. */
    public static Optional<DelegationNotes> of(UserSessionModel userSession) {
        if (userSession == null || userSession.getNote(ID) == null) {
            return Optional.empty();
        }
        long until;
        try {
            until = Long.parseLong(userSession.getNote(UNTIL));
        } catch (NumberFormatException e) {
            until = 0; // unreadable: treated as over
        }
        return Optional.of(new DelegationNotes(userSession.getNote(ID), nonNull(userSession.getNote(ASSISTANT_ID)),
                nonNull(userSession.getNote(ASSISTANT_IDENTIFIER)), nonNull(userSession.getNote(ASSISTANT_NAME)),
                nonNull(userSession.getNote(CLIENT_ID)), until, nonNull(userSession.getNote(END_TOKEN))));
    }

    public boolean overAt(long now) {
        return now >= until;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
