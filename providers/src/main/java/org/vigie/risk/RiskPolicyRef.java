package org.vigie.risk;

import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Which risk policy a login runs under, carried from the risk step to every later check (push
 * limits, the approval's time check, a delegation's end time): no risk step in the flow, the
 * risk step with Vigie's defaults, or the risk step's saved settings. The one home of its
 * encoding in an auth note and in a stored challenge.
 */
public final class RiskPolicyRef {

    private static final Logger LOG = Logger.getLogger(RiskPolicyRef.class);
    private static final String NONE = "none";
    private static final String DEFAULTS = "default";
    private static final RiskPolicyRef NO_POLICY = new RiskPolicyRef(null);
    private static final RiskPolicyRef DEFAULT_POLICY = new RiskPolicyRef("");

    /** null: no risk step; "": the defaults; otherwise the id of the step's authenticator config. */
    private final String configId;

    private RiskPolicyRef(String configId) {
        this.configId = configId;
    }

    public static RiskPolicyRef none() {
        return NO_POLICY;
    }

    /** The risk step's settings ({@code configId} null or blank: its defaults). */
    public static RiskPolicyRef ofConfig(String configId) {
        return configId == null || configId.isBlank() ? DEFAULT_POLICY : new RiskPolicyRef(configId);
    }

    /** The policy the risk step of this login recorded, or {@link #none()} when it ran none. */
    public static RiskPolicyRef ofLogin(AuthenticationSessionModel authSession) {
        String note = authSession.getAuthNote(RiskPolicies.NOTE_POLICY_CONFIG);
        return note == null ? NO_POLICY : ofConfig(note);
    }

    /** Records this policy on the login, for the steps after the risk step. */
    public void recordOn(AuthenticationSessionModel authSession) {
        if (configId == null) {
            authSession.removeAuthNote(RiskPolicies.NOTE_POLICY_CONFIG);
        } else {
            authSession.setAuthNote(RiskPolicies.NOTE_POLICY_CONFIG, configId);
        }
    }

    /** The policy's time zone; {@code fallback} without a risk step or when the policy cannot be read. */
    public java.time.ZoneId zone(RealmModel realm, java.time.ZoneId fallback) {
        if (configId == null) {
            return fallback;
        }
        try {
            return policy(realm).windows().zone();
        } catch (RiskPolicy.InvalidPolicyException e) {
            return fallback;
        }
    }

    /** The value to store: "none", "default" or the config id. */
    public String encode() {
        return configId == null ? NONE : configId.isEmpty() ? DEFAULTS : configId;
    }

    /** Reads {@link #encode()}'s value; anything unreadable or absent means no policy was recorded. */
    public static RiskPolicyRef decode(String value) {
        if (value == null || value.isBlank() || NONE.equals(value)) {
            return NO_POLICY;
        }
        return DEFAULTS.equals(value) ? DEFAULT_POLICY : new RiskPolicyRef(value);
    }

    public boolean present() {
        return configId != null;
    }

    /** The policy itself; the defaults for {@link #none()} (a flow without risk step still counts pushes). */
    public RiskPolicy policy(RealmModel realm) throws RiskPolicy.InvalidPolicyException {
        return RiskPolicies.forConfigId(realm, configId == null ? "" : configId);
    }

    /** Limits for counting pushes: the policy's, or the defaults when it cannot be read. */
    public PushLimits limits(RealmModel realm) {
        return RiskPolicies.limitsFor(realm, configId == null ? "" : configId);
    }

    /**
     * Whether an approval is accepted now: always without a risk step; inside the windows without
     * reading the practitioner; outside, when one of their on-call exceptions covers now. A policy
     * that has become unreadable refuses.
     */
    public boolean allowsApprovalNow(RealmModel realm, Supplier<UserModel> practitioner) {
        if (configId == null) {
            return true;
        }
        try {
            RiskPolicy policy = policy(realm);
            return policy.windows().allows(RiskPolicies.now(policy)) || RiskPolicies.allowsNow(policy, practitioner.get());
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.errorf("Vigie risk policy %s is invalid, approval refused: %s", configId, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RiskPolicyRef ref && java.util.Objects.equals(configId, ref.configId);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(configId);
    }

    @Override
    public String toString() {
        return encode();
    }
}
