package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 11's first figure: each victim logs in again and again from their own browser (their own
 * address) while a stranger types the victim's RPPS every second from each of 10 other loopback
 * addresses, approving nothing. The victim's phone approves by the code its browser shows, 1 to
 * 3 s after the page (a person typing it). Push limits as the realm ships them.
 */
final class Strangers {

    static final int ADDRESSES = 10;

    private Strangers() {
    }

    record Result(int victims, int strangerAddresses, double seconds, int ownLogins, int ownSucceeded, List<String> ownErrors,
                  Stats.Latency ownLatency, Map<String, Integer> ownNotificationsHeldBack, int strangerLogins, int strangerErrors, int strangerNotificationsHeldBack,
                  Map<String, Integer> strangerStatusesAfter, double serverCores, double otherCores) {
        double successRate() {
            return ownLogins == 0 ? 0 : ownSucceeded / (double) ownLogins;
        }

        boolean met() {
            return ownLogins > 0 && ownSucceeded == ownLogins;
        }
    }

    static Result run(Server server, Admin admin, Login login, List<Practitioner> victims, Duration window) {
        HttpClient strangerHttp = Login.newHttpClient();
        List<String> strangerStatusUrls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger strangerLogins = new AtomicInteger();
        AtomicInteger strangerErrors = new AtomicInteger();
        ScheduledExecutorService strangers = Executors.newScheduledThreadPool(16, daemon("stranger"));
        for (int v = 0; v < victims.size(); v++) {
            String rpps = victims.get(v).rpps();
            for (int k = 0; k < ADDRESSES; k++) {
                String address = "127.0." + (100 + v) + "." + (10 + k);
                strangers.scheduleAtFixedRate(() -> {
                    try {
                        IdentifierStep.Started s = IdentifierStep.start(strangerHttp, server.realmUrl(), rpps, address);
                        strangerLogins.incrementAndGet();
                        if (s.waitingPage()) {
                            strangerStatusUrls.add(s.statusUrl());
                        } else {
                            strangerErrors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        strangerErrors.incrementAndGet();
                    }
                }, ThreadLocalRandom.current().nextLong(1_000), 1_000, TimeUnit.MILLISECONDS);
            }
        }
        Bench.sleep(3_000); // the strangers are at it before the victims start
        Stats.Snapshot before = Stats.Snapshot.take(server);
        long end = System.nanoTime() + window.toNanos();
        List<Login.Result> own = Collections.synchronizedList(new ArrayList<>());
        ExecutorService victimThreads = Executors.newFixedThreadPool(victims.size(), daemon("victim"));
        for (int v = 0; v < victims.size(); v++) {
            Practitioner victim = victims.get(v);
            String address = ownAddress(v);
            victimThreads.submit(() -> {
                while (System.nanoTime() < end) {
                    own.add(login.vigie(victim, ThreadLocalRandom.current().nextLong(1_000, 3_001), address));
                    Bench.sleep(ThreadLocalRandom.current().nextLong(200, 1_000));
                }
            });
        }
        victimThreads.shutdown();
        try {
            victimThreads.awaitTermination(window.toSeconds() + 2 * Login.LOGIN_TIMEOUT_MS / 1000, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stats.Snapshot after = Stats.Snapshot.take(server);
        strangers.shutdownNow();
        victimThreads.shutdownNow();

        Map<String, Integer> statuses = new TreeMap<>();
        List<String> urls;
        synchronized (strangerStatusUrls) {
            urls = new ArrayList<>(strangerStatusUrls);
        }
        for (String url : urls) {
            statuses.merge(IdentifierStep.status(strangerHttp, url), 1, Integer::sum);
        }
        List<Login.Result> results;
        synchronized (own) {
            results = new ArrayList<>(own);
        }
        int ok = (int) results.stream().filter(Login.Result::ok).count();
        List<String> errors = results.stream().filter(r -> !r.ok()).map(Login.Result::error).limit(10).toList();
        double seconds = before.seconds(after);
        return new Result(victims.size(), ADDRESSES, seconds, results.size(), ok, errors,
                Stats.Latency.of(results.stream().filter(Login.Result::ok).map(Login.Result::latency).toList()),
                heldBack(admin, victims), strangerLogins.get(), strangerErrors.get(), strangersHeldBack(admin, victims), statuses,
                before.serverCpuSeconds(after) / seconds, before.otherCpuSeconds(after) / seconds);
    }

    static String ownAddress(int victim) {
        return "127.0.0." + (20 + victim);
    }

    /** The victims' own logins whose notification a push limit held back, by limit (the login still waited and went through). */
    private static Map<String, Integer> heldBack(Admin admin, List<Practitioner> victims) {
        Map<String, Integer> held = new TreeMap<>();
        JsonNode events = admin.events("LOGIN_ERROR", null);
        for (int v = 0; v < victims.size(); v++) {
            for (JsonNode e : events) {
                if ("push_rate_limited".equals(e.path("details").path("vigie_reason").asText())
                        && ownAddress(v).equals(e.path("ipAddress").asText())
                        && e.path("details").path("username").asText().endsWith(victims.get(v).rpps())) {
                    held.merge(e.path("details").path("vigie_limit").asText("?"), 1, Integer::sum);
                }
            }
        }
        return held;
    }

    /** Stranger logins whose notification a push limit held back. */
    private static int strangersHeldBack(Admin admin, List<Practitioner> victims) {
        java.util.Set<String> rpps = new java.util.HashSet<>();
        victims.forEach(v -> rpps.add(v.rpps()));
        int held = 0;
        for (JsonNode e : admin.events("LOGIN_ERROR", null)) {
            if ("push_rate_limited".equals(e.path("details").path("vigie_reason").asText())
                    && rpps.stream().anyMatch(e.path("details").path("username").asText()::endsWith)
                    && e.path("ipAddress").asText().startsWith("127.0.1")) {
                held++;
            }
        }
        return held;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static Map<String, Integer> counts(ConcurrentHashMap<String, AtomicInteger> map) {
        Map<String, Integer> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
