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
        Plan plan = options.quick() ? Plan.quick() : Plan.full();
        Server server = new Server(options.keycloakHome(), options.work(), options.port(), options.managementPort(), options.javaOpts(),
                options.resilience());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        if (options.resilience()) {
            Resilience.Plan resilience = options.quick() ? Resilience.Plan.quick() : Resilience.Plan.full();
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
            Report.write(results, options.out());
            log("done: " + options.out().resolve("results.md") + ", " + options.out().resolve(Report.PLOT));
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    /** Whatever happens (a hung server, a stuck phase), the run ends: server stopped, non-zero exit. */
    private static void watchdog(Duration limit, Server server) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("bench: still running after " + limit + ": stopping the server and giving up");
            server.stop();
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
            server.start(Duration.ofMinutes(5));
            results.machine = Results.Machine.of(server, options.keycloakHome());
            log("server ready (pid " + server.pid() + ", " + results.machine.serverJvm() + ")");

            Admin admin = new Admin(server);
            admin.createStockClient(Login.STOCK_CLIENT);
            admin.openRiskPolicyForTheBench();
            admin.raiseEnrolmentLimitsForTheBench();
            results.approvalConfig = admin.approvalConfig();
            Login login = new Login(server.realmUrl(), clients, devices);

            results.heap = heap(login);

            BlockingQueue<Practitioner> practitioners = practitioners(admin, plan.practitioners());
            results.practitioners = practitioners.size();
            results.fixedConcurrency = plan.fixedConcurrency();
            Quiet quiet = new Quiet(server, plan.quietBudget());
            Load load = new Load(server, practitioners, quiet);

            log("warm-up: " + plan.warmUp().toSeconds() + " s of each login at concurrency " + plan.fixedConcurrency());
            results.warmUp.add(load.closed("warm-up", "stock", plan.fixedConcurrency(), Duration.ZERO, plan.warmUp(), login::stock));
            results.warmUp.add(load.closed("warm-up", "vigie", plan.fixedConcurrency(), Duration.ZERO, plan.warmUp(), p -> login.vigie(p, 0)));

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

            results.waiting = waiting(load, quiet, login, results.knee("stock").concurrency());
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
            int vigie = ParkedBrowsers.pendingLogins(login, clients, n, true).size();
            long withVigie = server.heapAfterFullGc();
            Results.Heap heap = new Results.Heap(n, none, stock, withStock, vigie, withVigie, (System.nanoTime() - t0) / 1e9);
            log(String.format("heap: %.0f MB with none, +%.0f B per pending stock login, +%.0f B per pending Vigie login",
                    none / 1e6, heap.perStockLogin(), heap.perVigieLogin()));
            return heap;
        }

        /** The bench's practitioners: password (stock login) and an enrolled P-256 device with the PIN (Vigie). */
        private BlockingQueue<Practitioner> practitioners(Admin admin, int count) throws Exception {
            log("creating " + count + " practitioners with a password and an enrolled device");
            ExecutorService setup = Executors.newFixedThreadPool(4);
            List<Future<Practitioner>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(setup.submit(() -> {
                    String rpps = Practitioner.randomRpps("19");
                    String userId = admin.createPractitioner(rpps, Login.PASSWORD);
                    DeviceClient device = Practitioner.enrolDevice(DeviceClient.deviceApiUrl(server.baseUrl(), Server.REALM), rpps,
                            admin.activationCode(userId));
                    return new Practitioner(userId, rpps, device);
                }));
            }
            BlockingQueue<Practitioner> pool = new LinkedBlockingQueue<>();
            try {
                for (Future<Practitioner> f : made) {
                    pool.add(f.get(120, TimeUnit.SECONDS));
                }
            } finally {
                setup.shutdownNow();
            }
            return pool;
        }

        /**
         * Stock logins at the stock saturation's concurrency without, with, without… browsers
         * parked on Vigie's waiting page (fresh ones each time), alternating so that a drift of
         * the machine weighs on both sides.
         */
        private Results.Waiting waiting(Load load, Quiet quiet, Login login, int concurrency) {
            Results.Waiting w = new Results.Waiting();
            w.stockConcurrency = concurrency;
            w.idleDump = server.workerThreadsBusy();
            w.without.add(load.closed("stock, no waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(), login::stock));
            log(line(w.without.get(0)));
            List<Long> pollTimes = new ArrayList<>();
            for (int round = 0; round < plan.waitingRounds(); round++) {
                try (ParkedBrowsers parked = new ParkedBrowsers(server, login)) {
                    long t0 = System.nanoTime();
                    w.parked = parked.park(plan.waitingBrowsers(), clients);
                    w.parkSeconds = (System.nanoTime() - t0) / 1e9;
                    log("parked " + w.parked + " browsers on the waiting page in " + Math.round(w.parkSeconds) + " s; each long-polling (at most "
                            + Login.LONG_POLL_SECONDS + " s a request)");
                    sleep(2_000);
                    if (round == 0) {
                        quiet.await("measuring the waiting browsers alone");
                        long polls0 = parked.polls();
                        Load.Measured alone = load.measure(System.nanoTime() + plan.parkedOnlyWindow().toNanos());
                        double seconds = alone.before().seconds(alone.after());
                        w.parkedOnlyPollsPerSecond = (parked.polls() - polls0) / seconds;
                        w.parkedOnlyServerCores = alone.before().serverCpuSeconds(alone.after()) / seconds;
                        w.parkedOnlyDriverCores = alone.before().driverCpuSeconds(alone.after()) / seconds;
                        w.parkedOnlyOtherCores = alone.before().otherCpuSeconds(alone.after()) / seconds;
                        w.parkedOnlyWorkerThreadsMax = alone.workerThreads().stream().mapToInt(Integer::intValue).max().orElse(-1);
                        w.parkedDump = server.workerThreadsBusy();
                        w.serverSocketsParked = Proc.sockets(server.pid());
                        log(String.format("waiting browsers alone: %.0f polls/s, server %.2f cores, worker threads %d (busy in a thread dump: %d)",
                                w.parkedOnlyPollsPerSecond, w.parkedOnlyServerCores, w.parkedOnlyWorkerThreadsMax, w.parkedDump[1]));
                    }
                    parked.recording(true);
                    Stats.Phase with = load.closed("stock with waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(),
                            login::stock);
                    parked.recording(false);
                    w.with.add(with);
                    log(line(with));
                    pollTimes.addAll(parked.pollTimes());
                    w.pollErrors += parked.errors();
                    w.pollsNotPending += parked.notPending();
                }
                sleep(2_000);
                w.serverSocketsAfter = Proc.sockets(server.pid());
                Stats.Phase without = load.closed("stock, no waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(),
                        login::stock);
                w.without.add(without);
                log(line(without));
            }
            w.statusPoll = Stats.Latency.of(pollTimes);
            return w;
        }

        private String line(Stats.Phase p) {
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

    /** Command-line options; {@code ./vigie bench} passes the paths. */
    record Options(boolean quick, boolean resilience, boolean help, Path keycloakHome, Path work, Path out, int port, int managementPort, String javaOpts) {

        static final String USAGE = """
                Usage: ./vigie bench [--quick] [--resilience] [--out DIR] [--port N] [--management-port N] [--java-opts "OPTIONS"]
                  --quick              about 4 minutes instead of about 12 (shorter phases, fewer levels)
                  --resilience         issue 11's figures instead (strangers' logins, wrong PINs under load, identifier
                                       timing, malformed requests): about 10 minutes, 5 with --quick
                  --out DIR            where results.md, results.json and logins.png go (default .vigie/bench/results)
                  --port N             the bench server's HTTP port (default 8381)
                  --management-port N  its health port (default 9381)
                  --java-opts "…"      the server JVM's extra options (default "-Xms1g -Xmx1g")
                  --keycloak-home DIR  the Keycloak distribution with Vigie deployed (./vigie bench sets it)
                  --work DIR           the server's data folder and log (./vigie bench sets it)""";

        static Options parse(String[] args) {
            boolean quick = false;
            boolean resilience = false;
            boolean help = false;
            Path home = null;
            Path work = Path.of(".vigie/bench");
            Path out = null;
            int port = 8381;
            int management = 9381;
            String javaOpts = "-Xms1g -Xmx1g";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--resilience" -> resilience = true;
                    case "-h", "--help" -> help = true;
                    case "--keycloak-home" -> home = Path.of(value(args, ++i, a));
                    case "--work" -> work = Path.of(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--management-port" -> management = Integer.parseInt(value(args, ++i, a));
                    case "--java-opts" -> javaOpts = value(args, ++i, a);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (home == null && !help) {
                throw new IllegalArgumentException("--keycloak-home is required (./vigie bench sets it)");
            }
            return new Options(quick, resilience, help, home, work.toAbsolutePath(), out == null ? work.toAbsolutePath().resolve("results") : out.toAbsolutePath(),
                    port, management, javaOpts);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
