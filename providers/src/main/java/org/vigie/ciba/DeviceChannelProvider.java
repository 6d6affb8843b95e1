package org.vigie.ciba;

import java.util.List;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.CIBAAuthenticationRequest;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeCodes;
import org.vigie.challenge.ChallengePush;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.PushChallenge;
import org.vigie.common.ClientNames;
import org.vigie.events.VigieEvents;
import org.vigie.risk.PushRateLimiter;

/**
 * Keycloak's CIBA authentication channel, played by the practitioner's enrolled device: instead of
 * calling an external device over HTTP, a backchannel request becomes a Vigie challenge for the
 * national identifier of {@code login_hint}, listed by the practitioner's devices and decided
 * through the device API like a browser login. {@link CibaCompletion} then ends Keycloak's request.
 *
 * <p>The code: the {@code binding_message} is a Vigie code (six digits and their Luhn key, shown by
 * the service), checked and claimed for the identifier by {@link CibaCodeClaim}; the practitioner
 * types it in the app, where it is never shown, and approves by code even when the list is full.
 *
 * <p>Every identifier costs the same here, held by a practitioner or not; a refusal (hours, an
 * unreadable policy) is told at the service's next poll as {@code access_denied}.
 */
public class DeviceChannelProvider implements AuthenticationChannelProvider {

    private final KeycloakSession session;

    public DeviceChannelProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean requestAuthentication(CIBAAuthenticationRequest request, String nationalId) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = request.getClient();
        UserModel user = request.getUser();
        UserModel practitioner = user instanceof UnknownPractitioner ? null : user;
        String ipAddress = session.getContext().getConnection().getRemoteAddr();
        long now = Time.currentTime();
        CibaRisk risk = CibaRisk.of(realm);

        Optional<String> refused = risk.refusalNow(session, realm, practitioner, ClientNames.display(client), ipAddress);
        if (refused.isPresent()) {
            refuse(realm, client, nationalId, practitioner, refused.get(), request.getAuthResultId());
            return true;
        }
        ApprovalConfig approval = ApprovalConfig.ofBrowserFlow(realm);
        long expiresAt = Math.min(request.getExp() == null ? Long.MAX_VALUE : request.getExp(),
                now + Math.min(realm.getCibaPolicy().getExpiresIn(), ApprovalConfig.MAX_TTL));
        ChallengeStore store = new ChallengeStore(session);
        String code = request.getBindingMessage();
        if (!CibaCodeClaim.claimed(session, nationalId, code)) {
            // Not the code checked when login_hint was resolved (CibaCodeClaim reads it as Keycloak does):
            // should never happen, and never a login without its claimed code if it did.
            refuse(realm, client, nationalId, practitioner, "ciba_code_not_claimed", request.getAuthResultId());
            return true;
        }
        PushChallenge challenge = new PushChallenge(ChallengeCodes.randomId(), realm.getId(), nationalId, now, expiresAt,
                PushChallenge.Requester.of(client, ipAddress, session.getContext().getRequestHeaders().getHeaderString("User-Agent")),
                new PushChallenge.Code(PushChallenge.CodeMode.TYPE, code, List.of()),
                // No browser waits: the tab is Keycloak's request, which only this package reads.
                new PushChallenge.BrowserTab("ciba", request.getAuthResultId(), ChallengeCodes.randomId()),
                new PushChallenge.Policy(approval.maxPinAttempts(), approval.fraudSuspensionMinutes(), approval.reportContact(),
                        risk.ref(), false),
                notificationAllowed(realm, client, nationalId, risk),
                PushChallenge.Purpose.ciba(""));
        store.save(challenge, now);
        // Wakes the practitioner's phones as a browser login does (once committed, if the limits let it).
        ChallengePush.afterCommit(session, challenge, approval.push());
        new CibaLinks(session).save(challenge.id(),
                new CibaLinks.Link(request.getAuthResultId(), user.getId(), client.getClientId()), expiresAt - now);
        return true;
    }

    /** Push limits keyed on the identifier and the service (not its address, shared by all at its kiosks). */
    private boolean notificationAllowed(RealmModel realm, ClientModel client, String nationalId, CibaRisk risk) {
        Optional<PushRateLimiter.Limit> limited = new PushRateLimiter(session).tryAcquireForService(realm.getId(), nationalId,
                client.getClientId(), risk.limits(realm));
        if (limited.isEmpty()) {
            return true;
        }
        VigieEvents.builder(session, realm, session.getContext().getConnection()).event(EventType.LOGIN_ERROR).client(client)
                .detail(Details.USERNAME, nationalId)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_PUSH_RATE_LIMITED)
                .detail(VigieEvents.DETAIL_LIMIT, limited.get().detail())
                .error(VigieEvents.REASON_PUSH_RATE_LIMITED);
        return false;
    }

    private void refuse(RealmModel realm, ClientModel client, String nationalId, UserModel practitioner, String reason,
                        String authResultId) {
        var event = VigieEvents.builder(session, realm, session.getContext().getConnection()).event(EventType.LOGIN_ERROR)
                .client(client).detail(Details.USERNAME, nationalId).detail(VigieEvents.DETAIL_REASON, reason);
        if (practitioner != null) {
            event.user(practitioner);
        }
        event.error(reason);
        CibaCompletion.denyAfterCommit(session, realm.getId(), authResultId);
    }

    @Override
    public void close() {
    }
}
