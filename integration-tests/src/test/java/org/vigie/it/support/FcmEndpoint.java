package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Google's OAuth token endpoint and FCM's HTTP v1 {@code messages:send}, shaped like the real ones,
 * on the loopback address. It holds a service account's RSA key pair (its key file is
 * {@link #serviceAccountJson()}), checks each assertion (RS256 by that key, {@code iss},
 * {@code aud} = the token endpoint, the FCM scope, {@code exp}), hands out access tokens, and
 * checks each message's bearer token and shape.
 */
public final class FcmEndpoint implements AutoCloseable {

    public static final String PROJECT = "vigie-test";
    public static final String CLIENT_EMAIL = "vigie-push@vigie-test.iam.gserviceaccount.com";

    /** One message as received; {@code problems} is empty when its token and assertion checked out. */
    public record Message(String token, JsonNode data, JsonNode message, List<String> problems) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair serviceAccountKey;
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<String> tokenProblems = new ArrayList<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();

    public FcmEndpoint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        serviceAccountKey = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/" + PROJECT + "/messages:send", this::send);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenEndpoint() {
        return base() + "/token";
    }

    /** The send URL as an operator configures it ({@code {project}} filled in by Vigie). */
    public String sendUrl() {
        return base() + "/v1/projects/{project}/messages:send";
    }

    /** A key file like the one the Firebase console gives, with this endpoint as its token_uri. */
    public String serviceAccountJson() throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serviceAccountKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> file = new HashMap<>();
        file.put("type", "service_account");
        file.put("project_id", PROJECT);
        file.put("private_key_id", "k1");
        file.put("private_key", pem);
        file.put("client_email", CLIENT_EMAIL);
        file.put("token_uri", tokenEndpoint());
        return JSON.writeValueAsString(file);
    }

    /** From now on, answer messages to this token as FCM does for an app that was uninstalled. */
    public FcmEndpoint unregistered(String token) {
        unregistered.add(token);
        return this;
    }

    public Optional<Message> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** What was wrong with the assertions received so far. */
    public synchronized List<String> tokenProblems() {
        return List.copyOf(tokenProblems);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(read(exchange));
            List<String> problems = new ArrayList<>();
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                problems.add("grant_type is " + form.get("grant_type"));
            }
            try {
                SignedJWT assertion = SignedJWT.parse(form.getOrDefault("assertion", ""));
                if (!JWSAlgorithm.RS256.equals(assertion.getHeader().getAlgorithm())
                        || !assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKey.getPublic()))) {
                    problems.add("assertion is not RS256-signed by the service account key");
                }
                JWTClaimsSet claims = assertion.getJWTClaimsSet();
                long now = System.currentTimeMillis();
                if (!CLIENT_EMAIL.equals(claims.getIssuer())) {
                    problems.add("iss is " + claims.getIssuer());
                }
                if (!List.of(tokenEndpoint()).equals(claims.getAudience())) {
                    problems.add("aud is " + claims.getAudience());
                }
                if (!"https://www.googleapis.com/auth/firebase.messaging".equals(claims.getClaim("scope"))) {
                    problems.add("scope is " + claims.getClaim("scope"));
                }
                if (claims.getExpirationTime() == null || claims.getExpirationTime().getTime() <= now
                        || claims.getExpirationTime().getTime() > now + Duration.ofHours(1).plusMinutes(5).toMillis()) {
                    problems.add("exp missing, past or more than an hour away");
                }
            } catch (Exception e) {
                problems.add("assertion unreadable: " + e);
            }
            if (!problems.isEmpty()) {
                synchronized (this) {
                    tokenProblems.addAll(problems);
                }
                answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            String token = "ya29." + UUID.randomUUID();
            issuedTokens.add(token);
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<String> problems = new ArrayList<>();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !issuedTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
                answer(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
                return;
            }
            JsonNode body = JSON.readTree(read(exchange));
            JsonNode message = body.path("message");
            String token = message.path("token").asText(null);
            if (token == null) {
                problems.add("message.token missing");
            }
            messages.add(new Message(token, message.path("data"), message, List.copyOf(problems)));
            if (token != null && unregistered.contains(token)) {
                answer(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                        + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
            } else {
                answer(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + UUID.randomUUID() + "\"}");
            }
        }
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(65536), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
