package org.vigie.it.server;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only: moves Keycloak's clock ({@link Time#setOffset}) so tests can reach an expiry or a
 * night hour without waiting. Deployed into the integration-test server only, never shipped.
 * {@code PUT /realms/master/vigie-test-clock/offset?seconds=N}.
 */
public class TestClockResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "vigie-test-clock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new TestClockResource();
            }

            @Override
            public void close() {
            }
        };
    }

    public static class TestClockResource {
        @PUT
        @Path("offset")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Object> set(@QueryParam("seconds") int offset) {
            Time.setOffset(offset);
            return Map.of("offset", Time.getOffset(), "now", Time.currentTime());
        }

        @GET
        @Path("offset")
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Object> get() {
            return Map.of("offset", Time.getOffset(), "now", Time.currentTime());
        }
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
    }

    @Override
    public void close() {
    }
}
