package org.vigie.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.KeyType;

/**
 * Anonymous traffic that keeps the server's CPU busy: enrolment attempts for identifiers nobody
 * holds (well-formed bodies, a fresh public key, random codes), three in four requests, and logins
 * started for unknown identifiers, one in four, each from a random loopback address (a botnet
 * behind the trusted proxy header). Closed loop, as fast as the server answers.
 */
final class AnonymousLoad implements AutoCloseable {

    private final Server server;
    private final ExecutorService threads;
    private final ConcurrentHashMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** One key for all the strangers' requests: each still proves it (a fresh JWS, jti and iat). */
    private final com.nimbusds.jose.jwk.JWK key;

    AnonymousLoad(Server server, int threadCount) {
        this.server = server;
        this.key = DeviceClient.generateKey(KeyType.P256);
        this.threads = Executors.newFixedThreadPool(threadCount, Strangers.daemon("anonymous"));
        HttpClient http = Login.newHttpClient();
        for (int i = 0; i < threadCount; i++) {
            threads.submit(() -> loop(http));
        }
    }

    private void loop(HttpClient http) {
        String enroll = DeviceClient.deviceApiUrl(server.baseUrl(), Server.REALM) + "/enroll";
        while (running) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
            String rpps = Practitioner.randomRpps("39");
            try {
                if (random.nextInt(4) == 0) {
                    IdentifierStep.Started s = IdentifierStep.start(http, server.realmUrl(), rpps, address);
                    count("login " + (s.waitingPage() ? "waiting page" : "http " + s.status()));
                    continue;
                }
                Map<String, Object> claims = new java.util.LinkedHashMap<>();
                claims.put("identifier", rpps);
                claims.put("activationCode", code(random));
                claims.put("pinVerifier", verifier(random));
                claims.put("deviceName", "bot");
                claims.put("aud", DeviceClient.deviceApiUrl(server.baseUrl(), Server.REALM));
                claims.put("iat", System.currentTimeMillis() / 1000);
                claims.put("jti", java.util.UUID.randomUUID().toString());
                String body = org.vigie.simulator.KeyProofs.prove(key, org.vigie.simulator.KeyProofs.ENROLMENT, claims);
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(enroll)).header("Content-Type", DeviceClient.JOSE_TYPE)
                        .header("X-Forwarded-For", address).timeout(WebSession.TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                count("enroll " + r.statusCode());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                count("error " + e.getClass().getSimpleName());
                if (!running) {
                    return;
                }
            }
        }
    }

    /** A PIN verifier as a device sends it (a keyed hash of the PIN): 32 random bytes look the same. */
    private static String verifier(ThreadLocalRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String code(ThreadLocalRandom random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(random.nextInt(32)));
        }
        return s.toString();
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, Integer> answers() {
        return Strangers.counts(answers);
    }

    int requests() {
        return answers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
    }
}
