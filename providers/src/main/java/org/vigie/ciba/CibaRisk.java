package org.vigie.ciba;

import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.vigie.challenge.PushChallenge;
import org.vigie.common.BrowserFlowSteps;
import org.vigie.events.VigieEvents;
import org.vigie.risk.PushLimits;
import org.vigie.risk.RiskPolicies;
import org.vigie.risk.RiskPolicy;
import org.vigie.risk.RiskPolicyAuthenticatorFactory;

/**
 * The risk policy of the realm's browser flow, applied to a service's CIBA login: the same hours,
 * on-call exceptions and push limits as a browser login, checked again at approval by the device
 * API (the challenge names the policy). A CIBA login has no browser to step up in, so outside the
 * hours it is refused whatever the step's off-hours action.
 */
record CibaRisk(String policyRef, String configId) {

    private static final Logger LOG = Logger.getLogger(CibaRisk.class);

    /** The browser flow's risk step settings; Vigie's defaults when it has none saved (or no such step). */
    static CibaRisk of(RealmModel realm) {
        Optional<AuthenticatorConfigModel> config = BrowserFlowSteps.config(realm, RiskPolicyAuthenticatorFactory.PROVIDER_ID);
        return config.map(c -> new CibaRisk(c.getId(), c.getId()))
                .orElseGet(() -> new CibaRisk(PushChallenge.DEFAULT_RISK_POLICY, ""));
    }

    /**
     * Why this login may not notify anyone now, if it may not: outside the hours without an on-call
     * exception of the practitioner (none for an identifier nobody holds), or an unreadable policy.
     */
    Optional<String> refusalNow(RealmModel realm, UserModel practitioner) {
        try {
            RiskPolicy policy = RiskPolicies.forConfigId(realm, configId);
            return RiskPolicies.allowsNow(policy, practitioner) ? Optional.empty() : Optional.of(VigieEvents.REASON_OFF_HOURS_PUSH);
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.errorf("Vigie risk policy of realm %s is invalid, CIBA login refused: %s", realm.getName(), e.getMessage());
            return Optional.of(VigieEvents.REASON_POLICY_MISCONFIGURED);
        }
    }

    PushLimits limits(RealmModel realm) {
        return RiskPolicies.limitsFor(realm, configId);
    }
}
