package org.vigie.simulator;

import com.google.crypto.tink.apps.webpush.WebPushHybridDecrypt;
import com.google.crypto.tink.subtle.EllipticCurves;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Web Push endpoint on the loopback address, playing the push service and the phone together:
 * it holds a subscription's keys (P-256 pair and auth secret, RFC 8291), decrypts what the server
 * POSTs ({@code aes128gcm}, with Tink's apps-webpush) and checks its VAPID JWT (RFC 8292): ES256
 * signature by the server's public key, {@code aud} = this endpoint's origin, {@code exp} ahead and
 * at most 24 h away, {@code k} = that key. Each push received is kept with what was wrong with it.
 */
public final class WebPushReceiver implements AutoCloseable {

    /** One push as received. {@code problems} is empty when everything checked out. */
    public record Received(String payload, JWTClaimsSet vapid, String ttl, String urgency, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final String endpoint;
    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final byte[] authSecret = new byte[16];
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile String serverKey;
    private volatile int answer = 201;

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public WebPushReceiver(int port) throws IOException {
        try {
            KeyPair pair = EllipticCurves.generateKeyPair(EllipticCurves.CurveType.NIST_P256);
            publicKey = (ECPublicKey) pair.getPublic();
            privateKey = (ECPrivateKey) pair.getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(authSecret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        String path = "/push/" + UUID.randomUUID();
        server.createContext(path, this::handle);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The VAPID public key pushes must be signed with (what {@code GET /push} gave the app). */
    public WebPushReceiver expectServerKey(String vapidPublicKey) {
        this.serverKey = vapidPublicKey;
        return this;
    }

    /** The status this endpoint answers: 201 by default; 410 plays a subscription that is gone, 500 a failing service. */
    public WebPushReceiver answer(int status) {
        this.answer = status;
        return this;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The subscription's public key, uncompressed point in base64url (the subscription's {@code p256dh}). */
    public String p256dh() {
        try {
            return B64.encodeToString(EllipticCurves.pointEncode(EllipticCurves.CurveType.NIST_P256,
                    EllipticCurves.PointFormatType.UNCOMPRESSED, publicKey.getW()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String auth() {
        return B64.encodeToString(authSecret);
    }

    /** The next push received within {@code timeout}, if any. */
    public Optional<Received> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** How many pushes arrived and were not taken yet. */
    public int waiting() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(8192);
            }
            List<String> problems = new ArrayList<>();
            if (!"aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                problems.add("Content-Encoding is not aes128gcm");
            }
            JWTClaimsSet vapid = checkVapid(exchange.getRequestHeaders().getFirst("Authorization"), problems);
            String payload = decrypt(body, problems);
            received.add(new Received(payload, vapid, exchange.getRequestHeaders().getFirst("TTL"),
                    exchange.getRequestHeaders().getFirst("Urgency"), List.copyOf(problems)));
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    private String decrypt(byte[] body, List<String> problems) {
        try {
            byte[] plain = new WebPushHybridDecrypt.Builder()
                    .withAuthSecret(authSecret)
                    .withRecipientPublicKey(publicKey)
                    .withRecipientPrivateKey(privateKey)
                    .build()
                    .decrypt(body, null);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            problems.add("payload does not decrypt with the subscription's keys: " + e.getMessage());
            return null;
        }
    }

    /** {@code vapid t=<JWT>, k=<key>} (RFC 8292 section 3). */
    private JWTClaimsSet checkVapid(String authorization, List<String> problems) {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            problems.add("no vapid Authorization");
            return null;
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("t=")) {
                token = trimmed.substring(2);
            } else if (trimmed.startsWith("k=")) {
                key = trimmed.substring(2);
            }
        }
        if (token == null || key == null) {
            problems.add("vapid Authorization needs t= and k=");
            return null;
        }
        if (serverKey != null && !serverKey.equals(key)) {
            problems.add("k is not the server's VAPID public key");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            ECPublicKey signer = EllipticCurves.getEcPublicKey(EllipticCurves.CurveType.NIST_P256,
                    EllipticCurves.PointFormatType.UNCOMPRESSED, Base64.getUrlDecoder().decode(serverKey != null ? serverKey : key));
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new ECDSAVerifier(signer))) {
                problems.add("VAPID JWT is not an ES256 signature by the server's key");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String origin = endpoint.substring(0, endpoint.indexOf('/', "http://".length()));
            if (!List.of(origin).equals(claims.getAudience())) {
                problems.add("VAPID aud is " + claims.getAudience() + ", not " + origin);
            }
            long now = System.currentTimeMillis();
            if (claims.getExpirationTime() == null || claims.getExpirationTime().getTime() <= now
                    || claims.getExpirationTime().getTime() > now + Duration.ofHours(24).toMillis()) {
                problems.add("VAPID exp missing, past, or more than 24 h away");
            }
            if (claims.getSubject() == null || !(claims.getSubject().startsWith("mailto:") || claims.getSubject().startsWith("https:"))) {
                problems.add("VAPID sub is not a mailto: or https: contact");
            }
            return claims;
        } catch (java.text.ParseException | GeneralSecurityException | com.nimbusds.jose.JOSEException | IllegalArgumentException e) {
            problems.add("VAPID JWT unreadable: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
