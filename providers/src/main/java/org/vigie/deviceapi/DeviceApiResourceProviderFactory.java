package org.vigie.deviceapi;

import org.vigie.challenge.ChallengeUrls;
import org.vigie.challenge.DecisionAnnouncements;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Mounts the device API at {@code /realms/{realm}/vigie-device}. Holds this node's
 * {@link DecisionWatcher} (one per node, like the factory) and subscribes it to the cluster's
 * "challenge decided" events.
 */
public class DeviceApiResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = ChallengeUrls.DEVICE_API;

    private final DecisionWatcher watcher = new DecisionWatcher();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DeviceApiResource(session, watcher);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Once the server is up (database ready): a session opened earlier, during start-up, may
        // find the JPA layer not initialised yet.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    ClusterProvider cluster = session.getProvider(ClusterProvider.class);
                    if (cluster != null) {
                        cluster.registerListener(DecisionAnnouncements.CLUSTER_TASK, watcher::eventReceived);
                    }
                });
            }
        });
    }

    @Override
    public void close() {
    }
}
