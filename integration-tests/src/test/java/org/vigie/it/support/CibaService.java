package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A service starting logins by OpenID Connect CIBA (poll mode) with client-secret authentication,
 * as a call centre or a kiosk would: the backchannel request (its parameters in the form or in a
 * signed request object), then token polls that keep to the interval the server asked for (as a
 * well-behaved client does) unless told not to.
 */
public final class CibaService {

    public static final String DEMO_CLIENT = "vigie-ciba-demo";
    /** The fixed secret an earlier realm shipped the demo client with: public, so never valid. */
    public static final String OLD_PUBLIC_SECRET = "vigie-ciba-demo-secret-change-me";
    public static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";

    private final KeycloakServer server;
    private final String clientId;
    private final String secret;
    /** The key signing this service's request objects, registered with its client (null: none). */
    private final ECKey requestKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CibaService(KeycloakServer server, String clientId, String secret) {
        this(server, clientId, secret, null);
    }

    private CibaService(KeycloakServer server, String clientId, String secret, ECKey requestKey) {
        this.server = server;
        this.clientId = clientId;
        this.secret = secret;
        this.requestKey = requestKey;
    }

    public String clientId() {
        return clientId;
    }

    /** The same service (client, secret, key) talking to another node of the cluster. */
    public CibaService on(KeycloakServer node) {
        return new CibaService(node, clientId, secret, requestKey);
    }

    /** The same service signing its request objects with another key than the one registered. */
    public CibaService signingWith(ECKey otherKey) {
        return new CibaService(server, clientId, secret, otherKey);
    }

    public static ECKey newSigningKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A new confidential client with the CIBA grant on (poll mode) that signs its authentication
     * requests (CIBA Core 7.1.1): its public key registered as the client's JWKS, ES256 required
     * for request objects (Keycloak accepts only asymmetric algorithms there, not a secret's HS256).
     */
    public static CibaService withSignedRequests(KeycloakServer server, AdminApi admin, ECKey key) {
        String clientId = "vigie-ciba-signed-" + System.nanoTime();
        String secret = randomSecret();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("name", "Borne d'accueil (requêtes signées)");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("attributes", Map.of("oidc.ciba.grant.enabled", "true", "ciba.backchannel.token.delivery.mode", "poll",
                "ciba.backchannel.auth.request.signing.alg", "ES256", "use.jwks.url", "false", "use.jwks.string", "true",
                "jwks.string", new JWKSet(key.toPublicJWK()).toString(true)));
        client.put("defaultClientScopes", List.of("basic", "acr", "web-origins"));
        client.put("optionalClientScopes", List.of("scope_all"));
        HttpResponse<String> created = admin.send("POST", "/clients", client);
        if (created.statusCode() != 201) {
            throw new AssertionError("CIBA client not created: " + created.statusCode() + " " + created.body());
        }
        return new CibaService(server, clientId, secret, key);
    }

    private static String randomSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The shipped demo client turned on as an operator would (the realm ships it with the CIBA grant
     * off and no fixed secret): the grant on and a fresh secret, through the admin API.
     */
    public static CibaService enableDemo(KeycloakServer server, AdminApi admin) {
        String uuid = admin.clientUuid(DEMO_CLIENT);
        ObjectNode client = (ObjectNode) admin.get("/clients/" + uuid);
        String secret = randomSecret();
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
            return poll(CibaService.this);
        }

        /** Polls at once, whatever the interval (a client that does not keep to it). */
        public Answer pollNow() {
            return pollNow(CibaService.this);
        }

        /** As {@link #poll()}, through another node of the cluster ({@link #on}). */
        public Answer poll(CibaService via) {
            Duration wait = Duration.between(Instant.now(), lastPoll.plusSeconds(interval()).plusMillis(250));
            if (!wait.isNegative()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return pollNow(via);
        }

        private Answer pollNow(CibaService via) {
            Answer answer = via.token(authReqId());
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

    /** Starts a login whose parameters are in a signed request object; fails the test unless accepted. */
    public Request startSigned(Map<String, Object> requestClaims, Map<String, String> form) {
        Answer answer = backchannelSigned(requestClaims, form);
        if (answer.status() != 200) {
            throw new AssertionError("signed backchannel request refused: " + answer.status() + " " + answer.body());
        }
        return new Request(answer);
    }

    /**
     * A backchannel request carrying {@code requestClaims} in a {@code request} JWT signed with this
     * service's key (with {@code iss}, {@code aud}, {@code iat}, {@code nbf}, {@code exp} and {@code jti}
     * as CIBA Core 7.1.1 asks), plus {@code form} parameters beside it.
     */
    public Answer backchannelSigned(Map<String, Object> requestClaims, Map<String, String> form) {
        Instant now = Instant.now().plusSeconds(server.clockOffset());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(clientId).audience(server.realmUrl())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
        requestClaims.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(requestKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(requestKey));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        Map<String, String> body = new LinkedHashMap<>(form);
        body.put("request", jwt.serialize());
        return post("/protocol/openid-connect/ext/ciba/auth", body);
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
