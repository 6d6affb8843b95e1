package org.vigie.delegation;

import java.time.ZoneId;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeIssuer;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.PushChallenge;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.RiskPolicyRef;

/**
 * The challenge asking a practitioner to let an assistant act in their name: an ordinary Vigie
 * challenge for the practitioner's identifier (same store, same device API, same risk policy), with
 * the purpose, the assistant's name and the end time for the app to show. Like a login, it does the
 * same work whoever holds the identifier, or nobody: an unknown practitioner simply never answers.
 */
final class DelegationRequest {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private DelegationRequest() {
    }

    /**
     * Whether the policy lets the practitioner approve now. Inside the windows nobody is looked up;
     * outside, the practitioner's on-call exceptions count, as for their own login.
     */
    static boolean allowedNow(AuthenticationFlowContext context, NationalIdentifier practitioner) {
        RealmModel realm = context.getRealm();
        return RiskPolicyRef.ofLogin(context.getAuthenticationSession()).allowsApprovalNow(realm,
                () -> PractitionerLookup.ofBrowserFlow(realm).findUser(context.getSession(), realm, practitioner));
    }

    /** The time zone the risk policy works in (the end time is shown in it). */
    static ZoneId zone(AuthenticationFlowContext context) {
        return RiskPolicyRef.ofLogin(context.getAuthenticationSession()).zone(context.getRealm(), DEFAULT_ZONE);
    }

    /** Always a typed code: the practitioner types, on their phone, the code on the assistant's screen. */
    static PushChallenge create(AuthenticationFlowContext context, ChallengeStore store, String nationalId,
                                String assistantName, long until) {
        return new ChallengeIssuer(context, store).issue(nationalId, ApprovalConfig.ofBrowserFlow(context.getRealm()),
                PushChallenge.CodeMode.TYPE, PushChallenge.Purpose.delegation(assistantName, until));
    }
}
