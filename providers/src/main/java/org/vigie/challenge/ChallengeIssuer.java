package org.vigie.challenge;

import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.vigie.events.VigieEvents;
import org.vigie.risk.PushRateLimiter;
import org.vigie.risk.RiskPolicies;
import org.vigie.risk.RiskPolicyRef;

/**
 * Creates the challenge of a browser tab: a login (the approval step) or a delegation request.
 * The same work for every identifier, held by a practitioner or not: nothing here reads a user.
 * Whoever holds the identifier sees the challenge on their devices and may decide it there.
 */
public final class ChallengeIssuer {

    /**
     * The last challenge this browser tab created. A client note, since Keycloak keeps those when
     * it restarts the tab's flow (which clears the auth notes): a tab starting again still finds
     * the challenge it replaces. Removed when this step or the delegation step succeeds
     * ({@link #forgetTab}), so that it is not copied into the client session; a tab whose login
     * ends another way (its flow restarted, then the SSO cookie step) keeps it there: a challenge
     * id, which tells nothing and lets nobody decide anything.
     */
    private static final String NOTE_TAB_CHALLENGE = "vigie.tabChallenge";

    private final AuthenticationFlowContext context;
    private final ChallengeStore store;

    public ChallengeIssuer(AuthenticationFlowContext context, ChallengeStore store) {
        this.context = context;
        this.store = store;
    }

    /**
     * Ends this tab's previous challenge (a tab asking again replaces its own, and only its own:
     * logins of other browsers for the identifier are never touched, so a stranger typing a
     * public RPPS cannot cancel a practitioner's login), then issues and stores a new one.
     */
    public PushChallenge issue(String nationalId, ApprovalConfig config, PushChallenge.CodeMode mode, PushChallenge.Purpose purpose) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTime();
        lastOfTab(authSession).ifPresent(previous -> store.decide(previous, Decision.CANCELLED, null, null, now));
        RealmModel realm = context.getRealm();
        int ttl = config.challengeTtlSeconds();
        List<String> choices = mode == PushChallenge.CodeMode.PICK ? ChallengeCodes.pickCodes() : List.of();
        String code = mode == PushChallenge.CodeMode.PICK ? choices.get(0) : claimTypedCode(realm.getId(), nationalId, ttl);
        String ipAddress = context.getConnection().getRemoteAddr();
        RiskPolicyRef riskPolicy = RiskPolicyRef.ofLogin(authSession);
        // The step-up action covers the practitioner's own login, never a delegation.
        boolean stepUp = !purpose.isDelegation() && authSession.getAuthNote(RiskPolicies.NOTE_STEP_UP) != null;
        PushChallenge challenge = new PushChallenge(ChallengeCodes.randomId(), realm.getId(), nationalId, now, now + ttl,
                PushChallenge.Requester.of(authSession.getClient(), ipAddress,
                        context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent")),
                new PushChallenge.Code(mode, code, ChallengeCodes.shuffled(choices)),
                new PushChallenge.BrowserTab(authSession.getParentSession().getId(), authSession.getTabId(), ChallengeCodes.randomId()),
                new PushChallenge.Policy(config.maxPinAttempts(), config.fraudSuspensionMinutes(), config.reportContact(),
                        riskPolicy, stepUp),
                notificationAllowed(nationalId, ipAddress, riskPolicy),
                purpose);
        store.save(challenge, now);
        authSession.setClientNote(NOTE_TAB_CHALLENGE, challenge.id());
        ChallengePush.afterCommit(context.getSession(), challenge, config.push());
        return challenge;
    }

    /** The tab's login or delegation is done: its last challenge is no longer the tab's business. */
    public static void forgetTab(AuthenticationSessionModel authSession) {
        authSession.removeClientNote(NOTE_TAB_CHALLENGE);
    }

    /** This tab's last challenge, and only if it is this tab's (the note is the tab's, the check is cheap). */
    private Optional<PushChallenge> lastOfTab(AuthenticationSessionModel authSession) {
        String id = authSession.getClientNote(NOTE_TAB_CHALLENGE);
        return id == null ? Optional.empty() : store.find(id)
                .filter(c -> c.browser().authSessionId().equals(authSession.getParentSession().getId())
                        && c.browser().tabId().equals(authSession.getTabId()));
    }

    /**
     * A typed code (6 random digits and a check digit) no other pending challenge of this
     * identifier holds, so that the code the practitioner types picks exactly one login. Drawing
     * twice is rare (one in a million per pending login of the identifier).
     */
    private String claimTypedCode(String realmId, String nationalId, int ttlSeconds) {
        for (int attempt = 0; attempt < 32; attempt++) {
            String code = ChallengeCodes.typeCode();
            if (store.claimCode(realmId, nationalId, code, ttlSeconds)) {
                return code;
            }
        }
        throw new IllegalStateException("no free challenge code for an identifier after 32 draws");
    }

    /**
     * Whether this challenge may notify the practitioner's devices. Limits hold back
     * notifications, never the login: the challenge is listed and can be approved from the app
     * either way. Keyed on the identifier and the browser's address, so it costs the same for
     * every identifier.
     */
    private boolean notificationAllowed(String nationalId, String ipAddress, RiskPolicyRef riskPolicy) {
        RealmModel realm = context.getRealm();
        Optional<PushRateLimiter.Limit> limited = new PushRateLimiter(context.getSession())
                .tryAcquire(realm.getId(), nationalId, ipAddress, riskPolicy.limits(realm));
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
}
