package org.vigie.deviceapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.Decision;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.identifier.PractitionerLookup;

/**
 * A removed device ends the practitioner's pending challenges: each was offered to it, and a
 * device is removed because it is lost, stolen or replaced. Keycloak calls no credential provider
 * when a credential is deleted, so its events are the hook: the Account Console's removal
 * ({@code REMOVE_CREDENTIAL}, which names the credential type) and the admin console's or admin
 * REST's deletion of a user's credential (an admin event on {@code users/{id}/credentials/{id}},
 * which names no type: any credential an operator deletes ends the pending challenges).
 */
public class DeviceRemoval implements EventListenerProvider {

    private static final Pattern CREDENTIAL_PATH = Pattern.compile("users/([^/]+)/credentials/([^/]+)");

    private final KeycloakSession session;

    public DeviceRemoval(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == EventType.REMOVE_CREDENTIAL && event.getDetails() != null
                && DeviceCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
            endPendingChallenges(event.getRealmId(), event.getUserId());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourcePath() == null || (event.getOperationType() != OperationType.DELETE
                && event.getOperationType() != OperationType.ACTION)) {
            return;
        }
        Matcher path = CREDENTIAL_PATH.matcher(event.getResourcePath());
        if (path.matches()) {
            endPendingChallenges(event.getRealmId(), path.group(1));
        }
    }

    /**
     * In a transaction of its own: Keycloak may hand events to listeners after the request's own
     * transaction completed, when work enlisted in it would never commit.
     */
    private void endPendingChallenges(String realmId, String userId) {
        if (realmId == null || userId == null) {
            return;
        }
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            s.getContext().setRealm(realm);
            UserModel user = s.users().getUserById(realm, userId);
            if (user == null) {
                return;
            }
            ChallengeStore store = new ChallengeStore(s);
            long now = Time.currentTime();
            store.listed(realm.getId(), PractitionerLookup.ofBrowserFlow(realm).nationalIds(user)).stream()
                    .filter(c -> !c.expiredAt(now))
                    .forEach(c -> store.decide(c, Decision.CANCELLED, null, null, now));
        });
    }

    @Override
    public void close() {
    }
}
