package org.vigie.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vigie.simulator.DeviceClient;

/**
 * {@code ./vigie bench --resilience}: issue 11's figures against the server this run starts, on
 * loopback, each phase bounded: the identifier step's timing (first, on the quietest machine),
 * malformed requests, strangers typing practitioners' RPPS, wrong PINs raced under anonymous load.
 */
final class Resilience {

    record Plan(String mode, int timingTries, int timingWarmUp, int timingIdentifiers, int victims, Duration strangersWindow,
                int pinTrials, int pinConcurrent, int anonymousThreads, int malformedRequests, int malformedThreads) {
        static Plan full() {
            return new Plan("full", 300, 100, 30, 4, Duration.ofSeconds(60), 10, 20, 24, 10_000, 8);
        }

        static Plan quick() {
            return new Plan("quick", 100, 30, 10, 2, Duration.ofSeconds(20), 3, 20, 24, 2_000, 8);
        }

        Duration deadline() {
            return "quick".equals(mode) ? Duration.ofMinutes(15) : Duration.ofMinutes(30);
        }
    }

    /** Everything one run measured; written as results.json and results.md. */
    static final class Figures {
        public String mode;
        public String startedAt;
        public double finishedAfterSeconds;
        public double loadAverageBefore;
        public double loadAverageAfter;
        public org.vigie.bench.Results.Machine machine;
        public String serverOptions;
        public Map<String, String> approvalConfig;
        public IdentifierTiming.Result timing;
        public Malformed.Result malformed;
        public Strangers.Result strangers;
        public PinRace.Result pins;
        /** Control, outside the figure: Keycloak's own token endpoint given the same unparseable Content-Type. */
        public String tokenEndpointWithUnparseableContentType;
    }

    private final Plan plan;
    private final Server server;
    private final Options options;
    private final long started = System.nanoTime();

    Resilience(Plan plan, Server server, Options options) {
        this.plan = plan;
        this.server = server;
        this.options = options;
    }

    Figures run() throws Exception {
        Figures r = new Figures();
        r.mode = plan.mode();
        r.startedAt = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
        r.loadAverageBefore = Proc.loadAverage1();
        Bench.log("starting Keycloak behind a trusted loopback proxy header on " + server.baseUrl() + ", log: " + server.log());
        server.start(Duration.ofMinutes(5));
        r.machine = org.vigie.bench.Results.Machine.of(server, options.keycloakHome());
        r.serverOptions = String.join(" ", org.vigie.launcher.StartOptions.of("loopback-proxy").toList());
        Admin admin = new Admin(server);
        admin.openRiskPolicyForTheBench();
        r.approvalConfig = admin.approvalConfig();

        int count = plan.timingIdentifiers() + plan.victims() + plan.pinTrials() + 1;
        Bench.log("creating " + count + " practitioners with an enrolled device");
        // The anonymous enrolment limits per address (where the server has them) are for strangers, not the bench's setup.
        Map<String, String> enrolment = admin.enrolmentSettings(Map.of("enrolAttemptsPerAddress", "100000", "enrolAttemptsPerMinute", "100000"));
        List<Practitioner> all = practitioners(admin, count);
        if (enrolment != null) {
            admin.enrolmentSettings(enrolment.isEmpty() ? Map.of("enrolAttemptsPerAddress", "", "enrolAttemptsPerMinute", "") : enrolment);
        }
        List<Practitioner> timing = all.subList(0, plan.timingIdentifiers());
        List<Practitioner> victims = all.subList(plan.timingIdentifiers(), plan.timingIdentifiers() + plan.victims());
        List<Practitioner> pinVictims = all.subList(plan.timingIdentifiers() + plan.victims(), count - 1);
        Practitioner fuzzed = all.get(count - 1);

        Bench.log("identifier step timing: " + plan.timingTries() + " interleaved tries (after " + plan.timingWarmUp() + " to warm up), "
                + "enrolled vs unknown, " + plan.timingIdentifiers() + " identifiers each");
        new Quiet(server, Duration.ofMinutes(2)).await("the timing");
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < plan.timingIdentifiers(); i++) {
            unknown.add(Practitioner.randomRpps("49"));
        }
        r.timing = IdentifierTiming.run(server, timing.stream().map(Practitioner::rpps).toList(), unknown, plan.timingTries(), plan.timingWarmUp());
        Bench.log(String.format("  median enrolled %.3f ms, unknown %.3f ms: difference %.3f ms [95 %% bootstrap CI %.3f, %.3f];"
                        + " Hodges-Lehmann %.3f ms [%.3f, %.3f]; errors %d; server %.2f, other %.2f cores",
                r.timing.medianEnrolledMs(), r.timing.medianUnknownMs(), r.timing.medianDifferenceMs().estimate(),
                r.timing.medianDifferenceMs().low(), r.timing.medianDifferenceMs().high(), r.timing.hodgesLehmannMs().estimate(),
                r.timing.hodgesLehmannMs().low(), r.timing.hodgesLehmannMs().high(), r.timing.errors(), r.timing.serverCores(),
                r.timing.otherCores()));

        Bench.log("malformed requests: " + plan.malformedRequests() + " to the device endpoints");
        IdentifierStep.Started pending = IdentifierStep.start(Login.newHttpClient(), server.realmUrl(), fuzzed.rpps(), "127.0.0.40");
        if (!pending.waitingPage()) {
            throw new IllegalStateException("no pending login for the malformed requests (" + pending.status() + ")");
        }
        MalformedCases cases = new MalformedCases(Malformed.deviceApi(server), fuzzed.device(), pending.challengeId(), pending.statusUrl());
        r.malformed = Malformed.run(server, cases, plan.malformedRequests(), plan.malformedThreads());
        Bench.log(String.format("  %d requests (%d kinds) in %.0f s: %d answered 5xx (%d × 500), %d with exception text, %d ERROR log lines; %s",
                r.malformed.requests(), r.malformed.cases(), r.malformed.seconds(), r.malformed.serverErrors(), r.malformed.status500(),
                r.malformed.exceptionText(), r.malformed.errorLogLines(), r.malformed.serverErrorSamples().stream().limit(3).toList()));

        r.tokenEndpointWithUnparseableContentType = control(server);
        Bench.log("  control: Keycloak's token endpoint with Content-Type %%%/;;;= answers " + r.tokenEndpointWithUnparseableContentType);

        Bench.log("strangers: " + plan.victims() + " practitioners log in for " + plan.strangersWindow().toSeconds()
                + " s while a stranger types each one's RPPS every second from " + Strangers.ADDRESSES + " addresses (push limits as shipped)");
        admin.shippedPushLimitsOpenHours();
        Login login = new Login(server.realmUrl(), new java.net.http.HttpClient[] {Login.newHttpClient(), Login.newHttpClient()},
                Executors.newCachedThreadPool(Strangers.daemon("device")));
        r.strangers = Strangers.run(server, admin, login, victims, plan.strangersWindow());
        Bench.log(String.format("  practitioners' logins: %d of %d succeeded (%.1f %%), notifications held back by a push limit: %s;"
                        + " stranger logins %d (errors %d), their status after: %s; errors %s", r.strangers.ownSucceeded(),
                r.strangers.ownLogins(), 100 * r.strangers.successRate(), r.strangers.ownNotificationsHeldBack(), r.strangers.strangerLogins(),
                r.strangers.strangerErrors(), r.strangers.strangerStatusesAfter(), r.strangers.ownErrors()));
        admin.openRiskPolicyForTheBench();

        Bench.log("wrong PINs: " + plan.pinTrials() + " trials of " + plan.pinConcurrent() + " concurrent wrong PINs for one device, "
                + plan.anonymousThreads() + " threads of anonymous traffic");
        r.pins = PinRace.run(server, admin, pinVictims, plan.pinConcurrent(), plan.anonymousThreads());
        Bench.log("  most wrong PINs evaluated in a trial: " + r.pins.maxEvaluated() + " (limit " + PinRace.LIMIT + "); anonymous answers "
                + r.pins.anonymousAnswers());

        r.finishedAfterSeconds = (System.nanoTime() - started) / 1e9;
        r.loadAverageAfter = Proc.loadAverage1();
        return r;
    }

    private static String control(Server server) {
        try {
            java.net.http.HttpResponse<String> r = Login.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.realmUrl() + "/protocol/openid-connect/token")).header("Content-Type", "%%%/;;;=")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body().replaceAll("\\s+", " ");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private List<Practitioner> practitioners(Admin admin, int count) throws Exception {
        return Practitioner.createMany(admin, server.baseUrl(), count);
    }
}
