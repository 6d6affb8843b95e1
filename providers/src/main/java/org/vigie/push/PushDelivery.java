package org.vigie.push;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Hands a login's notification to this node's push queue once the login's transaction has
 * committed (the challenge is then in the cluster-wide store for the app to fetch). Nothing here
 * blocks the login page: a full queue drops the push (the app's poll still finds the login).
 */
public final class PushDelivery {

    private static final Logger LOG = Logger.getLogger(PushDelivery.class);

    private PushDelivery() {
    }

    public static void afterCommit(KeycloakSession session, PushRequest request) {
        if (!request.settings().enabled()) {
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                PushProviderFactory provider = (PushProviderFactory) factory.getProviderFactory(PushProvider.class,
                        request.settings().provider());
                if (provider == null) {
                    LOG.warnf("Vigie push: no push provider %s deployed", request.settings().provider());
                    return;
                }
                provider.dispatcher().submit(request);
            }

            @Override
            protected void rollbackImpl() {
                // No login was saved: nothing to announce.
            }
        });
    }
}
