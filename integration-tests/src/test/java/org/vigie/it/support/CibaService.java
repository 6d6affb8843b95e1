package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A service starting logins by OpenID Connect CIBA (poll mode) with client-secret authentication,
 * as a call centre or a kiosk would: the backchannel request, then token polls that keep to the
 * interval the server asked for (as a well-behaved client does) unless told not to.
 */
public final class CibaService {

    public static final String DEMO_CLIENT = "vigie-ciba-demo";
    /** The fixed secret an earlier realm shipped the demo client with: public, so never valid. */
    public static final String OLD_PUBLIC_SECRET = "vigie-ciba-demo-secret-change-me";
    public static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";

    private final KeycloakServer server;
    private final String clientId;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CibaService(KeycloakServer server, String clientId, String secret) {
        this.server = server;
        this.clientId = clientId;
        this.secret = secret;
    }

    /**
     * The shipped demo client turned on as an operator would (the realm ships it with the CIBA grant
     * off and no fixed secret): the grant on and a fresh secret, through the admin API.
     */
    public static CibaService enableDemo(KeycloakServer server, AdminApi admin) {
        String uuid = admin.clientUuid(DEMO_CLIENT);
        ObjectNode client = (ObjectNode) admin.get("/clients/" + uuid);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        client.put("secret", secret);
        ((ObjectNode) client.get("attributes")).put("oidc.ciba.grant.enabled", "true");
        HttpResponse<String> updated = admin.send("PUT", "/clients/" + uuid, client);
        if (updated.statusCode() != 204) {
            throw new AssertionError("Enabling CIBA for " + DEMO_CLIENT + " answered " + updated.statusCode() + ": " + updated.body());
        }
        return new CibaService(server, DEMO_CLIENT, secret);
    }

    /** A backchannel request's answer: 200 with auth_req_id, expires_in, interval; or an error. */
    public record Answer(int status, JsonNode json, String body) {
        public String error() {
            return json.path("error").asText(null);
        }
    }

    /** One login started: its auth_req_id, and when it was last polled. */
    public final class Request {
        private final Answer started;
        private Instant lastPoll = Instant.EPOCH;

        private Request(Answer started) {
            this.started = started;
        }

        public Answer started() {
            return started;
        }

        public String authReqId() {
            return started.json().path("auth_req_id").asText();
        }

        public int interval() {
            return started.json().path("interval").asInt(5);
        }

        /**
         * Polls the token endpoint, first waiting out the interval since the last poll's answer (the
         * server notes a poll before answering it, so the interval counts from before the answer).
         */
        public Answer poll() {
            Duration wait = Duration.between(Instant.now(), lastPoll.plusSeconds(interval()).plusMillis(250));
            if (!wait.isNegative()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return pollNow();
        }

        /** Polls at once, whatever the interval (a client that does not keep to it). */
        public Answer pollNow() {
            Answer answer = token(authReqId());
            lastPoll = Instant.now();
            return answer;
        }
    }

    /** Starts a login; fails the test unless the server accepted it. */
    public Request start(String loginHint, String bindingMessage) {
        Answer answer = backchannel(loginHint, bindingMessage, "openid scope_all");
        if (answer.status() != 200) {
            throw new AssertionError("backchannel request refused: " + answer.status() + " " + answer.body());
        }
        return new Request(answer);
    }

    public Answer backchannel(String loginHint, String bindingMessage, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", scope);
        if (loginHint != null) {
            form.put("login_hint", loginHint);
        }
        if (bindingMessage != null) {
            form.put("binding_message", bindingMessage);
        }
        return post("/protocol/openid-connect/ext/ciba/auth", form);
    }

    public Answer token(String authReqId) {
        return post("/protocol/openid-connect/token", Map.of("grant_type", CIBA_GRANT, "auth_req_id", authReqId));
    }

    public Answer refresh(String refreshToken) {
        return post("/protocol/openid-connect/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body().isBlank() ? "{}" : response.body());
            } catch (java.io.IOException notJson) {
                json = AdminApi.parse("{}");
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
