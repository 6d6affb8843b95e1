package org.vigie.challenge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.common.LoginNotes;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;
import org.vigie.identifier.PractitionerChange;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.PushLimits;
import org.vigie.risk.PushRateLimiter;
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


    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ChallengeStore store = new ChallengeStore(context.getSession());
        String nationalId = IdentifiedPractitioner.nationalId(context);
        Optional<PushChallenge> current = currentChallenge(context, store);
        if (current.isPresent() && current.get().nationalId().equals(nationalId) && !store.isDecided(current.get().id())
                && !current.get().expiredAt(Time.currentTime())) {
            context.challenge(waitingPage(context, current.get()));
            return;
        }
        // This browser tab starts again (another identifier, or its challenge ended): it replaces
        // its own challenge, and only its own. Logins of other browsers for the same identifier
        // are never touched, so a stranger typing a public RPPS cannot cancel a practitioner's login.
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        store.lastOfTab(authSession.getParentSession().getId(), authSession.getTabId())
                .ifPresent(previous -> store.decide(previous, Decision.CANCELLED, null, null, Time.currentTime()));
        PushChallenge challenge = createChallenge(context, store, nationalId, ApprovalConfig.of(context.getAuthenticatorConfig()));
        context.challenge(waitingPage(context, challenge));
    }

    /**
     * The same work for every identifier, held by a practitioner or not: nothing here reads a user.
     * Whoever holds the identifier sees the challenge on their devices and may decide it there.
     */
    private PushChallenge createChallenge(AuthenticationFlowContext context, ChallengeStore store, String nationalId,
                                          ApprovalConfig config) {
        long now = Time.currentTime();
        String realmId = context.getRealm().getId();
        String ipAddress = context.getConnection().getRemoteAddr();
        List<String> choices = config.codeMode() == PushChallenge.CodeMode.PICK ? ChallengeCodes.pickCodes() : List.of();
        String code = config.codeMode() == PushChallenge.CodeMode.PICK ? choices.get(0)
                : claimTypedCode(store, realmId, nationalId, config.challengeTtlSeconds());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ClientModel client = authSession.getClient();
        String riskPolicy = riskPolicyOf(authSession);
        boolean notified = notificationAllowed(context, nationalId, ipAddress, riskPolicy);
        PushChallenge challenge = new PushChallenge(
                ChallengeCodes.randomId(),
                realmId,
                nationalId,
                client.getClientId(),
                client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName(),
                now,
                now + config.challengeTtlSeconds(),
                ipAddress,
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
                riskPolicy,
                authSession.getAuthNote(RiskPolicies.NOTE_STEP_UP) != null,
                notified);
        store.save(challenge, now);
        ChallengePush.afterCommit(context.getSession(), challenge, config.push());
        authSession.setAuthNote(NOTE_CHALLENGE_ID, challenge.id());
        return challenge;
    }

    /**
     * A typed code (6 random digits and a check digit) no other pending challenge of this identifier holds, so that the code the
     * practitioner types picks exactly one login. Drawing twice is rare (one in a million per
     * pending login of the identifier).
     */
    private static String claimTypedCode(ChallengeStore store, String realmId, String nationalId, int ttlSeconds) {
        for (int attempt = 0; attempt < 32; attempt++) {
            String code = ChallengeCodes.typeCode();
            if (store.claimCode(realmId, nationalId, code, ttlSeconds)) {
                return code;
            }
        }
        throw new IllegalStateException("no free challenge code for an identifier after 32 draws");
    }

    private static String riskPolicyOf(AuthenticationSessionModel authSession) {
        String configId = authSession.getAuthNote(RiskPolicies.NOTE_POLICY_CONFIG);
        if (configId == null) {
            return PushChallenge.NO_RISK_POLICY;
        }
        return configId.isEmpty() ? PushChallenge.DEFAULT_RISK_POLICY : configId;
    }

    /**
     * Whether this login may notify the practitioner's devices. Limits hold back notifications,
     * never the login: the challenge is listed and can be approved from the app either way. Keyed
     * on the identifier and the browser's address, so it costs the same for every identifier.
     */
    private static boolean notificationAllowed(AuthenticationFlowContext context, String nationalId, String ipAddress,
                                               String policyId) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        PushLimits limits = RiskPolicies.limitsFor(realm,
                PushChallenge.NO_RISK_POLICY.equals(policyId) || PushChallenge.DEFAULT_RISK_POLICY.equals(policyId) ? "" : policyId);
        Optional<PushRateLimiter.Limit> limited = new PushRateLimiter(session).tryAcquire(realm.getId(), nationalId, ipAddress, limits);
        if (limited.isEmpty()) {
            return true;
        }
        VigieEvents.builder(session, realm, context.getConnection()).event(EventType.LOGIN_ERROR)
                .client(context.getAuthenticationSession().getClient())
                .detail(Details.USERNAME, nationalId)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_RATE_LIMITED)
                .detail(VigieEvents.DETAIL_LIMIT, limited.get().detail())
                .error(VigieEvents.REASON_PUSH_RATE_LIMITED);
        return false;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        ChallengeStore store = new ChallengeStore(context.getSession());
        Optional<PushChallenge> found = currentChallenge(context, store);
        long now = Time.currentTime();

        if (form.containsKey("cancel")) {
            found.ifPresent(challenge -> store.decide(challenge, Decision.CANCELLED, null, null, now));
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
                store.decide(challenge, Decision.CANCELLED, null, null, now);
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
        if (!decision.userId().isEmpty()) {
            context.getEvent().user(decision.userId());
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
        UserModel user = decision.userId().isEmpty() ? null
                : context.getSession().users().getUserById(context.getRealm(), decision.userId());
        PractitionerLookup lookup = PractitionerLookup.ofBrowserFlow(context.getRealm());
        // The device's practitioner must still hold the identifier typed in this browser.
        Set<String> nationalIds = user == null ? Set.of() : lookup.nationalIds(user);
        if (!sameBrowserTab || user == null || !user.isEnabled() || !nationalIds.contains(challenge.nationalId())) {
            context.getEvent().detail(VigieEvents.DETAIL_REASON, "approval_not_for_this_session");
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, resultPage(context, "expired"));
            return;
        }
        // The practitioner who approved, never the browser's earlier session user (see PractitionerChange).
        PractitionerChange.handOver(context, user);
        context.setUser(user);
        new PushRateLimiter(context.getSession()).succeeded(context.getRealm().getId(), nationalIds, challenge.ipAddress());
        authSession.setUserSessionNote(LoginNotes.ACR, LoginNotes.ACR_EIDAS1);
        authSession.setUserSessionNote(LoginNotes.AMR, "pin swk mfa");
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
