package org.vigie.common;

import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The settings of a Vigie step as the realm's browser flow has it, for requests outside a login
 * (device API, enrolment): the first execution of the step in the flow, sub-flows included.
 */
public final class BrowserFlowSteps {

    private static final int MAX_FLOW_DEPTH = 16;

    private BrowserFlowSteps() {
    }

    /** The saved config of the first {@code providerId} step of the browser flow, if it has one. */
    public static Optional<AuthenticatorConfigModel> config(RealmModel realm, String providerId) {
        return Optional.ofNullable(realm.getBrowserFlow())
                .flatMap(flow -> first(realm, flow.getId(), providerId, 0))
                .map(execution -> execution.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()));
    }

    private static Optional<AuthenticationExecutionModel> first(RealmModel realm, String flowId, String providerId, int depth) {
        if (depth > MAX_FLOW_DEPTH) {
            return Optional.empty();
        }
        for (AuthenticationExecutionModel execution : (Iterable<AuthenticationExecutionModel>)
                realm.getAuthenticationExecutionsStream(flowId)::iterator) {
            if (execution.isAuthenticatorFlow() && execution.getFlowId() != null) {
                Optional<AuthenticationExecutionModel> nested = first(realm, execution.getFlowId(), providerId, depth + 1);
                if (nested.isPresent()) {
                    return nested;
                }
            } else if (providerId.equals(execution.getAuthenticator())) {
                return Optional.of(execution);
            }
        }
        return Optional.empty();
    }
}
