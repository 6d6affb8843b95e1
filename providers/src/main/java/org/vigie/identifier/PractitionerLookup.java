package org.vigie.identifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.common.BrowserFlowSteps;

/**
 * Which user holds a national identifier: the user attributes the identifier step is configured
 * with (admin console, {@code vigie-identifier} step), used by the step itself and by device
 * enrolment, so that both find the same practitioner.
 */
public record PractitionerLookup(String rppsAttribute, String adeliAttribute) {

    /** User attribute holding a staff identifier (11 digits, no {@code 3} prefix): assistants without RPPS. */
    public static final String STAFF_ATTRIBUTE = "vigieStaffId";

    private static final Logger LOG = Logger.getLogger(PractitionerLookup.class);

    /** The step's settings, with defaults when none were saved. */
    public static PractitionerLookup of(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new PractitionerLookup(
                nonBlank(values.get(IdentifierFormAuthenticatorFactory.CONFIG_RPPS_ATTRIBUTE), IdentifierFormAuthenticatorFactory.DEFAULT_RPPS_ATTRIBUTE),
                nonBlank(values.get(IdentifierFormAuthenticatorFactory.CONFIG_ADELI_ATTRIBUTE), IdentifierFormAuthenticatorFactory.DEFAULT_ADELI_ATTRIBUTE));
    }

    /**
     * The settings of the first identifier step of the realm's browser flow (sub-flows included),
     * for requests outside a login (device enrolment, device API); the defaults when it has none.
     */
    public static PractitionerLookup ofBrowserFlow(RealmModel realm) {
        return of(BrowserFlowSteps.config(realm, IdentifierFormAuthenticatorFactory.PROVIDER_ID).orElse(null));
    }

    public String attributeFor(NationalIdentifier.Type type) {
        return switch (type) {
            case RPPS -> rppsAttribute;
            case ADELI -> adeliAttribute;
            case STAFF -> STAFF_ATTRIBUTE;
        };
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

    /**
     * The national identifiers ({@code 8}+RPPS, {@code 0}+ADELI) this user holds under these
     * attributes: what a login typed for them names.
     */
    public java.util.Set<String> nationalIds(UserModel user) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (NationalIdentifier.Type type : NationalIdentifier.Type.values()) {
            String stored = user.getFirstAttribute(attributeFor(type));
            if (stored != null && stored.length() == type.length()) {
                NationalIdentifier.parse(type.nationalPrefix() + stored).asOptional().filter(id -> id.type() == type)
                        .ifPresent(id -> ids.add(id.nationalId()));
            }
        }
        return ids;
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
