package org.vigie.ciba;

import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.vigie.challenge.ChallengeDecided;
import org.vigie.challenge.Decision;
import org.vigie.challenge.PushChallenge;
import org.vigie.common.LoginNotes;
import org.vigie.events.VigieEvents;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.PushRateLimiter;

/**
 * Ends Keycloak's CIBA request when its challenge is decided, the way Keycloak's own callback
 * endpoint does for an external device: an approval marks the request approved (Keycloak's CIBA
 * grant then issues the tokens at the service's next poll), anything else denies it
 * ({@code access_denied}). Runs in the deciding transaction, so the decision and its effect on the
 * request commit together.
 *
 * <p>The approval carries the level reached ({@code acr=eidas1}, {@code amr}) as callback parameters:
 * Keycloak copies them into the client session, where the acr/amr mapper reads them.
 */
final class CibaCompletion implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(CibaCompletion.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof ChallengeDecided decided) || !decided.challenge().ciba()) {
            return;
        }
        KeycloakSession session = decided.session();
        PushChallenge challenge = decided.challenge();
        CibaLinks links = new CibaLinks(session);
        Optional<CibaLinks.Link> link = links.find(challenge.id());
        RealmModel realm = session.realms().getRealm(challenge.realmId());
        if (link.isEmpty() || realm == null) {
            return; // expired meanwhile: Keycloak answers expired_token by itself
        }
        links.remove(challenge.id());
        String authResultId = link.get().authResultId();
        if (decided.decision() == Decision.APPROVED && approvedByTheRequestedPractitioner(session, realm, decided, link.get())) {
            boolean approved = DeviceGrantType.approveUserCode(session, realm, authResultId, challenge.id(), Map.of(
                    LoginNotes.ACR, LoginNotes.ACR_EIDAS1,
                    LoginNotes.AMR, "pin swk mfa",
                    VigieEvents.DETAIL_CHALLENGE, challenge.id(),
                    VigieEvents.DETAIL_DEVICE, decided.deviceId() == null ? "" : decided.deviceId()));
            if (approved) {
                // No address: the service's server is not one of the practitioner's own addresses.
                new PushRateLimiter(session).succeeded(realm.getId(), java.util.Set.of(challenge.nationalId()), null);
            }
            return;
        }
        DeviceGrantType.denyUserCode(session, realm, authResultId);
    }

    /**
     * The device's practitioner is the one Keycloak's request names (its {@code sub}), still enabled
     * and still holding the identifier the service sent.
     */
    private static boolean approvedByTheRequestedPractitioner(KeycloakSession session, RealmModel realm, ChallengeDecided decided,
                                                             CibaLinks.Link link) {
        if (decided.userId() == null || !decided.userId().equals(link.userId())) {
            LOG.warnf("CIBA challenge %s approved by user %s, not the requested one: denied", decided.challenge().id(), decided.userId());
            return false;
        }
        UserModel user = session.users().getUserById(realm, decided.userId());
        return user != null && user.isEnabled()
                && PractitionerLookup.ofBrowserFlow(realm).nationalIds(user).contains(decided.challenge().nationalId());
    }

    /**
     * Denies a request once the transaction storing it has committed (Keycloak stores it after the
     * channel answered): for refusals known at once, told at the service's first poll.
     */
    static void denyAfterCommit(KeycloakSession session, String realmId, String authResultId) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                KeycloakModelUtils.runJobInTransaction(factory, job -> {
                    RealmModel realm = job.realms().getRealm(realmId);
                    if (realm != null && !DeviceGrantType.denyUserCode(job, realm, authResultId)) {
                        LOG.warnf("CIBA request of realm %s could not be denied (gone already)", realmId);
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
