package org.vigie.identifier;

import org.vigie.common.LoginNotes;
import org.vigie.common.PractitionerMail;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.vigie.events.VigieEvents;
import org.vigie.common.ClientAddresses;
import org.vigie.common.SlidingWindowSlots;

/**
 * Self-service enrolment from the login page: a practitioner without a phone (or with a new one)
 * asks for a link, sent to the verified e-mail address the directory holds. The link is
 * Keycloak's own signed action token carrying the required action {@code vigie-enrol-device},
 * whose page shows the activation code: having the mailbox is what proves the practitioner.
 *
 * <p>The page answers the same whatever the identifier; at most one link per identifier per
 * {@link #SPACING_SECONDS}, counted cluster-wide for known and unknown identifiers alike.
 */
public final class EnrolmentLinks {

    public static final int SPACING_SECONDS = 15 * 60;
    /** Links one address may ask for per {@link #SPACING_SECONDS}, whatever the identifiers: no mail bombing. */
    public static final int MAX_PER_ADDRESS = 10;
    public static final String TEMPLATE = "vigie-enrol-link.ftl";

    private EnrolmentLinks() {
    }

    /**
     * Sends the link when a practitioner holds the identifier and may receive one; silent otherwise.
     * {@code client} is the relying party of the login the request comes from.
     */
    public static void request(KeycloakSession session, RealmModel realm, ClientConnection connection, ClientModel client,
                               String nationalId, UserModel user, int lifespanSeconds) {
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        if (!addressMayAsk(store, realm, connection.getRemoteAddr())
                || !store.putIfAbsent("vigie.enrol-link." + realm.getId() + "." + nationalId, SPACING_SECONDS)) {
            return;
        }
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(LoginNotes.ENROL_DEVICE_ACTION);
        if (user == null || !user.isEnabled() || user.getEmail() == null || !user.isEmailVerified()
                || action == null || !action.isEnabled()) {
            return;
        }
        int expiresAt = Time.currentTime() + lifespanSeconds;
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(), expiresAt,
                List.of(LoginNotes.ENROL_DEVICE_ACTION), null, client.getClientId());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .queryParam("client_id", client.getClientId())
                .build(realm.getName()).toString();
        boolean sent = PractitionerMail.send(session, realm, user, TEMPLATE, "vigieEnrolLinkSubject", Map.of(
                "link", link,
                "linkExpirationMinutes", TimeUnit.SECONDS.toMinutes(lifespanSeconds),
                "identifier", nationalId,
                "ipAddress", connection.getRemoteAddr()));
        if (!sent) {
            return;
        }
        VigieEvents.builder(session, realm, connection).event(EventType.EXECUTE_ACTIONS).user(user).client(client)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_ENROLMENT_LINK_SENT)
                .detail("expires_at", Integer.toString(expiresAt))
                .success();
    }

    private static boolean addressMayAsk(SingleUseObjectProvider store, RealmModel realm, String address) {
        return SlidingWindowSlots.claim(store, "vigie.enrol-link-ip." + realm.getId() + "." + ClientAddresses.limitKey(address), MAX_PER_ADDRESS, SPACING_SECONDS);
    }
}
