package org.vigie.challenge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.common.LoginNotes;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;
import org.vigie.identifier.PractitionerChange;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.PushRateLimiter;

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
        // its own challenge, and only its own (see ChallengeIssuer).
        ApprovalConfig config = ApprovalConfig.of(context.getAuthenticatorConfig());
        PushChallenge challenge = new ChallengeIssuer(context, store)
                .issue(nationalId, config, config.codeMode(), PushChallenge.Purpose.login());
        context.getAuthenticationSession().setAuthNote(NOTE_CHALLENGE_ID, challenge.id());
        context.challenge(waitingPage(context, challenge));
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
        boolean sameBrowserTab = challenge.browser().authSessionId().equals(authSession.getParentSession().getId())
                && challenge.browser().tabId().equals(authSession.getTabId());
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
        new PushRateLimiter(context.getSession()).succeeded(context.getRealm().getId(), nationalIds, challenge.requester().ipAddress());
        authSession.setUserSessionNote(LoginNotes.ACR, LoginNotes.ACR_EIDAS1);
        authSession.setUserSessionNote(LoginNotes.AMR, "pin swk mfa");
        authSession.removeAuthNote(NOTE_CHALLENGE_ID);
        ChallengeIssuer.forgetTab(authSession);
        context.getEvent().detail(VigieEvents.DETAIL_DEVICE, decision.deviceId());
        context.success();
    }

    private static Optional<PushChallenge> currentChallenge(AuthenticationFlowContext context, ChallengeStore store) {
        String id = context.getAuthenticationSession().getAuthNote(NOTE_CHALLENGE_ID);
        return id == null ? Optional.empty() : store.find(id);
    }

    private static Response waitingPage(AuthenticationFlowContext context, PushChallenge challenge) {
        return form(context)
                .setAttribute("vigieCode", challenge.code().value())
                .setAttribute("vigieCodeMode", challenge.code().mode().value())
                .setAttribute("vigieClientName", challenge.requester().clientName())
                .setAttribute("vigieExpiresAt", challenge.expiresAt())
                .setAttribute("vigieExpiresIn", Math.max(0, challenge.expiresAt() - Time.currentTime()))
                .setAttribute("vigieStatusUrl", ChallengeUrls.statusUrl(context.getSession(), context.getRealm(), challenge))
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
