package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;

/**
 * Issue 11's PIN figure on one node: someone holding a device's key (a stolen phone) sends 20
 * wrong PINs at once for a pending login, each sent again on {@code 429 slow_down} as an app
 * would, while anonymous traffic saturates the CPU. Guesses evaluated are counted from the
 * server's own events (one {@code LOGIN_ERROR} with reason {@code wrong_pin}, or
 * {@code device_locked} for the guess that locks, per PIN compared), not from what was sent.
 * Then the device must be locked: its next call answers {@code 403 device_locked}.
 */
final class PinRace {

    static final String WRONG_PIN = "9071";
    static final int LIMIT = 5;

    private PinRace() {
    }

    record Trial(int trial, int evaluated, Map<String, Integer> answers, int serverErrors, String deviceAfter, boolean lockedAfter,
                 String storedCount, double seconds, double serverCores, double machineBusyCores, double anonymousPerSecond) {
    }

    record Result(int concurrent, int limit, List<Trial> trials, int maxEvaluated, Map<String, Integer> anonymousAnswers,
                  int anonymousThreads, int realmQuickLoginCheckMs) {
        boolean met() {
            return !trials.isEmpty() && trials.stream().allMatch(t -> t.evaluated() <= LIMIT && t.lockedAfter() && t.serverErrors() == 0);
        }
    }

    static Result run(Server server, Admin admin, List<Practitioner> victims, int concurrent, int anonymousThreads) {
        List<Trial> trials = new ArrayList<>();
        HttpClient browserHttp = Login.newHttpClient();
        // Keycloak's quick-login check would lock the practitioner after two failures within a second and
        // hide the device's own counter (as the integration tests do, it is off while the trials run).
        int quickLoginCheck = admin.get("").path("quickLoginCheckMilliSeconds").asInt();
        admin.send("PUT", "", Map.of("quickLoginCheckMilliSeconds", 0));
        try (AnonymousLoad load = new AnonymousLoad(server, anonymousThreads)) {
            Bench.sleep(5_000);
            for (int t = 0; t < victims.size(); t++) {
                Practitioner p = victims.get(t);
                IdentifierStep.Started login;
                try {
                    login = IdentifierStep.start(browserHttp, server.realmUrl(), p.rpps(), "127.0.0.30");
                } catch (Exception e) {
                    throw new IllegalStateException("no login for the PIN trial: " + e, e);
                }
                if (!login.waitingPage()) {
                    throw new IllegalStateException("no waiting page for the PIN trial (" + login.status() + ")");
                }
                int requests0 = load.requests();
                Stats.Snapshot before = Stats.Snapshot.take(server);
                long[] machine0 = Proc.machineTicks();
                Map<String, Integer> answers = race(p.device(), login.code(), concurrent);
                long[] machine1 = Proc.machineTicks();
                Stats.Snapshot after = Stats.Snapshot.take(server);
                double s = before.seconds(after);
                Bench.sleep(500);
                // The device's state as every call sees it first: a locked device answers 403 device_locked.
                HttpResult after1 = p.device().get("/challenges", p.device().deviceJwt());
                String deviceAfter = after1.status() + (after1.error() == null ? "" : " " + after1.error());
                int evaluated = evaluated(admin, p);
                int errors = answers.entrySet().stream().filter(e -> e.getKey().startsWith("5")).mapToInt(Map.Entry::getValue).sum();
                Trial trial = new Trial(t + 1, evaluated, answers, errors, deviceAfter,
                        after1.status() == 403 && "device_locked".equals(after1.error()), stored(admin, p), s,
                        before.serverCpuSeconds(after) / s, (machine1[0] - machine0[0]) / (double) Proc.CLK_TCK / s,
                        (load.requests() - requests0) / s);
                Bench.log(String.format("PIN trial %d: %d wrong PINs evaluated (limit %d), answers %s, then GET /challenges: %s, stored %s;"
                                + " server %.2f cores, machine %.2f cores busy, %.0f anonymous requests/s", trial.trial(), evaluated, LIMIT,
                        answers, deviceAfter, trial.storedCount(), trial.serverCores(), trial.machineBusyCores(), trial.anonymousPerSecond()));
                trials.add(trial);
            }
            return new Result(concurrent, LIMIT, trials, trials.stream().mapToInt(Trial::evaluated).max().orElse(-1), load.answers(),
                    anonymousThreads, quickLoginCheck);
        } finally {
            admin.send("PUT", "", Map.of("quickLoginCheckMilliSeconds", quickLoginCheck));
        }
    }

    /** {@code concurrent} threads released at once, each until it gets an answer other than slow_down (30 s at most). */
    private static Map<String, Integer> race(DeviceClient device, String code, int concurrent) {
        ConcurrentHashMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrent, Strangers.daemon("pin-guess"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < concurrent; i++) {
            pool.submit(() -> {
                // Signed before the start, so that they all leave at once.
                String jws = device.decisionJws(device.decisionClaims(null, "approve", code, WRONG_PIN));
                String bearer = device.deviceJwt();
                go.await();
                while (true) {
                    HttpResult r = device.send("POST", "/decision", DeviceClient.JOSE_TYPE, jws, bearer);
                    if (r.status() == 429 && "slow_down".equals(r.error()) && System.nanoTime() < deadline) {
                        answers.computeIfAbsent("429 slow_down (sent again)", k -> new AtomicInteger()).incrementAndGet();
                        Bench.sleep(1_000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(200));
                        jws = device.decisionJws(device.decisionClaims(null, "approve", code, WRONG_PIN));
                        bearer = device.deviceJwt();
                        continue;
                    }
                    answers.computeIfAbsent(r.status() + " " + r.error(), k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }
            });
        }
        go.countDown();
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        Map<String, Integer> out = new TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The device credential's stored wrong-PIN count and lock, as the admin API shows it. */
    private static String stored(Admin admin, Practitioner p) {
        for (JsonNode c : admin.get("/users/" + p.userId() + "/credentials")) {
            if ("vigie-device".equals(c.path("type").asText())) {
                JsonNode data = Admin.parse(c.path("credentialData").asText("{}"));
                return "failedPins=" + data.path("failedPins").asInt() + ", locked=" + data.path("locked").asBoolean();
            }
        }
        return "no device credential";
    }

    /** PINs compared, as the server recorded them: wrong_pin events, and the device_locked one of the guess that locked. */
    private static int evaluated(Admin admin, Practitioner p) {
        int n = 0;
        for (JsonNode e : admin.events("LOGIN_ERROR", "user=" + p.userId())) {
            String reason = e.path("details").path("vigie_reason").asText();
            if ("wrong_pin".equals(reason) || "device_locked".equals(reason)) {
                n++;
            }
        }
        return n;
    }
}
