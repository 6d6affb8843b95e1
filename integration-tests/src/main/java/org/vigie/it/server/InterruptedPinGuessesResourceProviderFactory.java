package org.vigie.it.server;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.util.JsonSerialization;

/**
 * Test server only: leaves a device as a node lost in the middle of PIN checks leaves it, its
 * last allowed guesses counted but never settled (no outcome, no lock), so that the tests can
 * show the device does not stay "busy" for ever. Nothing like it is deployed in Vigie.
 */
public class InterruptedPinGuessesResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "vigie-test-interrupted-pin-guesses";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Resource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    public static class Resource {
        private final KeycloakSession session;

        Resource(KeycloakSession session) {
            this.session = session;
        }

        @POST
        @Path("users/{userId}/devices/{deviceId}")
        @SuppressWarnings("unchecked")
        public Response interrupt(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId,
                                  @QueryParam("count") int count) throws IOException {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, userId);
            CredentialModel credential = user == null ? null : user.credentialManager().getStoredCredentialById(deviceId);
            if (credential == null) {
                return Response.status(404).build();
            }
            Map<String, Object> data = JsonSerialization.readValue(credential.getCredentialData(), Map.class);
            data.put("failedPins", count);
            data.put("lastPinAttemptAt", Time.currentTimeMillis());
            data.put("locked", false);
            credential.setCredentialData(JsonSerialization.writeValueAsString(data));
            user.credentialManager().updateStoredCredential(credential);
            return Response.noContent().build();
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
