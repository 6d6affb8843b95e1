package org.vigie.challenge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;
import org.vigie.identifier.PractitionerChange;
import org.vigie.risk.BruteForceLockout;
import org.vigie.risk.FraudSuspension;
import org.vigie.risk.PushLimits;
import org.vigie.risk.PushRateLimiter;
import org.vigie.risk.RiskAlerts;
import org.vigie.risk.RiskPolicies;

/**
 * Second step of the Vigie login: a challenge approved on the practitioner's enrolled device
 * with the PIN and the code shown in the browser.
 *
 * <p>The browser waits on a page showing the code; a small script asks the device API's status
 * endpoint (one cache read) whether the challenge was decided and then submits the page's form,
 * which is also what a browser without JavaScript does by hand. The decision itself is read
 * here, from the cluster-wide store, never from the browser.
 */
public class DeviceApprovalAuthenticator implements Authenticator {

    public static final String WAIT_FORM = "vigie-device-approval.ftl";
    public static final String RESULT_FORM = "vigie-approval-result.ftl";
    public static final String NOTE_CHALLENGE_ID = "vigie.challengeId";
    /** User session notes read by the acr/amr mapper. */
    public static final String NOTE_ACR = "vigie.acr";
    public static final String NOTE_AMR = "vigie.amr";
    public static final String ACR_EIDAS1 = "eidas1";

    private static final Logger LOG = Logger.getLogger(DeviceApprovalAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ChallengeStore store = new ChallengeStore(context.getSession());
        Optional<PushChallenge> current = currentChallenge(context, store);
        if (current.isPresent() && !store.isDecided(current.get().id()) && !current.get().expiredAt(Time.currentTime())) {
            context.challenge(waitingPage(context, current.get()));
            return;
        }
        PushChallenge challenge = createChallenge(context, store, ApprovalConfig.of(context.getAuthenticatorConfig()));
        context.challenge(waitingPage(context, challenge));
    }

    private PushChallenge createChallenge(AuthenticationFlowContext context, ChallengeStore store, ApprovalConfig config) {
        long now = Time.currentTime();
        Optional<UserModel> pushTo = IdentifiedPractitioner.user(context).filter(user -> canReceivePush(context, user));
        List<String> choices = config.codeMode() == PushChallenge.CodeMode.PICK ? ChallengeCodes.pickCodes() : List.of();
        String code = config.codeMode() == PushChallenge.CodeMode.PICK ? choices.get(0) : ChallengeCodes.typeCode();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ClientModel client = authSession.getClient();
        PushChallenge challenge = new PushChallenge(
                ChallengeCodes.randomId(),
                context.getRealm().getId(),
                pushTo.map(UserModel::getId).orElse(""),
                client.getClientId(),
                client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName(),
                now,
                now + config.challengeTtlSeconds(),
                context.getConnection().getRemoteAddr(),
                truncate(context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"), 256),
                config.codeMode(),
                code,
                ChallengeCodes.shuffled(choices),
                ChallengeCodes.randomId(),
                authSession.getParentSession().getId(),
                authSession.getTabId(),
                config.maxPinAttempts(),
                config.fraudSuspensionMinutes(),
                config.reportContact(),
                riskPolicyOf(authSession),
                authSession.getAuthNote(RiskPolicies.NOTE_STEP_UP) != null);
        // One pending challenge per identifier: a newer login supersedes the older one, for known
        // and unknown identifiers alike (the older tab sees the same "replaced" page either way).
        String nationalId = IdentifiedPractitioner.nationalId(context);
        store.currentForIdentifier(context.getRealm().getId(), nationalId)
                .ifPresent(previous -> store.decide(previous, Decision.CANCELLED, null, now));
        pushTo.flatMap(user -> store.currentFor(context.getRealm().getId(), user.getId()))
                .ifPresent(previous -> store.decide(previous, Decision.CANCELLED, null, now));
        store.save(challenge, nationalId, now);
        authSession.setAuthNote(NOTE_CHALLENGE_ID, challenge.id());
        return challenge;
    }

    private static String riskPolicyOf(AuthenticationSessionModel authSession) {
        String configId = authSession.getAuthNote(RiskPolicies.NOTE_POLICY_CONFIG);
        if (configId == null) {
            return PushChallenge.NO_RISK_POLICY;
        }
        return configId.isEmpty() ? PushChallenge.DEFAULT_RISK_POLICY : configId;
    }

    /** Whether a push may be sent; when not, the browser gets the same page and nothing reaches any phone. */
    private static boolean canReceivePush(AuthenticationFlowContext context, UserModel user) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (BruteForceLockout.isLocked(session, realm, user)) {
            LOG.debugf("No push for user %s: locked by the realm's brute-force detection", user.getId());
            return false;
        }
        if (FraudSuspension.isSuspended(user)) {
            VigieEvents.pushRefused(session, realm, context.getConnection(), context.getAuthenticationSession().getClient(), user,
                    VigieEvents.REASON_PUSH_SUSPENDED);
            return false;
        }
        boolean hasDevice = user.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialModel.TYPE)
                .map(DeviceCredentialModel::from)
                .anyMatch(device -> !device.locked());
        if (!hasDevice) {
            LOG.debugf("No push for user %s: no usable enrolled device", user.getId());
            return false;
        }
        // Counted last, so that only pushes really sent use up the practitioner's allowance.
        String policyId = riskPolicyOf(context.getAuthenticationSession());
        PushLimits limits = RiskPolicies.limitsFor(realm,
                PushChallenge.NO_RISK_POLICY.equals(policyId) || PushChallenge.DEFAULT_RISK_POLICY.equals(policyId) ? "" : policyId);
        Optional<PushRateLimiter.Limit> limited = new PushRateLimiter(session)
                .tryAcquire(realm.getId(), user.getId(), context.getConnection().getRemoteAddr(), limits);
        if (limited.isPresent()) {
            VigieEvents.builder(session, realm, context.getConnection()).event(org.keycloak.events.EventType.LOGIN_ERROR)
                    .user(user).client(context.getAuthenticationSession().getClient())
                    .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_RATE_LIMITED)
                    .detail(VigieEvents.DETAIL_LIMIT, limited.get().detail())
                    .error(VigieEvents.REASON_PUSH_RATE_LIMITED);
            RiskAlerts.blocked(session, realm, user, VigieEvents.REASON_PUSH_RATE_LIMITED, java.util.Map.of(
                    "clientName", context.getAuthenticationSession().getClient().getClientId(),
                    "ipAddress", context.getConnection().getRemoteAddr(),
                    "localTime", java.time.Instant.ofEpochMilli(Time.currentTimeMillis()).toString()));
            return false;
        }
        return true;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        ChallengeStore store = new ChallengeStore(context.getSession());
        Optional<PushChallenge> found = currentChallenge(context, store);
        long now = Time.currentTime();

        if (form.containsKey("cancel")) {
            found.ifPresent(challenge -> store.decide(challenge, Decision.CANCELLED, null, now));
            VigieEvents.userQuit(context.getEvent(), "device-approval");
            context.cancelLogin();
            return;
        }
        if (found.isEmpty()) {
            context.failureChallenge(AuthenticationFlowError.EXPIRED_CODE, resultPage(context, "expired"));
            return;
        }
        PushChallenge challenge = found.get();
        Optional<ChallengeStore.DecisionRecord> decision = store.decisionOf(challenge.id());
        if (decision.isEmpty()) {
            if (challenge.expiredAt(now)) {
                store.decide(challenge, Decision.CANCELLED, null, now);
                VigieEvents.loginRefused(context.getEvent().clone().detail(VigieEvents.DETAIL_CHALLENGE, challenge.id()),
                        "challenge_expired");
                context.failureChallenge(AuthenticationFlowError.EXPIRED_CODE, resultPage(context, "expired"));
            } else {
                context.challenge(waitingPage(context, challenge));
            }
            return;
        }
        finish(context, challenge, decision.get());
    }

    private void finish(AuthenticationFlowContext context, PushChallenge challenge, ChallengeStore.DecisionRecord decision) {
        context.getEvent().detail(VigieEvents.DETAIL_CHALLENGE, challenge.id());
        if (!challenge.isDecoy()) {
            context.getEvent().user(challenge.userId());
        }
        switch (decision.decision()) {
            case APPROVED -> approve(context, challenge, decision);
            case DENIED -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_DENIED_ON_DEVICE);
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, resultPage(context, "denied"));
            }
            case FRAUD_REPORTED -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_FRAUD_REPORTED);
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, resultPage(context, "reported"));
            }
            case WRONG_CODE -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_WRONG_CODE);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, resultPage(context, "wrongCode"));
            }
            case OFF_HOURS -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_OFF_HOURS_APPROVAL);
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, resultPage(context, "offHours"));
            }
            case DEVICE_LOCKED -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_DEVICE_LOCKED);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, resultPage(context, "locked"));
            }
            case USER_LOCKED -> {
                context.getEvent().detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_USER_LOCKED);
                context.failureChallenge(AuthenticationFlowError.USER_TEMPORARILY_DISABLED, resultPage(context, "userLocked"));
            }
            default -> context.failureChallenge(AuthenticationFlowError.EXPIRED_CODE, resultPage(context, "expired"));
        }
    }

    private void approve(AuthenticationFlowContext context, PushChallenge challenge, ChallengeStore.DecisionRecord decision) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean sameBrowserTab = challenge.authSessionId().equals(authSession.getParentSession().getId())
                && challenge.tabId().equals(authSession.getTabId());
        UserModel user = challenge.isDecoy() ? null : context.getSession().users().getUserById(context.getRealm(), challenge.userId());
        if (!sameBrowserTab || user == null || !user.isEnabled()) {
            context.getEvent().detail(VigieEvents.DETAIL_REASON, "approval_not_for_this_session");
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, resultPage(context, "expired"));
            return;
        }
        // The practitioner who approved, never the browser's earlier session user (see PractitionerChange).
        PractitionerChange.handOver(context, user);
        context.setUser(user);
        new PushRateLimiter(context.getSession()).succeeded(context.getRealm().getId(), user.getId());
        authSession.setUserSessionNote(NOTE_ACR, ACR_EIDAS1);
        authSession.setUserSessionNote(NOTE_AMR, "pin swk mfa");
        authSession.removeAuthNote(NOTE_CHALLENGE_ID);
        context.getEvent().detail(VigieEvents.DETAIL_DEVICE, decision.deviceId());
        context.success();
    }

    private static Optional<PushChallenge> currentChallenge(AuthenticationFlowContext context, ChallengeStore store) {
        String id = context.getAuthenticationSession().getAuthNote(NOTE_CHALLENGE_ID);
        return id == null ? Optional.empty() : store.find(id);
    }

    private static Response waitingPage(AuthenticationFlowContext context, PushChallenge challenge) {
        String statusUrl = context.getSession().getContext().getUri().getBaseUriBuilder()
                .path("realms").path(context.getRealm().getName()).path(DeviceApiResourceProviderFactory.PROVIDER_ID)
                .path("status").path(challenge.id())
                .queryParam("token", challenge.statusToken())
                .build().toString();
        return form(context)
                .setAttribute("vigieCode", challenge.code())
                .setAttribute("vigieCodeMode", challenge.codeMode().value())
                .setAttribute("vigieClientName", challenge.clientName())
                .setAttribute("vigieExpiresAt", challenge.expiresAt())
                .setAttribute("vigieExpiresIn", Math.max(0, challenge.expiresAt() - Time.currentTime()))
                .setAttribute("vigieStatusUrl", statusUrl)
                .createForm(WAIT_FORM);
    }

    private static Response resultPage(AuthenticationFlowContext context, String outcome) {
        ApprovalConfig config = ApprovalConfig.of(context.getAuthenticatorConfig());
        return form(context)
                .setAttribute("vigieOutcome", outcome)
                .setAttribute("vigieReportContact", config.reportContact())
                .createForm(RESULT_FORM);
    }

    private static LoginFormsProvider form(AuthenticationFlowContext context) {
        return context.form().setAttribute("nationalId", IdentifiedPractitioner.nationalId(context));
    }

    private static String truncate(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    @Override
    public boolean requiresUser() {
        // The identifier step leaves no user on the flow, on purpose: see IdentifierFormAuthenticator.
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
