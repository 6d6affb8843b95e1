package org.vigie.challenge;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;

/**
 * Stands where the device approval step goes until it exists: it shows a clear page and never
 * succeeds, so an identifier alone can never log anyone in. Known and unknown identifiers see
 * the same page.
 */
public class SecondStepUnavailableAuthenticator implements Authenticator {

    public static final String FORM = "vigie-second-step-unavailable.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(page(context));
    }

    private static Response page(AuthenticationFlowContext context) {
        return context.form().setAttribute("nationalId", IdentifiedPractitioner.nationalId(context)).createForm(FORM);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (context.getHttpRequest().getDecodedFormParameters().containsKey("cancel")) {
            VigieEvents.userQuit(context.getEvent(), "second-step");
            context.cancelLogin();
            return;
        }
        context.challenge(page(context));
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
