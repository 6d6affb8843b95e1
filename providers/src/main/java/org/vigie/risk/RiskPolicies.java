package org.vigie.risk;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Finding the policy that applies and asking it questions, for the steps and the device API. */
public final class RiskPolicies {

    /** Auth note (copied into the challenge): id of the risk step's config, "" for the defaults. */
    public static final String NOTE_POLICY_CONFIG = "vigie.riskPolicyConfig";
    /** Auth note set when the login goes on outside the windows under the step-up action. */
    public static final String NOTE_STEP_UP = "vigie.stepUp";

    private static final Logger LOG = Logger.getLogger(RiskPolicies.class);

    private RiskPolicies() {
    }

    /** The policy of a risk step's config; the defaults when there is none. */
    public static RiskPolicy forConfig(AuthenticatorConfigModel config) throws RiskPolicy.InvalidPolicyException {
        return RiskPolicy.parse(config == null ? Map.of() : config.getConfig());
    }

    /**
     * The policy a challenge was created under, for checks made later (device API). A config
     * that has become invalid since counts as "refuse" for time checks: see {@link #allowsNow}.
     */
    public static RiskPolicy forConfigId(RealmModel realm, String configId) throws RiskPolicy.InvalidPolicyException {
        if (configId == null || configId.isEmpty()) {
            return RiskPolicy.defaults();
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(configId);
        return forConfig(config);
    }

    /** Limits for counting pushes: the policy's, or the defaults if it cannot be read. */
    public static PushLimits limitsFor(RealmModel realm, String configId) {
        try {
            return forConfigId(realm, configId).limits();
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.warnf("Vigie risk policy %s is invalid (%s): default push limits apply", configId, e.getMessage());
            return PushLimits.defaults();
        }
    }

    public static ZonedDateTime now(RiskPolicy policy) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(Time.currentTimeMillis()), policy.windows().zone());
    }

    /** Inside the windows, or covered by one of the practitioner's (or their groups') exceptions. */
    public static boolean allowsNow(RiskPolicy policy, UserModel user) {
        ZonedDateTime now = now(policy);
        return policy.windows().allows(now) || (user != null && hasExceptionCovering(policy, user, now));
    }

    public static boolean hasExceptionCovering(RiskPolicy policy, UserModel user, ZonedDateTime at) {
        String attribute = policy.exceptionAttribute();
        return Stream.concat(user.getAttributeStream(attribute), user.getGroupsStream().flatMap(g -> groupValues(g, attribute)))
                .anyMatch(value -> {
                    try {
                        return OnCallExceptions.parse(value, policy.windows().zone()).covers(at);
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("User %s: ignoring exception '%s': %s", user.getId(), value, e.getMessage());
                        return false;
                    }
                });
    }

    /** A group's values and its parents': a hospital declares a night shift once for its units. */
    private static Stream<String> groupValues(GroupModel group, String attribute) {
        Stream<String> own = group.getAttributeStream(attribute);
        return group.getParent() == null ? own : Stream.concat(own, groupValues(group.getParent(), attribute));
    }
}
