package org.vigie.identifier;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.vigie.events.VigieEvents;

/**
 * First step of the Vigie login: the practitioner types an RPPS / ADELI / national identifier.
 *
 * <p>A malformed identifier is refused in place. A well-formed one always moves on to the next
 * step, whether or not a practitioner holds it: the next step treats an unknown identifier
 * exactly like a known one (same page), so nobody can probe which numbers are enrolled, and it
 * can never succeed without a user.
 */
public class IdentifierFormAuthenticator implements Authenticator {

    public static final String FORM = "vigie-identifier.ftl";
    public static final String FIELD_IDENTIFIER = "identifier";
    public static final String FIELD_CANCEL = "cancel";
    /** "Enrol a phone": e-mail an enrolment link instead of going on with the login. */
    public static final String FIELD_ENROL = "enrol";
    /** National id (8+RPPS or 0+ADELI) as typed, kept for the next steps, known or not. */
    public static final String NOTE_NATIONAL_ID = "vigie.nationalId";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String hint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        context.challenge(form(context, hint, null, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (formData.containsKey(FIELD_CANCEL)) {
            VigieEvents.userQuit(context.getEvent(), "identifier");
            context.cancelLogin();
            return;
        }

        String typed = formData.getFirst(FIELD_IDENTIFIER);
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(typed);
        if (!parsed.valid()) {
            // Same page, HTTP 200, no event: a typo is not an attack and must not fill the event store.
            context.challenge(form(context, typed, messageFor(parsed.problem()), null));
            return;
        }

        NationalIdentifier identifier = parsed.identifier();
        if (formData.containsKey(FIELD_ENROL) && enrolmentLinks(context.getAuthenticatorConfig())) {
            // The same answer whoever holds the identifier, or nobody.
            UserModel user = PractitionerLookup.of(context.getAuthenticatorConfig())
                    .findUser(context.getSession(), context.getRealm(), identifier);
            EnrolmentLinks.request(context.getSession(), context.getRealm(), context.getConnection(),
                    context.getAuthenticationSession().getClient(), identifier.nationalId(), user,
                    enrolmentLinkLifespan(context.getAuthenticatorConfig()));
            context.challenge(form(context, typed, null, "vigieEnrolLinkSent"));
            return;
        }

        // Nobody is looked up here: the login goes on with the identifier alone, doing the same work
        // whoever holds it (or nobody), so that timing cannot tell enrolled identifiers apart. The
        // user is not set on the flow either (Keycloak's pages would show it); the step that
        // verifies the practitioner sets it when it succeeds.
        context.getAuthenticationSession().setAuthNote(NOTE_NATIONAL_ID, identifier.nationalId());
        context.getEvent().detail(Details.USERNAME, identifier.nationalId());
        context.success();
    }

    private static String messageFor(NationalIdentifier.Problem problem) {
        switch (problem) {
            case EMPTY:
                return "vigieIdentifierMissing";
            case RPPS_CHECK_DIGIT:
                return "vigieIdentifierCheckDigit";
            default:
                return "vigieIdentifierFormat";
        }
    }

    private static Response form(AuthenticationFlowContext context, String identifier, String error, String info) {
        var form = context.form();
        form.setAttribute("vigieEnrolmentLinks", enrolmentLinks(context.getAuthenticatorConfig()));
        if (identifier != null) {
            form.setAttribute("identifier", identifier);
        }
        if (error != null) {
            form.addError(new FormMessage(FIELD_IDENTIFIER, error));
        }
        if (info != null) {
            form.setInfo(info);
        }
        return form.createForm(FORM);
    }

    static boolean enrolmentLinks(AuthenticatorConfigModel model) {
        String value = model == null || model.getConfig() == null ? null
                : model.getConfig().get(IdentifierFormAuthenticatorFactory.CONFIG_ENROLMENT_LINKS);
        return value == null || value.isBlank() || Boolean.parseBoolean(value.trim());
    }

    /** The configured link lifetime in seconds (see {@link IdentifierFormAuthenticatorFactory#ENROLMENT_LINK_LIFESPAN}). */
    static int enrolmentLinkLifespan(AuthenticatorConfigModel model) {
        return IdentifierFormAuthenticatorFactory.ENROLMENT_LINK_LIFESPAN.read(model == null ? null : model.getConfig());
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
