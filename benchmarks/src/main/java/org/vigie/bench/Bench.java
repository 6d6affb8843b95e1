package org.vigie.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.vigie.simulator.DeviceClient;

/**
 * {@code ./vigie bench [--quick]}: one Keycloak server with Vigie, and in the same run Keycloak's
 * stock password login and Vigie's login, the approval latency, the cost of waiting browsers and
 * the heap of pending challenges. Writes results.md, results.json and logins.png.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        System.setProperty("java.awt.headless", "true");
        Plan plan = options.smoke() ? Plan.smoke() : options.quick() ? Plan.quick() : Plan.full();
        Server server = new Server(options.keycloakHome(), options.work(), options.port(), options.managementPort(), options.javaOpts(),
                options.resilience());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        if (options.twoNodesOnly()) {
            watchdog(plan.deadline(), server);
            Results results = new Results();
            results.twoNodes = TwoNodes.run(options.keycloakHome(), options.work().resolve("cluster"), options.clusterBasePort(),
                    options.javaOpts(), plan.twoNodePractitioners(), 3.2, 16.2, plan.twoNodeWindow());
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("two-nodes.md"), ReportSections.twoNodes(results));
            log("done: " + options.out().resolve("two-nodes.md"));
            System.exit(results.twoNodes.skipped() == null ? 0 : 1);
        }
        if (options.resilience()) {
            Resilience.Plan resilience = options.quick() || options.smoke() ? Resilience.Plan.quick() : Resilience.Plan.full();
            watchdog(resilience.deadline(), server);
            try {
                ResilienceReport.write(new Resilience(resilience, server, options).run(), options.out());
                log("done: " + options.out().resolve("results.md"));
            } finally {
                server.stop();
            }
            System.exit(0);
        }
        watchdog(plan.deadline(), server);
        try {
            Results results = new Bench.Run(plan, server, options).run();
            Files.createDirectories(options.out());
            if (options.heapOnly()) {
                Files.writeString(options.out().resolve("heap.md"), Report.heap(results.heap));
                log("done: " + options.out().resolve("heap.md"));
                System.exit(0);
            }
            Report.write(results, options.out());
            System.out.println();
            System.out.println(Targets.markdown(results));
            log("done: " + options.out().resolve("results.md") + ", " + options.out().resolve(Report.PLOT));
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    /** What the watchdog stops besides the main server (the two nodes, their PostgreSQL): halting skips shutdown hooks. */
    static final List<Runnable> ON_ABORT = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Whatever happens (a hung server, a stuck phase), the run ends: servers stopped, non-zero exit. */
    private static void watchdog(Duration limit, Server server) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("bench: still running after " + limit + ": stopping the server and giving up");
            server.stop();
            ON_ABORT.forEach(Runnable::run);
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** One benchmark run, phase after phase. */
    static final class Run {
        private final Plan plan;
        private final Server server;
        private final Options options;
        private final HttpClient[] clients = {Login.newHttpClient(), Login.newHttpClient(), Login.newHttpClient(), Login.newHttpClient()};
        private final ExecutorService devices = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "device", 512 * 1024);
            t.setDaemon(true);
            return t;
        });
        private final long started = System.nanoTime();

        Run(Plan plan, Server server, Options options) {
            this.plan = plan;
            this.server = server;
            this.options = options;
        }

        Results run() throws Exception {
            Results results = new Results();
            results.mode = plan.mode();
            results.startedAt = DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0));
            results.loadAverageBefore = Proc.loadAverage1();

            log("starting Keycloak (" + options.keycloakHome().getFileName() + ") on " + server.baseUrl() + ", log: " + server.log());
            server.start(Duration.ofMinutes(10)); // the first start after a provider changed re-augments: minutes on a busy machine
            results.machine = Results.Machine.of(server, options.keycloakHome());
            log("server ready (pid " + server.pid() + ", " + results.machine.serverJvm() + ")");

            Admin admin = new Admin(server);
            admin.createStockClient(Login.STOCK_CLIENT);
            admin.openRiskPolicyForTheBench();
            admin.raiseEnrolmentLimitsForTheBench();
            results.approvalConfig = admin.approvalConfig();
            Login login = new Login(server.realmUrl(), clients, devices);

            results.heap = heap(login);
            if (options.heapOnly()) {
                return results;
            }

            BlockingQueue<Practitioner> practitioners = practitioners(admin, plan.practitioners());
            results.practitioners = practitioners.size();
            results.fixedConcurrency = plan.fixedConcurrency();
            Quiet quiet = new Quiet(server, plan.quietBudget());
            Load load = new Load(server, practitioners, quiet);

            log("warm-up: windows of " + plan.warmUpWindow().toSeconds() + " s of each login at concurrency " + plan.fixedConcurrency()
                    + " until the server CPU per login is stable (at most " + plan.warmUpLimit().toSeconds() + " s)");
            results.warmUp = WarmUp.run(load, plan.fixedConcurrency(), plan.warmUpWindow(), plan.warmUpLimit(), login::stock,
                    p -> login.vigie(p, 0));

            sleep(2_000);
            Load.Measured idle = load.measure(System.nanoTime() + 5_000_000_000L);
            results.idleServerCores = idle.before().serverCpuSeconds(idle.after()) / idle.before().seconds(idle.after());
            log(String.format("idle server: %.3f cores", results.idleServerCores));

            for (int concurrency : plan.concurrencies()) {
                // Interleaved, so that a drift of the machine or of the server's state weighs on both alike.
                Stats.Phase stock = load.closed("sweep", "stock", concurrency, plan.ramp(), plan.window(), login::stock);
                log(line(stock));
                results.sweep.add(stock);
                Stats.Phase vigie = load.closed("sweep", "vigie", concurrency, plan.ramp(), plan.window(), p -> login.vigie(p, 0));
                log(line(vigie));
                results.sweep.add(vigie);
            }

            int stockBest = results.saturation("stock").concurrency();
            int vigieBest = results.saturation("vigie").concurrency();
            log("saturation, repeated: " + plan.saturationRepeats() + " pairs of windows, stock at c=" + stockBest + ", Vigie at c=" + vigieBest);
            results.saturationRepeats = Saturation.run(load, stockBest, vigieBest, plan.saturationRepeats(), plan.ramp(), plan.window(),
                    login::stock, p -> login.vigie(p, 0));

            results.steps = stepCosts(login, practitioners);

            double vigieSaturation = results.saturation("vigie").loginsPerSecond();
            // A practitioner takes 1 to 3 s to type the PIN and the code: approvals land anywhere between two polls.
            java.util.function.Function<Practitioner, Login.Result> human =
                    p -> login.vigie(p, ThreadLocalRandom.current().nextLong(1_000, 3_001));
            double low = Math.max(1.0, Math.round(vigieSaturation * 0.1 * 10) / 10.0);
            log("approval latency at low load: " + low + " logins/s for " + plan.approvalWindow().toSeconds() + " s");
            results.approvalLow = load.open("approval, low load", "vigie", low, plan.approvalWindow(), human);
            log(line(results.approvalLow));
            double half = Math.max(1.0, Math.round(vigieSaturation * 0.5 * 10) / 10.0);
            log("approval latency at 50 % of saturation: " + half + " logins/s for " + plan.approvalWindow().toSeconds() + " s");
            results.approvalHalf = load.open("approval, 50 % of saturation", "vigie", half, plan.approvalWindow(), human);
            log(line(results.approvalHalf));

            log("approval profile (JFR): Vigie logins at c=" + vigieBest + " for " + plan.profileWindow().toSeconds() + " s");
            results.approvalProfile = ApprovalProfile.run(server, load, vigieBest, plan.profileWindow(), p -> login.vigie(p, 0), options.work());
            log("approval profile: " + results.approvalProfile.approvalSamples() + " samples in the decision endpoint; top: "
                    + results.approvalProfile.topSelf().entrySet().stream().limit(3).toList());

            results.waiting = WaitingPhase.run(plan, server, load, quiet, login, clients, results.knee("stock").concurrency());
            if (options.twoNodes()) {
                server.stop(); // its CPU and memory go to the two nodes
                results.twoNodes = TwoNodes.run(options.keycloakHome(), options.work().resolve("cluster"), options.clusterBasePort(),
                        options.javaOpts(), plan.twoNodePractitioners(), low, half, plan.twoNodeWindow());
            }
            results.quietWaitSeconds = quiet.waitedSeconds();
            results.finishedAfterSeconds = (System.nanoTime() - started) / 1e9;
            results.loadAverageAfter = Proc.loadAverage1();
            return results;
        }

        /** Server CPU per step, logins one at a time (after the warm-up). */
        private Map<String, Map<String, Double>> stepCosts(Login login, BlockingQueue<Practitioner> practitioners) {
            log("server CPU per step: " + plan.stepLogins() + " logins of each, one request at a time");
            StepCost stock = new StepCost(server.pid());
            StepCost vigie = new StepCost(server.pid());
            Practitioner p = practitioners.peek();
            int errors = 0;
            for (int i = 0; i < plan.stepLogins(); i++) {
                errors += login.stock(p, stock).ok() ? 0 : 1;
                errors += login.vigieOneStepAtATime(p, vigie).ok() ? 0 : 1;
            }
            if (errors > 0) {
                log("server CPU per step: " + errors + " logins failed");
            }
            Map<String, Map<String, Double>> steps = new LinkedHashMap<>();
            steps.put("stock", stock.meanMs());
            steps.put("vigie", vigie.meanMs());
            steps.forEach((flow, costs) -> log(String.format("  %s: %.1f CPU-ms per login: %s", flow,
                    costs.values().stream().mapToDouble(Double::doubleValue).sum(), costs)));
            return steps;
        }

        /** Heap after full GC with no pending login, with N on the stock login page, then N more on Vigie's waiting page. */
        private Results.Heap heap(Login login) {
            int n = plan.heapPending();
            log("heap: warming both login pages up, then " + n + " pending stock logins and " + n + " pending Vigie logins");
            ParkedBrowsers.pendingLogins(login, clients, 200, false);
            ParkedBrowsers.pendingLogins(login, clients, 200, true);
            long t0 = System.nanoTime();
            long none = server.heapAfterFullGc();
            int stock = ParkedBrowsers.pendingLogins(login, clients, n, false).size();
            long withStock = server.heapAfterFullGc();
            Map<String, long[]> classesBefore = server.classHistogram();
            int vigie = ParkedBrowsers.pendingLogins(login, clients, n, true).size();
            long withVigie = server.heapAfterFullGc();
            Map<String, long[]> classesAfter = server.classHistogram();
            Results.Heap heap = new Results.Heap(n, none, stock, withStock, vigie, withVigie, (System.nanoTime() - t0) / 1e9,
                    grownClasses(classesBefore, classesAfter, vigie));
            log(String.format("heap: %.0f MB with none, +%.0f B per pending stock login, +%.0f B per pending Vigie login",
                    none / 1e6, heap.perStockLogin(), heap.perVigieLogin()));
            return heap;
        }

        /** The classes that grew most (bytes), per pending login: where a pending login's heap goes. */
        private static List<String> grownClasses(Map<String, long[]> before, Map<String, long[]> after, int logins) {
            return after.entrySet().stream()
                    .map(e -> {
                        long[] was = before.getOrDefault(e.getKey(), new long[2]);
                        return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                    })
                    .filter(e -> e.getValue()[1] > 0)
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .limit(20)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f %.0f", e.getKey(),
                            e.getValue()[0] / (double) Math.max(1, logins), e.getValue()[1] / (double) Math.max(1, logins)))
                    .toList();
        }

        /** The bench's practitioners: password (stock login) and an enrolled P-256 device with the PIN (Vigie). */
        private BlockingQueue<Practitioner> practitioners(Admin admin, int count) throws Exception {
            log("creating " + count + " practitioners with a password and an enrolled device");
            return new LinkedBlockingQueue<>(Practitioner.createMany(admin, server.baseUrl(), count));
        }

        static String line(Stats.Phase p) {
            return String.format("%-5s %-28s c=%-3s %6.1f logins/s  p50 %6.0f ms  p95 %6.0f ms  p99 %6.0f ms  server %5.1f CPU-ms/login"
                            + "  (server %.2f [JIT %.2f, GC %.2f], bench %.2f, other %.2f cores)  errors %d%s",
                    p.flow(), p.name(), p.concurrency() > 0 ? Integer.toString(p.concurrency()) : "-", p.loginsPerSecond(),
                    p.latency().p50Ms(), p.latency().p95Ms(), p.latency().p99Ms(), p.serverCpuMsPerLogin(), p.serverCores(),
                    p.serverJitCores(), p.serverGcCores(), p.driverCores(), p.otherCores(), p.errors(), p.errorSamples().isEmpty() ? "" : " " + p.errorSamples())
                    + (p.approvalToBrowser().samples() > 0 ? String.format("  approval→browser p50 %.0f ms p99 %.0f ms",
                    p.approvalToBrowser().p50Ms(), p.approvalToBrowser().p99Ms()) : "");
        }
    }

    static void log(String message) {
        System.out.println("[bench " + DateTimeFormatter.ofPattern("HH:mm:ss").format(java.time.LocalTime.now()) + "] " + message);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
