package org.vigie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.vigie.simulator.DeviceClient;

/**
 * Issue 11's last figure: malformed requests to every device endpoint (enrolment, the pending
 * list, both decision endpoints, the browser's status endpoint), cycling through {@link
 * MalformedCases}: multipart and form bodies, wrong content types, wrong JSON types, bad or
 * spoilt JWS and bearer tokens, bodies over the limit, wrong methods, odd paths. Counts the
 * answers per endpoint, every 5xx, bodies showing exception text, and ERROR lines the server
 * logged meanwhile.
 */
final class Malformed {

    /** What a stack trace or an exception's text looks like in a body. */
    static final Pattern EXCEPTION_TEXT = Pattern.compile("Exception|\\tat |\\bat (org|java|io|jakarta)\\.|org\\.keycloak\\.|java\\.lang\\.|jakarta\\.");

    private Malformed() {
    }

    record Result(int requests, int serverErrors, int status500, int exceptionText, Map<String, Map<String, Integer>> answersByEndpoint,
                  Map<String, Integer> serverErrorsByKind, List<String> serverErrorSamples, int transportErrors, int errorLogLines, List<String> errorLogSamples, int cases,
                  double seconds) {
        boolean met() {
            return requests > 0 && serverErrors == 0 && exceptionText == 0;
        }
    }

    static Result run(Server server, MalformedCases cases, int requests, int threads) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(java.time.Duration.ofSeconds(5)).build();
        long logOffset = logSize(server);
        ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicInteger>> answers = new ConcurrentHashMap<>();
        List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger five00 = new AtomicInteger();
        AtomicInteger exceptionText = new AtomicInteger();
        AtomicInteger transport = new AtomicInteger();
        ConcurrentHashMap<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, Strangers.daemon("malformed"));
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    MalformedCases.Case c = cases.get(i);
                    String key = c.endpoint();
                    String answer;
                    try {
                        HttpResponse<String> r = http.send(c.request(i).timeout(WebSession.TIMEOUT).build(),
                                HttpResponse.BodyHandlers.ofString());
                        answer = Integer.toString(r.statusCode());
                        String body = r.body() == null ? "" : r.body();
                        if (r.statusCode() >= 500) {
                            fiveXx.incrementAndGet();
                            if (r.statusCode() == 500) {
                                five00.incrementAndGet();
                            }
                            if (byKind.computeIfAbsent(c.endpoint() + ", " + c.name(), k -> new AtomicInteger()).incrementAndGet() == 1) {
                                sample(samples, r.statusCode() + " " + c.endpoint() + ", " + c.name() + ": " + abbreviate(body));
                            }
                        }
                        if (EXCEPTION_TEXT.matcher(body).find()) {
                            exceptionText.incrementAndGet();
                            answer += " with exception text";
                            if (byKind.computeIfAbsent("exception text: " + c.endpoint() + ", " + c.name(), k -> new AtomicInteger())
                                    .incrementAndGet() == 1) {
                                sample(samples, "exception text, " + r.statusCode() + " " + c.endpoint() + ", " + c.name() + ": " + abbreviate(body));
                            }
                        }
                    } catch (IOException e) {
                        // A connection the server closed on an oversized body is an answer too, not a 500.
                        transport.incrementAndGet();
                        answer = "connection closed (" + e.getClass().getSimpleName() + ")";
                    } catch (InterruptedException e) {
                        return;
                    }
                    answers.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(answer, k -> new AtomicInteger())
                            .incrementAndGet();
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Bench.sleep(1_000);
        List<String> logErrors = errorLines(server, logOffset);
        Map<String, Map<String, Integer>> byEndpoint = new TreeMap<>();
        answers.forEach((endpoint, m) -> byEndpoint.put(endpoint, Strangers.counts(m)));
        return new Result(Math.min(requests, next.get()), fiveXx.get(), five00.get(), exceptionText.get(), byEndpoint,
                Strangers.counts(byKind), List.copyOf(samples), transport.get(), logErrors.size(), logErrors.stream().limit(10).toList(), cases.size(), seconds);
    }

    private static void sample(List<String> samples, String s) {
        synchronized (samples) {
            if (samples.size() < 40) {
                samples.add(s);
            }
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static long logSize(Server server) {
        try {
            return Files.size(server.log());
        } catch (IOException e) {
            return 0;
        }
    }

    /** ERROR lines (and the exception line after them) the server logged since {@code offset}. */
    private static List<String> errorLines(Server server, long offset) {
        try {
            byte[] all = Files.readAllBytes(server.log());
            String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.contains(" ERROR ")).map(l -> abbreviate(l.replaceAll("^\\S+ \\S+ ", ""))).toList();
        } catch (IOException e) {
            return List.of("(log not read: " + e + ")");
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    static String deviceApi(Server server) {
        return DeviceClient.deviceApiUrl(server.baseUrl(), Server.REALM);
    }
}
