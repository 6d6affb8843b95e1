package org.vigie.it.server;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.util.JsonSerialization;

/**
 * Test-only: stores a device as versions of Vigie before PIN proofs did (the PIN hashed with the
 * realm's password hashing, no proof verifier), so that tests can check such devices keep working
 * and move to PIN proofs. {@code POST /realms/{realm}/vigie-test-legacy-device/users/{userId}?pin=4827}
 * with the device's public P-256 JWK as body. Deployed into the integration-test server only.
 */
public class LegacyDeviceResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "vigie-test-legacy-device";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new LegacyDeviceResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    public static class LegacyDeviceResource {
        private final KeycloakSession session;

        LegacyDeviceResource(KeycloakSession session) {
            this.session = session;
        }

        @POST
        @Path("users/{userId}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Response create(@PathParam("userId") String userId, @QueryParam("pin") String pin, Map<String, Object> jwk)
                throws IOException {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || pin == null || jwk == null) {
                return Response.status(404).build();
            }
            PasswordHashProvider hashing = session.getProvider(PasswordHashProvider.class);
            PasswordCredentialModel encoded = hashing.encodedCredential(pin, realm.getPasswordPolicy().getHashIterations());
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("jwk", jwk);
            device.put("algorithm", "ES256");
            device.put("thumbprint", "legacy");
            device.put("enrolledAt", Time.currentTimeMillis());
            device.put("lastUsedAt", 0);
            device.put("failedPins", 0);
            device.put("locked", false);
            Map<String, Object> pinData = new LinkedHashMap<>();
            pinData.put("credentialData", encoded.getCredentialData());
            pinData.put("secretData", encoded.getSecretData());
            CredentialModel credential = new CredentialModel();
            credential.setType("vigie-device");
            credential.setUserLabel("Phone enrolled before PIN proofs");
            credential.setCreatedDate(Time.currentTimeMillis());
            credential.setCredentialData(JsonSerialization.writeValueAsString(device));
            credential.setSecretData(JsonSerialization.writeValueAsString(pinData));
            CredentialModel stored = user.credentialManager().createStoredCredential(credential);
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("deviceId", stored.getId())).build();
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
