package org.vigie.identifier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.vigie.events.VigieEvents;

/**
 * A second practitioner signs in on a browser that holds another practitioner's session.
 *
 * <p>Keycloak binds one user session to a browser: the user session's id is the browser's root
 * authentication session id, and a login finishing for another user on that browser is refused
 * ({@code DIFFERENT_USER_AUTHENTICATED}). So when B's approval succeeds, A's session is ended
 * with Keycloak's back-channel logout, which also logs A out of every service that registered a
 * back-channel logout URL: from now on the person at this keyboard is B, and nothing done here
 * may be attributed to A. Until B's approval succeeds A's session is left alone (a mistyped, refused
 * or abandoned login never logs A out).
 */
public final class PractitionerChange {

    public static final String REASON_PRACTITIONER_CHANGED = "practitioner_changed";
    public static final String DETAIL_NEXT_USER = "vigie_next_user";

    private static final Logger LOG = Logger.getLogger(PractitionerChange.class);

    private PractitionerChange() {
    }

    /**
     * Ends this browser's session when it belongs to someone other than {@code next}; then lets
     * the flow's user be {@code next}. Returns the id of the practitioner logged out, if any.
     */
    public static Optional<String> handOver(AuthenticationFlowContext context, UserModel next) {
        UserModel current = context.getUser();
        if (current == null || current.getId().equals(next.getId())) {
            // Keycloak's cookie step found no session on this browser, or the same practitioner's:
            // nothing to hand over (and no extra transaction on an ordinary login).
            return Optional.empty();
        }
        String browserSessionId = context.getAuthenticationSession().getParentSession().getId();
        // In its own transaction, committed before this login attaches its session: the new user
        // session takes the same id, so the old one must be gone from the stores by then.
        UriInfo uri = context.getSession().getContext().getUri();
        HttpHeaders headers = context.getHttpRequest().getHttpHeaders();
        String ended = KeycloakModelUtils.runJobInTransactionWithResult(context.getSession().getKeycloakSessionFactory(),
                context.getSession().getContext(),
                nested -> endIfOther(nested, browserSessionId, next, uri, context.getConnection(), headers),
                "vigie-practitioner-change");
        if (ended != null) {
            VigieEvents.builder(context.getSession(), context.getRealm(), context.getConnection())
                    .event(EventType.LOGOUT).user(ended).session(browserSessionId)
                    .client(context.getAuthenticationSession().getClient())
                    .detail(VigieEvents.DETAIL_REASON, REASON_PRACTITIONER_CHANGED)
                    .detail(DETAIL_NEXT_USER, next.getId())
                    .success();
        }
        // Set by the cookie step from the session just ended; the flow refuses a second user otherwise.
        context.clearUser();
        return Optional.ofNullable(ended);
    }

    private static String endIfOther(KeycloakSession session, String userSessionId, UserModel next, UriInfo uri,
                                     ClientConnection connection, HttpHeaders headers) {
        RealmModel realm = session.getContext().getRealm();
        UserSessionModel existing = session.sessions().getUserSession(realm, userSessionId);
        if (existing == null || existing.getUser() == null || existing.getUser().getId().equals(next.getId())) {
            return null;
        }
        String previous = existing.getUser().getId();
        LOG.debugf("Practitioner change on one browser: ending user session %s of user %s", userSessionId, previous);
        AuthenticationManager.backchannelLogout(session, realm, existing, uri, connection, headers, true);
        return previous;
    }
}
