package org.vigie.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigie.launcher.Cluster;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.PostgresServer;
import org.vigie.simulator.DeviceClient;

/**
 * The wake-up across nodes: a two-node cluster as the cluster test runs it (the launcher's
 * {@link Cluster}: PostgreSQL, embedded Infinispan, one public hostname), the browser long-polling
 * on node 1 while the practitioner's phone approves through node 2. Vigie logins arrive at random
 * at the single node's low and 50 % rates; measured: approval answered on node 2 → node 1's
 * status endpoint tells the browser.
 *
 * <p>Ports from {@code base}: HTTP base+1 / base+2, management base+11 / base+12, cache
 * base+21 / base+22, PostgreSQL base+31.
 */
final class TwoNodes {

    /** {@code skipped}: why the case did not run (no PostgreSQL binaries, a node failed to start), or null. */
    record Result(String skipped, double startSeconds, int practitioners, Stats.Phase low, Stats.Phase half) {
    }

    private TwoNodes() {
    }

    static Result run(Path keycloakHome, Path workDir, int base, String javaOpts, int practitionerCount, double lowRate, double halfRate,
                      Duration window) {
        Distribution.deleteTree(workDir);
        long t0 = System.nanoTime();
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(base + 31);
        } catch (RuntimeException e) {
            Bench.log("two nodes: skipped: " + e.getMessage());
            return new Result("PostgreSQL did not start: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 0, 0, null, null);
        }
        List<Server> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable stopAll = () -> {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).stop();
            }
            postgres.stop();
        };
        Bench.ON_ABORT.add(stopAll);
        ExecutorService devices = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "device", 512 * 1024);
            t.setDaemon(true);
            return t;
        });
        try {
            Bench.log("two nodes: building a copy of the distribution for PostgreSQL, then nodes on ports " + (base + 1) + " and " + (base + 2));
            Path built = Cluster.buildForPostgres(keycloakHome, workDir);
            String adminPassword = Distribution.newAdminPassword();
            String hostname = "http://127.0.0.1:" + (base + 1);
            for (int i = 1; i <= 2; i++) {
                String name = "node-" + (char) ('a' + i - 1);
                Path home = workDir.resolve(name);
                Distribution.copy(built, home);
                Server node = Server.clusterNode(home, workDir, name, base + i, base + 10 + i, javaOpts, adminPassword,
                        Cluster.nodeOptions(i, name, postgres, hostname, base + 20 + i).toList());
                nodes.add(node);
                node.start(Duration.ofMinutes(10)); // one after the other (node 1 took 301 s at load 30): the first creates the schema and imports the realm
            }
            List<Supplier<Path>> logs = List.of(nodes.get(0)::log, nodes.get(1)::log);
            Cluster.awaitMembers(logs, 2, Duration.ofSeconds(90));
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            Bench.log(String.format("two nodes: a cluster of two after %.0f s", startSeconds));

            Server node1 = nodes.get(0);
            Server node2 = nodes.get(1);
            Admin admin = new Admin(node1);
            admin.openRiskPolicyForTheBench();
            admin.raiseEnrolmentLimitsForTheBench();
            // Enrolled through node 1; the same phone then reaches node 2 (still signing for the public URL).
            LinkedBlockingQueue<Practitioner> practitioners = new LinkedBlockingQueue<>();
            for (Practitioner p : Practitioner.createMany(admin, node1.baseUrl(), practitionerCount)) {
                practitioners.add(new Practitioner(p.userId(), p.rpps(), onNode(p.device(), node2)));
            }
            HttpClient[] clients = {Login.newHttpClient(), Login.newHttpClient()};
            Login login = new Login(node1.realmUrl(), clients, devices);
            Load load = new Load(node1, practitioners, new Quiet(node1, Duration.ZERO));
            Function<Practitioner, Login.Result> human = p -> login.vigie(p, ThreadLocalRandom.current().nextLong(1_000, 3_001));
            Bench.log("two nodes: approval latency at " + lowRate + " logins/s, browser on node 1, phone on node 2");
            Stats.Phase low = load.open("two nodes, low load", "vigie", lowRate, window, human);
            Bench.log("two nodes: approval latency at " + halfRate + " logins/s");
            Stats.Phase half = load.open("two nodes, 50 % of one node's saturation", "vigie", halfRate, window, human);
            for (Stats.Phase p : List.of(low, half)) {
                Bench.log(String.format("two nodes, %s: %d logins, %d errors, approval → browser p50 %.0f ms p99 %.0f ms%s", p.name(),
                        p.completed(), p.errors(), p.approvalToBrowser().p50Ms(), p.approvalToBrowser().p99Ms(),
                        p.errorSamples().isEmpty() ? "" : " " + p.errorSamples()));
            }
            return new Result(null, startSeconds, practitioners.size(), low, half);
        } catch (Exception e) {
            Bench.log("two nodes: failed: " + e);
            return new Result("failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 0, 0, null, null);
        } finally {
            devices.shutdownNow();
            stopAll.run();
            Bench.ON_ABORT.remove(stopAll);
            for (String copy : List.of("dist", "node-a", "node-b")) {
                Distribution.deleteTree(workDir.resolve(copy));
            }
        }
    }

    /** The same phone reaching node 2 directly: same key, ids and PIN key, signing for the public device API URL. */
    private static DeviceClient onNode(DeviceClient device, Server node) {
        DeviceClient same = new DeviceClient(DeviceClient.deviceApiUrl(node.baseUrl(), Server.REALM), device.key(), device.deviceId(),
                device.userId()).audience(device.audience());
        return device.sendsPinInClear() ? same.legacyPin() : same.pinKey(device.pinKey());
    }
}
