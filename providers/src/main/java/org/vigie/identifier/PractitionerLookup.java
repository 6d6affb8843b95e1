package org.vigie.identifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Which user holds a national identifier: the user attributes the identifier step is configured
 * with (admin console, {@code vigie-identifier} step), used by the step itself and by device
 * enrolment, so that both find the same practitioner.
 */
public record PractitionerLookup(String rppsAttribute, String adeliAttribute) {

    private static final Logger LOG = Logger.getLogger(PractitionerLookup.class);
    private static final int MAX_FLOW_DEPTH = 16;

    /** The step's settings, with defaults when none were saved. */
    public static PractitionerLookup of(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new PractitionerLookup(
                nonBlank(values.get(IdentifierFormAuthenticatorFactory.CONFIG_RPPS_ATTRIBUTE), IdentifierFormAuthenticatorFactory.DEFAULT_RPPS_ATTRIBUTE),
                nonBlank(values.get(IdentifierFormAuthenticatorFactory.CONFIG_ADELI_ATTRIBUTE), IdentifierFormAuthenticatorFactory.DEFAULT_ADELI_ATTRIBUTE));
    }

    /**
     * The settings of the first identifier step of the realm's browser flow (sub-flows included),
     * for requests outside a login (device enrolment); the defaults when the flow has none.
     */
    public static PractitionerLookup ofBrowserFlow(RealmModel realm) {
        return Optional.ofNullable(realm.getBrowserFlow())
                .flatMap(flow -> firstIdentifierStep(realm, flow.getId(), 0))
                .map(execution -> execution.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                .map(PractitionerLookup::of)
                .orElseGet(() -> of(null));
    }

    private static Optional<AuthenticationExecutionModel> firstIdentifierStep(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_FLOW_DEPTH) {
            return Optional.empty();
        }
        for (AuthenticationExecutionModel execution : (Iterable<AuthenticationExecutionModel>)
                realm.getAuthenticationExecutionsStream(flowId)::iterator) {
            if (execution.isAuthenticatorFlow() && execution.getFlowId() != null) {
                Optional<AuthenticationExecutionModel> nested = firstIdentifierStep(realm, execution.getFlowId(), depth + 1);
                if (nested.isPresent()) {
                    return nested;
                }
            } else if (IdentifierFormAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())) {
                return Optional.of(execution);
            }
        }
        return Optional.empty();
    }

    public String attributeFor(NationalIdentifier.Type type) {
        return type == NationalIdentifier.Type.RPPS ? rppsAttribute : adeliAttribute;
    }

    /** The one enabled user holding this identifier, or null (none, disabled, or several). */
    public UserModel findUser(KeycloakSession session, RealmModel realm, NationalIdentifier identifier) {
        String attribute = attributeFor(identifier.type());
        List<UserModel> matches = session.users()
                .searchForUserByUserAttributeStream(realm, attribute, identifier.number())
                .limit(2)
                .collect(Collectors.toList());
        if (matches.size() > 1) {
            // Two accounts claiming one identifier is a directory error; refusing both is the safe side.
            LOG.warnf("Several users in realm %s hold %s=%s; refusing to pick one", realm.getName(), attribute,
                    identifier.number());
            return null;
        }
        if (matches.isEmpty() || !matches.get(0).isEnabled()) {
            return null;
        }
        return matches.get(0);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
