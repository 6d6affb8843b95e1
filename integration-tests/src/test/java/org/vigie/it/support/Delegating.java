package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.vigie.identifier.Luhn;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;

/** What the delegation tests need: assistants with a staff identifier, delegated logins, refreshes, the app's delegation calls. */
public final class Delegating {

    public static final String SCOPE = "openid scope_all vigie-delegation";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vigie vigie;
    private final KeycloakServer server;

    public Delegating(Vigie vigie) {
        this.vigie = vigie;
        this.server = vigie.server();
    }

    /** An assistant without RPPS: staff identifier, role vigie-assistant, an enrolled device with PIN {@link Vigie#PIN}. */
    public record Assistant(String userId, String staffId, DeviceClient device) {
        public String identifier() {
            return "3" + staffId;
        }
    }

    public Assistant newAssistant(boolean withRole) {
        String base = "5" + String.format("%09d", RANDOM.nextInt(1_000_000_000));
        String staffId = base + Luhn.checkDigit(base);
        HttpResponse<String> created = vigie.admin().send("POST", "/users", Map.of(
                "username", "3" + staffId, "enabled", true, "firstName", "Sophie", "lastName", "Durand",
                "email", staffId + "@staff.it.vigie.invalid", "emailVerified", true,
                "attributes", Map.of("vigieStaffId", List.of(staffId), "vigieOnCall", List.of(Vigie.ALWAYS_ON_CALL))));
        if (created.statusCode() != 201) {
            throw new AssertionError("assistant not created: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        if (withRole) {
            JsonNode role = vigie.admin().get("/roles/vigie-assistant");
            HttpResponse<String> granted = vigie.admin().send("POST", "/users/" + userId + "/role-mappings/realm",
                    List.of(Map.of("id", role.get("id").asText(), "name", "vigie-assistant")));
            if (granted.statusCode() != 204) {
                throw new AssertionError("role not granted: " + granted.statusCode() + " " + granted.body());
            }
        }
        DeviceClient device = vigie.newDevice(org.vigie.simulator.KeyType.P256);
        Vigie.Practitioner asUser = new Vigie.Practitioner(userId, staffId, "");
        var enrolled = device.enroll("3" + staffId, vigie.activationCode(asUser), Vigie.PIN, "assistant phone");
        if (!enrolled.ok()) {
            throw new AssertionError("assistant enrolment failed: " + enrolled.http());
        }
        return new Assistant(userId, staffId, device);
    }

    /** The assistant signed in (own device approval) at a client asking for delegation: the page that follows. */
    public Login signIn(Assistant assistant, String scope) {
        Login login = new Login(server, Map.of("scope", scope)).typeIdentifier(assistant.identifier());
        DecisionResult approved = assistant.device().approveByCode(login.code(), Vigie.PIN);
        if (!approved.ok()) {
            throw new AssertionError("assistant approval failed: " + approved.http());
        }
        login.submitWaitingForm();
        return login;
    }

    /** Asks, on the offer page, to type for this identifier for {@code minutes}. */
    public static Browser.Page ask(Login login, String identifier, int minutes) {
        return login.submit("#vigie-delegation-form", Map.of("practitioner", identifier, "duration", Integer.toString(minutes),
                "delegate", "1"));
    }

    /** The token endpoint's answer to a refresh (status and JSON). */
    public HttpResponse<String> refresh(String refreshToken) {
        return post(server.realmUrl() + "/protocol/openid-connect/token", "grant_type=refresh_token&client_id="
                + OidcClient.CLIENT_ID + "&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8), null);
    }

    /** A code exchange at the token endpoint for another public client. */
    public HttpResponse<String> exchange(String clientId, String code, String verifier) {
        return post(server.realmUrl() + "/protocol/openid-connect/token", "grant_type=authorization_code&client_id=" + clientId
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(OidcClient.REDIRECT_URI, StandardCharsets.UTF_8) + "&code_verifier=" + verifier, null);
    }

    /**
     * An API of the relying party that checks the tokens it is sent by introspection (RFC 7662): a
     * confidential client of its own, named in the audience of {@code vigie-demo}'s access tokens
     * (Keycloak answers introspection only to a client in the token's audience) until closed.
     */
    public ResourceServer resourceServer() {
        String clientId = "vigie-records-api-" + System.nanoTime();
        String secret = java.util.UUID.randomUUID().toString();
        HttpResponse<String> created = vigie.admin().send("POST", "/clients", Map.of("clientId", clientId, "publicClient", false,
                "clientAuthenticatorType", "client-secret", "secret", secret, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false));
        if (created.statusCode() != 201) {
            throw new AssertionError("resource server not created: " + created.statusCode() + " " + created.body());
        }
        String demo = "/clients/" + vigie.admin().clientUuid(OidcClient.CLIENT_ID) + "/protocol-mappers/models";
        HttpResponse<String> mapper = vigie.admin().send("POST", demo, Map.of("name", clientId, "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", clientId,
                        "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true")));
        if (mapper.statusCode() != 201) {
            throw new AssertionError("audience mapper not created: " + mapper.statusCode() + " " + mapper.body());
        }
        String location = mapper.headers().firstValue("Location").orElseThrow();
        return new ResourceServer(clientId, secret, demo + location.substring(location.lastIndexOf('/')));
    }

    /** See {@link #resourceServer()}; closing takes it out of the demo client's audience. */
    public final class ResourceServer implements AutoCloseable {
        private final String clientId;
        private final String secret;
        private final String mapperPath;

        private ResourceServer(String clientId, String secret, String mapperPath) {
            this.clientId = clientId;
            this.secret = secret;
            this.mapperPath = mapperPath;
        }

        /** The introspection endpoint's answer for an access token. */
        public JsonNode introspect(String accessToken) {
            String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(server.realmUrl() + "/protocol/openid-connect/token/introspect"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("token_type_hint=access_token&token="
                                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new AssertionError("introspection: " + answer.statusCode() + " " + answer.body());
                }
                return AdminApi.parse(answer.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            vigie.admin().send("DELETE", mapperPath, null);
        }
    }

    /** The app's list of the practitioner's open delegations. */
    public JsonNode delegations(DeviceClient device) {
        HttpResponse<String> response = send("GET", "/delegations", device.deviceJwt());
        if (response.statusCode() != 200) {
            throw new AssertionError("delegations: " + response.statusCode() + " " + response.body());
        }
        return AdminApi.parse(response.body()).get("delegations");
    }

    /** The app ends a delegation. */
    public HttpResponse<String> end(DeviceClient device, String delegationId) {
        return send("POST", "/delegations/" + delegationId + "/end", device.deviceJwt());
    }

    public HttpResponse<String> send(String method, String path, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUrl() + "/vigie-delegation" + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> post(String url, String form, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
