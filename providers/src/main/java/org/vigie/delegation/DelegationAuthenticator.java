package org.vigie.delegation;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.challenge.ChallengeCodes;
import org.vigie.challenge.ChallengeIssuer;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.Decision;
import org.vigie.common.LoginNotes;
import org.vigie.challenge.PushChallenge;
import org.vigie.common.DelegationNotes;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.IdentifiedPractitioner;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.PushRateLimiter;

/**
 * After the assistant's own approval: "Saisir pour un praticien". The assistant names the
 * practitioner; the practitioner, beside them, approves on their own device with their PIN and
 * the code shown here. Then the flow's user becomes the practitioner and the session carries
 * {@link DelegationNotes} naming the assistant. Offered only to users holding {@link #ROLE}, for
 * clients that request the {@link #SCOPE} scope; everyone else goes through untouched.
 */
public class DelegationAuthenticator implements Authenticator {

    public static final String SCOPE = "vigie-delegation";
    public static final String ROLE = "vigie-assistant";
    static final String OFFER_FORM = "vigie-delegation-offer.ftl";
    static final String WAIT_FORM = "vigie-delegation-wait.ftl";
    static final String RESULT_FORM = "vigie-delegation-result.ftl";
    static final String NOTE_CHALLENGE_ID = "vigie.delegation.challengeId";
    static final String NOTE_MINUTES = "vigie.delegation.minutes";
    /** The assistant, while this step's pages are shown: not the flow's user then (see authenticate). */
    static final String NOTE_ASSISTANT = "vigie.delegation.assistantId";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!offered(context)) {
            context.success();
            return;
        }
        // Until the step ends, the flow holds no user: Keycloak's pages would show a user's
        // "attempted username" box, and the user set at the end is the one the step decides
        // (the assistant, or the practitioner who approved).
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(NOTE_ASSISTANT, context.getUser().getId());
        authSession.setAuthenticatedUser(null);
        context.challenge(DelegationPages.offer(context, null, null));
    }

    /** The assistant signed in by the steps before. */
    static UserModel assistant(AuthenticationFlowContext context) {
        String id = context.getAuthenticationSession().getAuthNote(NOTE_ASSISTANT);
        return id == null ? context.getUser() : context.getSession().users().getUserById(context.getRealm(), id);
    }

    /** The client asked for delegated sessions (its own scope, requested) and the user is an assistant. */
    static boolean offered(AuthenticationFlowContext context) {
        UserModel user = assistant(context);
        ClientModel client = context.getAuthenticationSession().getClient();
        String scope = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.SCOPE_PARAM);
        boolean requested = scope != null && Set.of(scope.trim().split("\\s+")).contains(SCOPE)
                && (client.getClientScopes(true).containsKey(SCOPE) || client.getClientScopes(false).containsKey(SCOPE));
        RoleModel role = context.getRealm().getRole(ROLE);
        return requested && user != null && role != null && user.hasRole(role);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        ChallengeStore store = new ChallengeStore(context.getSession());
        if (form.containsKey("cancel")) {
            current(context, store).ifPresent(c -> store.decide(c, Decision.CANCELLED, null, null, Time.currentTime()));
            VigieEvents.userQuit(context.getEvent(), "delegation");
            context.cancelLogin();
            return;
        }
        if (!offered(context) || form.containsKey("self")) {
            // The assistant goes on in their own name: their own tokens, no act.
            current(context, store).ifPresent(c -> store.decide(c, Decision.CANCELLED, null, null, Time.currentTime()));
            UserModel assistant = assistant(context);
            if (assistant != null && context.getUser() == null) {
                context.setUser(assistant);
            }
            context.getAuthenticationSession().removeAuthNote(NOTE_ASSISTANT);
            ChallengeIssuer.forgetTab(context.getAuthenticationSession());
            context.success();
            return;
        }
        if (form.containsKey("delegate")) {
            request(context, store, form);
        } else if (form.containsKey("back") || context.getAuthenticationSession().getAuthNote(NOTE_CHALLENGE_ID) == null) {
            current(context, store).ifPresent(c -> store.decide(c, Decision.CANCELLED, null, null, Time.currentTime()));
            context.getAuthenticationSession().removeAuthNote(NOTE_CHALLENGE_ID);
            context.challenge(DelegationPages.offer(context, null, null));
        } else {
            // The waiting page's script submits the form without a button: a check, as "check" is.
            check(context, store);
        }
    }

    private void request(AuthenticationFlowContext context, ChallengeStore store, MultivaluedMap<String, String> form) {
        String typed = form.getFirst("practitioner");
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(typed);
        if (!parsed.valid()) {
            context.challenge(DelegationPages.offer(context, typed, "vigieDelegationIdentifierInvalid"));
            return;
        }
        UserModel assistant = assistant(context);
        String nationalId = parsed.identifier().nationalId();
        if (PractitionerLookup.ofBrowserFlow(context.getRealm()).nationalIds(assistant).contains(nationalId)
                || nationalId.equals(IdentifiedPractitioner.nationalId(context))) {
            context.challenge(DelegationPages.offer(context, typed, "vigieDelegationSelf_error"));
            return;
        }
        DelegationSettings settings = DelegationSettings.of(context.getAuthenticatorConfig());
        Integer minutes = minutes(form.getFirst("duration"));
        if (minutes == null || !settings.choices().contains(minutes)) {
            context.challenge(DelegationPages.offer(context, typed, "vigieDelegationDurationInvalid"));
            return;
        }
        if (!DelegationRequest.allowedNow(context, parsed.identifier())) {
            refused(context, nationalId, null, VigieEvents.REASON_OFF_HOURS_PUSH, "offHours");
            return;
        }
        long until = Time.currentTime() + minutes * 60L;
        PushChallenge challenge = DelegationRequest.create(context, store, nationalId, DelegationPages.displayName(assistant), until);
        context.getAuthenticationSession().setAuthNote(NOTE_CHALLENGE_ID, challenge.id());
        context.getAuthenticationSession().setAuthNote(NOTE_MINUTES, Integer.toString(minutes));
        context.challenge(DelegationPages.waiting(context, challenge));
    }

    private void check(AuthenticationFlowContext context, ChallengeStore store) {
        Optional<PushChallenge> found = current(context, store);
        if (found.isEmpty()) {
            context.challenge(DelegationPages.result(context, "expired", null));
            return;
        }
        PushChallenge challenge = found.get();
        Optional<ChallengeStore.DecisionRecord> decision = store.decisionOf(challenge.id());
        if (decision.isEmpty()) {
            if (!challenge.expiredAt(Time.currentTime())) {
                context.challenge(DelegationPages.waiting(context, challenge));
                return;
            }
            store.decide(challenge, Decision.CANCELLED, null, null, Time.currentTime());
            refused(context, challenge.nationalId(), null, "delegation_expired", "expired");
            return;
        }
        String userId = decision.get().userId();
        switch (decision.get().decision()) {
            case APPROVED -> open(context, challenge, decision.get());
            case DENIED -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_DENIED_ON_DEVICE, "denied");
            case FRAUD_REPORTED -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_FRAUD_REPORTED, "reported");
            case WRONG_CODE -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_WRONG_CODE, "wrongCode");
            case OFF_HOURS -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_OFF_HOURS_APPROVAL, "offHours");
            case DEVICE_LOCKED -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_DEVICE_LOCKED, "locked");
            case USER_LOCKED -> refused(context, challenge.nationalId(), userId, VigieEvents.REASON_USER_LOCKED, "userLocked");
            default -> context.challenge(DelegationPages.result(context, "expired", null));
        }
    }

    /** The practitioner approved: from here on, the flow's user is the practitioner. */
    private void open(AuthenticationFlowContext context, PushChallenge challenge, ChallengeStore.DecisionRecord decision) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel assistant = assistant(context);
        UserModel practitioner = decision.userId().isEmpty() ? null : session.users().getUserById(realm, decision.userId());
        Set<String> nationalIds = practitioner == null ? Set.of() : PractitionerLookup.ofBrowserFlow(realm).nationalIds(practitioner);
        boolean sameTab = challenge.browser().authSessionId().equals(authSession.getParentSession().getId())
                && challenge.browser().tabId().equals(authSession.getTabId());
        if (!sameTab || practitioner == null || !practitioner.isEnabled() || !nationalIds.contains(challenge.nationalId())
                || practitioner.getId().equals(assistant.getId())) {
            refused(context, challenge.nationalId(), null, "approval_not_for_this_session", "expired");
            return;
        }
        DelegationNotes delegation = new DelegationNotes(ChallengeCodes.randomId(), assistant.getId(),
                nonNull(IdentifiedPractitioner.nationalId(context)), DelegationPages.displayName(assistant),
                authSession.getClient().getClientId(), challenge.purpose().delegatedUntil(), ChallengeCodes.randomId());
        // The flow's user was cleared when the step began (Keycloak refuses to replace one: USER_CONFLICT).
        authSession.setAuthenticatedUser(null);
        context.setUser(practitioner);
        authSession.removeAuthNote(NOTE_ASSISTANT);
        authSession.setUserSessionNote(DelegationNotes.ID, delegation.id());
        authSession.setUserSessionNote(DelegationNotes.ASSISTANT_ID, delegation.assistantId());
        authSession.setUserSessionNote(DelegationNotes.ASSISTANT_IDENTIFIER, delegation.assistantIdentifier());
        authSession.setUserSessionNote(DelegationNotes.ASSISTANT_NAME, delegation.assistantName());
        authSession.setUserSessionNote(DelegationNotes.CLIENT_ID, delegation.clientId());
        authSession.setUserSessionNote(DelegationNotes.UNTIL, Long.toString(delegation.until()));
        authSession.setUserSessionNote(DelegationNotes.END_TOKEN, delegation.endToken());
        String amr = authSession.getUserSessionNotes().getOrDefault(LoginNotes.AMR, "");
        authSession.setUserSessionNote(LoginNotes.AMR, (amr + " " + DelegationNotes.AMR_DELEGATION).trim());
        authSession.removeAuthNote(NOTE_CHALLENGE_ID);
        ChallengeIssuer.forgetTab(authSession);
        new PushRateLimiter(session).succeeded(realm.getId(), nationalIds, challenge.requester().ipAddress());

        Delegations.event(session, realm, context.getConnection(), EventType.IMPERSONATE, practitioner, delegation)
                .detail(VigieEvents.DETAIL_REASON, Delegations.REASON_OPENED)
                .detail(VigieEvents.DETAIL_CHALLENGE, challenge.id())
                .detail(VigieEvents.DETAIL_DEVICE, decision.deviceId())
                .success();
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("assistantName", delegation.assistantName());
        mail.put("clientName", challenge.requester().clientName());
        mail.put("until", DelegationPages.untilText(context, delegation.until()));
        mail.put("ipAddress", challenge.requester().ipAddress());
        Delegations.mailFirstOfDay(session, realm, practitioner, DelegationRequest.zone(context), mail);
        context.getEvent().user(practitioner).detail(Delegations.DETAIL_DELEGATION, delegation.id())
                .detail(Delegations.DETAIL_ASSISTANT, assistant.getId());
        context.success();
    }

    /** A refusal page the assistant can leave for another request, their own name, or the service. */
    private void refused(AuthenticationFlowContext context, String nationalId, String practitionerId, String reason, String outcome) {
        var event = context.getEvent().clone().event(EventType.LOGIN_ERROR)
                .detail(VigieEvents.DETAIL_REASON, Delegations.REASON_REFUSED)
                .detail("vigie_refusal", reason)
                .detail(Delegations.DETAIL_ASSISTANT, assistant(context).getId())
                .detail("vigie_practitioner_identifier", nationalId);
        if (practitionerId != null && !practitionerId.isEmpty()) {
            event.user(practitionerId);
        }
        event.error(Delegations.REASON_REFUSED);
        context.getAuthenticationSession().removeAuthNote(NOTE_CHALLENGE_ID);
        context.challenge(DelegationPages.result(context, outcome, nationalId));
    }

    private static Optional<PushChallenge> current(AuthenticationFlowContext context, ChallengeStore store) {
        String id = context.getAuthenticationSession().getAuthNote(NOTE_CHALLENGE_ID);
        return id == null ? Optional.empty() : store.find(id);
    }

    private static Integer minutes(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    @Override
    public boolean requiresUser() {
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
