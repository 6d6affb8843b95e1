package org.vigie.it.server;

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
 * Test-only: stores an activation code as earlier versions of Vigie did (hashed with the realm's
 * password hashing, no HMAC), so that tests can check such outstanding codes still work.
 * {@code POST /realms/{realm}/vigie-test-legacy-code/users/{userId}?code=K7QXM2PA9DZT}.
 * Deployed into the integration-test server only, never shipped.
 */
public class LegacyActivationCodeResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "vigie-test-legacy-code";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new LegacyCodeResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    public static class LegacyCodeResource {
        private final KeycloakSession session;

        LegacyCodeResource(KeycloakSession session) {
            this.session = session;
        }

        @POST
        @Path("users/{userId}")
        @Produces(MediaType.APPLICATION_JSON)
        public Response create(@PathParam("userId") String userId, @QueryParam("code") String code) throws IOException {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || code == null) {
                return Response.status(404).build();
            }
            PasswordHashProvider hashing = session.getProvider(PasswordHashProvider.class);
            PasswordCredentialModel encoded = hashing.encodedCredential(code, realm.getPasswordPolicy().getHashIterations());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("expiresAt", Time.currentTime() + 600);
            data.put("attempts", 0);
            data.put("maxAttempts", 5);
            data.put("hashCredentialData", encoded.getCredentialData());
            CredentialModel credential = new CredentialModel();
            credential.setType("vigie-activation-code");
            credential.setUserLabel("Activation code (legacy format)");
            credential.setCreatedDate(Time.currentTimeMillis());
            credential.setCredentialData(JsonSerialization.writeValueAsString(data));
            credential.setSecretData(encoded.getSecretData());
            user.credentialManager().createStoredCredential(credential);
            return Response.status(201).entity(Map.of("id", credential.getId() == null ? "" : credential.getId())).build();
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
