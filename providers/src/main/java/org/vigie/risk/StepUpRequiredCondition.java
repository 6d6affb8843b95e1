package org.vigie.risk;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** True when the risk policy let a login go on outside the windows on condition of a step-up. */
public class StepUpRequiredCondition implements ConditionalAuthenticator {

    static final StepUpRequiredCondition SINGLETON = new StepUpRequiredCondition();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getAuthNote(RiskPolicies.NOTE_STEP_UP) != null;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
