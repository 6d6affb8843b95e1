package org.vigie.ciba;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.common.BrowserFlowSteps;
import org.vigie.events.VigieEvents;
import org.vigie.risk.PushLimits;
import org.vigie.risk.RiskAlerts;
import org.vigie.risk.RiskPolicies;
import org.vigie.risk.RiskPolicy;
import org.vigie.risk.RiskPolicyAuthenticatorFactory;
import org.vigie.risk.RiskPolicyRef;

/**
 * The risk policy of the realm's browser flow, applied to a service's CIBA login: the same hours,
 * on-call exceptions and push limits as a browser login, checked again at approval by the device
 * API (the challenge names the policy). A CIBA login has no browser to step up in, so outside the
 * hours it is refused whatever the step's off-hours action.
 */
record CibaRisk(RiskPolicyRef ref) {

    private static final Logger LOG = Logger.getLogger(CibaRisk.class);

    /** The browser flow's risk step settings; Vigie's defaults when it has none saved (or no such step). */
    static CibaRisk of(RealmModel realm) {
        return new CibaRisk(RiskPolicyRef.ofConfig(BrowserFlowSteps.config(realm, RiskPolicyAuthenticatorFactory.PROVIDER_ID)
                .map(config -> config.getId()).orElse(null)));
    }

    /**
     * Why this login may not notify anyone now, if it may not: outside the hours without an on-call
     * exception of the practitioner (none for an identifier nobody holds), or an unreadable policy.
     * The practitioner is told of a login stopped at night, as after a browser login.
     */
    Optional<String> refusalNow(KeycloakSession session, RealmModel realm, UserModel practitioner, String clientName, String ipAddress) {
        RiskPolicy policy;
        try {
            policy = ref.policy(realm);
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.errorf("Vigie risk policy of realm %s is invalid, CIBA login refused: %s", realm.getName(), e.getMessage());
            return Optional.of(VigieEvents.REASON_POLICY_MISCONFIGURED);
        }
        if (RiskPolicies.allowsNow(policy, practitioner)) {
            return Optional.empty();
        }
        if (practitioner != null) {
            ZonedDateTime now = RiskPolicies.now(policy);
            Locale locale = Locale.forLanguageTag(realm.getDefaultLocale() == null ? "fr" : realm.getDefaultLocale());
            RiskAlerts.offHoursBlocked(session, realm, practitioner, clientName, ipAddress,
                    now.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)));
        }
        return Optional.of(VigieEvents.REASON_OFF_HOURS_PUSH);
    }

    PushLimits limits(RealmModel realm) {
        return ref.limits(realm);
    }
}
