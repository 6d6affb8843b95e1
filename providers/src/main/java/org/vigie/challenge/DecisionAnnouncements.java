package org.vigie.challenge;

import java.util.Map;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.cache.infinispan.events.AuthenticationSessionAuthNoteUpdateEvent;

/**
 * "This challenge was decided", told to every node once the decision's transaction committed,
 * with Keycloak's own cluster events, so that the node holding the waiting browser answers it at
 * once. The event is one Keycloak's cluster already knows how to marshal; it carries the challenge
 * id in place of an authentication session id.
 */
public final class DecisionAnnouncements {

    /** Cluster task of "challenge decided" events. */
    public static final String CLUSTER_TASK = "vigie-challenge-decided";

    private DecisionAnnouncements() {
    }

    /** The challenge an announcement names, or null for an event of another kind. */
    public static String challengeId(org.keycloak.cluster.ClusterEvent event) {
        return event instanceof AuthenticationSessionAuthNoteUpdateEvent decided ? decided.getAuthSessionId() : null;
    }

    static void afterCommit(KeycloakSession session, String challengeId) {
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        if (cluster == null) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                cluster.notify(CLUSTER_TASK, AuthenticationSessionAuthNoteUpdateEvent.create(challengeId, "", Map.of()),
                        false, ClusterProvider.DCNotify.ALL_DCS);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
