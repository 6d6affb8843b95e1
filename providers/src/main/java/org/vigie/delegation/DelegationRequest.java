package org.vigie.delegation;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeCodes;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.Decision;
import org.vigie.challenge.PushChallenge;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.PushRateLimiter;
import org.vigie.risk.RiskPolicies;
import org.vigie.risk.RiskPolicy;

/**
 * The challenge asking a practitioner to let an assistant act in their name: an ordinary Vigie
 * challenge for the practitioner's identifier (same store, same device API, same risk policy), with
 * the purpose, the assistant's name and the end time for the app to show. Like a login, it does the
 * same work whoever holds the identifier, or nobody: an unknown practitioner simply never answers.
 */
final class DelegationRequest {

    private static final Logger LOG = Logger.getLogger(DelegationRequest.class);
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private DelegationRequest() {
    }

    /** The risk policy of this login (set by its risk step), or empty when the flow has none. */
    static Optional<String> policyConfigId(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getAuthNote(RiskPolicies.NOTE_POLICY_CONFIG));
    }

    /**
     * Whether the policy lets the practitioner approve now. Inside the windows nobody is looked up;
     * outside, the practitioner's on-call exceptions count, as for their own login.
     */
    static boolean allowedNow(AuthenticationFlowContext context, NationalIdentifier practitioner) {
        Optional<String> configId = policyConfigId(context.getAuthenticationSession());
        if (configId.isEmpty()) {
            return true;
        }
        try {
            RiskPolicy policy = RiskPolicies.forConfigId(context.getRealm(), configId.get());
            if (policy.windows().allows(RiskPolicies.now(policy))) {
                return true;
            }
            UserModel user = PractitionerLookup.ofBrowserFlow(context.getRealm())
                    .findUser(context.getSession(), context.getRealm(), practitioner);
            return RiskPolicies.allowsNow(policy, user);
        } catch (RiskPolicy.InvalidPolicyException e) {
            LOG.errorf("Vigie risk policy %s is invalid, delegation refused: %s", configId.get(), e.getMessage());
            return false;
        }
    }

    /** The time zone the risk policy works in (the end time is shown in it). */
    static ZoneId zone(AuthenticationFlowContext context) {
        Optional<String> configId = policyConfigId(context.getAuthenticationSession());
        if (configId.isEmpty()) {
            return DEFAULT_ZONE;
        }
        try {
            return RiskPolicies.forConfigId(context.getRealm(), configId.get()).windows().zone();
        } catch (RiskPolicy.InvalidPolicyException e) {
            return DEFAULT_ZONE;
        }
    }

    static PushChallenge create(AuthenticationFlowContext context, ChallengeStore store, String nationalId,
                                String assistantName, long until) {
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // A tab asking again replaces its own pending request, and only its own.
        store.lastOfTab(authSession.getParentSession().getId(), authSession.getTabId())
                .ifPresent(previous -> store.decide(previous, Decision.CANCELLED, null, null, Time.currentTime()));
        ApprovalConfig approval = ApprovalConfig.ofBrowserFlow(realm);
        long now = Time.currentTime();
        int ttl = approval.challengeTtlSeconds();
        String code = claimCode(store, realm.getId(), nationalId, ttl);
        String configId = policyConfigId(authSession).orElse(null);
        String riskPolicy = configId == null ? PushChallenge.NO_RISK_POLICY
                : configId.isEmpty() ? PushChallenge.DEFAULT_RISK_POLICY : configId;
        String ipAddress = context.getConnection().getRemoteAddr();
        ClientModel client = authSession.getClient();
        PushChallenge challenge = new PushChallenge(ChallengeCodes.randomId(), realm.getId(), nationalId, client.getClientId(),
                Delegations.clientName(client), now, now + ttl, ipAddress, userAgent(context),
                // Always a typed code: the practitioner types, on their phone, the code on the assistant's screen.
                PushChallenge.CodeMode.TYPE, code, List.of(), ChallengeCodes.randomId(),
                authSession.getParentSession().getId(), authSession.getTabId(), approval.maxPinAttempts(),
                approval.fraudSuspensionMinutes(), approval.reportContact(), riskPolicy, false,
                notificationAllowed(context, nationalId, ipAddress, configId),
                PushChallenge.PURPOSE_DELEGATION, assistantName, until);
        store.save(challenge, now);
        org.vigie.challenge.ChallengePush.afterCommit(context.getSession(), challenge, approval.push());
        return challenge;
    }

    private static String claimCode(ChallengeStore store, String realmId, String nationalId, int ttl) {
        for (int attempt = 0; attempt < 32; attempt++) {
            String code = ChallengeCodes.typeCode();
            if (store.claimCode(realmId, nationalId, code, ttl)) {
                return code;
            }
        }
        throw new IllegalStateException("no free challenge code for an identifier after 32 draws");
    }

    /** The push limits apply as for a login: they hold back the notification, never the request. */
    private static boolean notificationAllowed(AuthenticationFlowContext context, String nationalId, String ipAddress,
                                               String configId) {
        RealmModel realm = context.getRealm();
        Optional<PushRateLimiter.Limit> limited = new PushRateLimiter(context.getSession()).tryAcquire(realm.getId(), nationalId,
                ipAddress, RiskPolicies.limitsFor(realm, configId == null ? "" : configId));
        if (limited.isEmpty()) {
            return true;
        }
        VigieEvents.builder(context.getSession(), realm, context.getConnection()).event(EventType.LOGIN_ERROR)
                .client(context.getAuthenticationSession().getClient())
                .detail(Details.USERNAME, nationalId)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_RATE_LIMITED)
                .detail(VigieEvents.DETAIL_LIMIT, limited.get().detail())
                .error(VigieEvents.REASON_PUSH_RATE_LIMITED);
        return false;
    }

    private static String userAgent(AuthenticationFlowContext context) {
        String value = context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        return value == null ? "" : value.length() <= 256 ? value : value.substring(0, 256);
    }
}
