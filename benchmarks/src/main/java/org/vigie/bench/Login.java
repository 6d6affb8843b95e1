package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vigie.launcher.client.Pkce;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.PendingResult;

/**
 * The two logins measured, step by step over HTTP, written for this benchmark in the manner of
 * keycloak-benchmark's AuthorizationCode scenario (authorization request with PKCE S256, the
 * login pages, the redirect to the relying party with a code, the code exchanged at the token
 * endpoint). A login counts as completed when the token endpoint answered 200 with tokens.
 */
final class Login {

    static final String VIGIE_CLIENT = "vigie-demo";
    static final String STOCK_CLIENT = "vigie-bench-stock";
    static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";
    static final String PIN = "4827";
    static final String PASSWORD = "Bench-password-4827";
    /** The waiting page's script: a long poll of at most this many seconds, asked again at once (vigie-wait.js). */
    static final int LONG_POLL_SECONDS = 25;
    /** Pause of a parked browser after a failed request. */
    static final long POLL_INTERVAL_MS = 500;
    /** No login may take longer than this: a bounded run, whatever the server does. */
    static final long LOGIN_TIMEOUT_MS = 60_000;

    private final String realmUrl;
    private final HttpClient[] clients;
    private final ExecutorService devices;

    Login(String realmUrl, HttpClient[] clients, ExecutorService devices) {
        this.realmUrl = realmUrl;
        this.clients = clients;
        this.devices = devices;
    }

    /** Told when each step of a login is over (the per-step cost breakdown); {@link #NONE} otherwise. */
    interface Steps {
        Steps NONE = new Steps() {
            @Override
            public void start() {
            }

            @Override
            public void done(String step) {
            }
        };

        void start();

        void done(String step);
    }

    /** What one login gave: its times, and for Vigie the approval-to-browser delay and status polls. */
    /**
     * {@code approvalToBrowser}: nanoseconds from the phone's {@code 200 approved} to the browser's
     * answer; negative when the woken long poll answered the browser before the phone got its
     * response; {@link #NO_APPROVAL} for logins without one.
     */
    record Result(boolean ok, long start, long end, String error, long approvalToBrowser, List<Long> polls) {
        static final long NO_APPROVAL = Long.MIN_VALUE;

        long latency() {
            return end - start;
        }

        static Result failed(long start, String error) {
            return new Result(false, start, System.nanoTime(), error, Result.NO_APPROVAL, List.of());
        }
    }

    static HttpClient newHttpClient() {
        // HTTP/1.1 as a browser on http:// (the JDK client would otherwise try an h2c upgrade).
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(java.time.Duration.ofSeconds(5)).build();
    }

    private HttpClient client(Practitioner p) {
        return clients[Math.floorMod(p.rpps().hashCode(), clients.length)];
    }

    /** Keycloak's built-in browser flow: login page, username and password, code, token exchange. */
    Result stock(Practitioner p) {
        return stock(p, Steps.NONE);
    }

    Result stock(Practitioner p, Steps steps) {
        long start = System.nanoTime();
        try {
            Pkce pkce = new Pkce();
            WebSession browser = new WebSession(client(p), REDIRECT_URI);
            steps.start();
            WebSession.Page page = browser.get(pkce.authorizationUrl(realmUrl, STOCK_CLIENT, REDIRECT_URI));
            steps.done("authorization request → login page");
            String action = Html.attribute(page.body(), "kc-form-login", "action").orElse(null);
            if (page.status() != 200 || action == null) {
                return Result.failed(start, "stock: no login form (" + page.status() + ")");
            }
            page = browser.post(action, Map.of("username", p.username(), "password", PASSWORD, "credentialId", ""));
            steps.done("username + password (hash checked) → code");
            String error = exchange(page, pkce, STOCK_CLIENT, client(p));
            steps.done("code → tokens");
            if (error != null) {
                return Result.failed(start, "stock: " + error);
            }
            return new Result(true, start, System.nanoTime(), null, Result.NO_APPROVAL, List.of());
        } catch (IOException e) {
            return Result.failed(start, "stock: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(start, "interrupted");
        }
    }

    /**
     * Vigie's login: identifier, waiting page with the code (the push goes out), the device
     * approves after {@code deviceDelayMs} (0: as soon as the challenge is visible), the browser
     * polls the status endpoint at the page's interval, submits the form, code, token exchange.
     */
    Result vigie(Practitioner p, long deviceDelayMs) {
        return vigie(p, deviceDelayMs, null);
    }

    /** The same from a browser at {@code forwardedFor}, as the bench server's trusted loopback proxy reports it (null: 127.0.0.1). */
    Result vigie(Practitioner p, long deviceDelayMs, String forwardedFor) {
        long start = System.nanoTime();
        try {
            Pkce pkce = new Pkce();
            WebSession browser = new WebSession(client(p), REDIRECT_URI, forwardedFor);
            WebSession.Page page = browser.get(pkce.authorizationUrl(realmUrl, VIGIE_CLIENT, REDIRECT_URI));
            String action = Html.attribute(page.body(), "vigie-identifier-form", "action").orElse(null);
            if (page.status() != 200 || action == null) {
                return Result.failed(start, "vigie: no identifier form (" + page.status() + ")");
            }
            page = browser.post(action, Map.of("identifier", p.rpps()));
            String statusUrl = Html.attribute(page.body(), "vigie-waiting", "data-status-url").orElse(null);
            String code = Html.text(page.body(), "vigie-code").orElse(null);
            String approvalAction = Html.attribute(page.body(), "vigie-approval-form", "action").orElse(null);
            if (statusUrl == null || code == null || approvalAction == null) {
                return Result.failed(start, "vigie: no waiting page (" + page.status() + ")");
            }
            long pageShown = System.nanoTime();
            // The push: the practitioner's phone learns of the challenge now and acts on it.
            String challengeId = statusUrl.replaceAll("^.*/status/([^/?]+).*$", "$1");
            CompletableFuture<Long> approved = CompletableFuture.supplyAsync(() -> approve(p, challengeId, code, deviceDelayMs), devices);

            List<Long> polls = new java.util.ArrayList<>();
            long decidedAt = -1;
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(LOGIN_TIMEOUT_MS);
            String longPoll = statusUrl + "&wait=" + LONG_POLL_SECONDS;
            while (decidedAt < 0) {
                if (System.nanoTime() > deadline) {
                    approved.cancel(true);
                    return Result.failed(start, "vigie: no decision within " + LOGIN_TIMEOUT_MS + " ms");
                }
                long asked = System.nanoTime();
                HttpResponse<String> status = browser.fetchWithoutCookies(longPoll);
                long answered = System.nanoTime();
                polls.add(answered - asked);
                if (status.statusCode() == 200 && !status.body().contains("\"pending\"")) {
                    decidedAt = answered;
                } else if (status.statusCode() != 200) {
                    Bench.sleep(POLL_INTERVAL_MS);
                }
            }
            long approvedAt;
            try {
                approvedAt = approved.get(LOGIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return Result.failed(start, "vigie device: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                return Result.failed(start, "vigie device: no answer");
            }
            page = browser.post(approvalAction, Map.of("check", "1"));
            String error = exchange(page, pkce, VIGIE_CLIENT, client(p));
            if (error != null) {
                return Result.failed(start, "vigie: " + error);
            }
            return new Result(true, start, System.nanoTime(), null, decidedAt - approvedAt, polls);
        } catch (IOException e) {
            return Result.failed(start, "vigie: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(start, "interrupted");
        }
    }

    /**
     * Vigie's login with every step one after the other in this thread (the phone approves, then
     * the browser polls once and goes on): the same requests as {@link #vigie}, for the per-step
     * cost breakdown.
     */
    Result vigieOneStepAtATime(Practitioner p, Steps steps) {
        long start = System.nanoTime();
        try {
            Pkce pkce = new Pkce();
            WebSession browser = new WebSession(client(p), REDIRECT_URI);
            steps.start();
            WebSession.Page page = browser.get(pkce.authorizationUrl(realmUrl, VIGIE_CLIENT, REDIRECT_URI));
            steps.done("authorization request → identifier page");
            String action = Html.attribute(page.body(), "vigie-identifier-form", "action").orElseThrow();
            page = browser.post(action, Map.of("identifier", p.rpps()));
            steps.done("identifier (nobody looked up) → waiting page, challenge stored");
            String statusUrl = Html.attribute(page.body(), "vigie-waiting", "data-status-url").orElseThrow();
            String code = Html.text(page.body(), "vigie-code").orElseThrow();
            String approvalAction = Html.attribute(page.body(), "vigie-approval-form", "action").orElseThrow();
            PendingResult pending = p.device().pending();
            steps.done("device: pending challenges (device JWT checked)");
            if (!pending.ok() || pending.challenges().isEmpty()) {
                return Result.failed(start, "vigie device: nothing listed: " + pending.http());
            }
            DecisionResult decision = p.device().approveByCode(code, PIN);
            steps.done("device: signed approval by code (JWS, PIN hash checked, device updated)");
            if (!decision.ok()) {
                return Result.failed(start, "vigie device: " + decision.http());
            }
            HttpResponse<String> status = browser.fetchWithoutCookies(statusUrl);
            steps.done("browser: one status poll");
            if (!status.body().contains("\"decided\"")) {
                return Result.failed(start, "vigie: not decided: " + status.body());
            }
            page = browser.post(approvalAction, Map.of("check", "1"));
            steps.done("waiting page's form (decision read) → code");
            String error = exchange(page, pkce, VIGIE_CLIENT, client(p));
            steps.done("code → tokens");
            if (error != null) {
                return Result.failed(start, "vigie: " + error);
            }
            return new Result(true, start, System.nanoTime(), null, Result.NO_APPROVAL, List.of());
        } catch (IOException | RuntimeException e) {
            return Result.failed(start, "vigie: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(start, "interrupted");
        }
    }

    /**
     * The phone: lists what waits until its own login shows (others' logins for the same public
     * RPPS may wait beside it), then approves by the code its browser shows (the code picks the
     * login). Returns when the approval was accepted.
     */
    private long approve(Practitioner p, String challengeId, String code, long delayMs) {
        if (delayMs > 0) {
            Bench.sleep(delayMs);
        }
        // The app shows what waits, then the practitioner types the code and the PIN.
        boolean listed = false;
        for (int attempt = 0; attempt < 50 && !listed; attempt++) {
            PendingResult pending = p.device().pending();
            if (!pending.ok()) {
                throw new IllegalStateException("pending: " + pending.http());
            }
            // A full list (bounded per identifier) may leave the login out: the code still approves it.
            listed = pending.challenges().stream().anyMatch(c -> c.id().equals(challengeId)) || pending.challenges().size() >= 10;
            if (!listed) {
                Bench.sleep(20);
            }
        }
        if (!listed) {
            throw new IllegalStateException("the challenge never showed on the device");
        }
        DecisionResult decision = p.device().approveByCode(code, PIN);
        if (!decision.ok()) {
            throw new IllegalStateException("decision: " + decision.http());
        }
        return System.nanoTime();
    }

    /** The relying party's side: the code from the callback exchanged with the PKCE verifier. Null when all went well. */
    private String exchange(WebSession.Page page, Pkce pkce, String clientId, HttpClient http) throws IOException, InterruptedException {
        if (!page.atRelyingParty(REDIRECT_URI)) {
            return "did not reach the relying party (" + page.status() + " " + page.url() + ")";
        }
        String code = page.query("code");
        if (code == null || !pkce.state().equals(page.query("state"))) {
            return "no code or wrong state at the relying party: " + page.url();
        }
        Map<String, String> form = pkce.tokenRequest(clientId, REDIRECT_URI, code);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(WebSession.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(WebSession.form(form))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "token endpoint answered " + response.statusCode();
        }
        JsonNode tokens = Admin.parse(response.body());
        if (!tokens.hasNonNull("access_token") || !tokens.hasNonNull("id_token")) {
            return "no tokens";
        }
        return null;
    }

    /** A pending login left on the stock login page (heap measurement). */
    boolean parkOnStockLoginPage(HttpClient http) throws IOException, InterruptedException {
        WebSession browser = new WebSession(http, REDIRECT_URI);
        WebSession.Page page = browser.get(new Pkce().authorizationUrl(realmUrl, STOCK_CLIENT, REDIRECT_URI));
        return page.status() == 200 && Html.tagWithId(page.body(), "kc-form-login").isPresent();
    }

    /**
     * A pending Vigie login: identifier typed, the waiting page shown, nobody approving. Returns
     * the status URL the page's script polls, or null.
     */
    String parkOnWaitingPage(HttpClient http, String rpps) throws IOException, InterruptedException {
        WebSession browser = new WebSession(http, REDIRECT_URI);
        WebSession.Page page = browser.get(new Pkce().authorizationUrl(realmUrl, VIGIE_CLIENT, REDIRECT_URI));
        String action = Html.attribute(page.body(), "vigie-identifier-form", "action").orElse(null);
        if (action == null) {
            return null;
        }
        page = browser.post(action, Map.of("identifier", rpps));
        return Html.attribute(page.body(), "vigie-waiting", "data-status-url").orElse(null);
    }
}
