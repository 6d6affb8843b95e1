package org.vigie.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Everything one run measured; written as results.json and results.md. */
final class Results {

    public String mode;
    public String startedAt;
    public double finishedAfterSeconds;
    public double loadAverageBefore;
    public double loadAverageAfter;
    /** Time spent waiting for other processes to leave the CPU before measured phases. */
    public double quietWaitSeconds;
    public Machine machine;
    public Map<String, String> approvalConfig;
    public int practitioners;
    public int fixedConcurrency;
    public Heap heap;
    /** CPU of the idle server (background tasks), in cores, measured before the sweep. */
    public double idleServerCores;
    /** Warm-up windows until the CPU per login was stable. */
    public WarmUp.Result warmUp;
    /** After the sweep: stock then Vigie at their saturation levels, again and again. */
    public List<Saturation.Pair> saturationRepeats = new ArrayList<>();
    /** Where the approval step's CPU goes (JFR). */
    public ApprovalProfile.Result approvalProfile;
    /** Approval on node 2, browser on node 1. */
    public TwoNodes.Result twoNodes;
    /** Mean server CPU-ms per step of each login, logins one at a time. */
    public Map<String, Map<String, Double>> steps;
    public List<Stats.Phase> sweep = new ArrayList<>();
    public Stats.Phase approvalLow;
    public Stats.Phase approvalHalf;
    public Waiting waiting;

    /** The sweep level with the most logins per second for this flow. */
    Stats.Phase saturation(String flow) {
        return sweep.stream().filter(p -> p.flow().equals(flow)).max(Comparator.comparingDouble(Stats.Phase::loginsPerSecond)).orElseThrow();
    }

    /** The lowest sweep level giving at least 90 % of the best throughput: saturated, without a needlessly long queue. */
    Stats.Phase knee(String flow) {
        double best = saturation(flow).loginsPerSecond();
        return sweep.stream().filter(p -> p.flow().equals(flow) && p.loginsPerSecond() >= 0.9 * best)
                .min(Comparator.comparingInt(Stats.Phase::concurrency)).orElseThrow();
    }

    /** The most CPU that other processes of the machine used during a measured phase, in cores. */
    double worstDisturbance() {
        return java.util.stream.Stream.of(sweep.stream(), java.util.stream.Stream.of(approvalLow, approvalHalf),
                        saturationRepeats.stream().flatMap(p -> java.util.stream.Stream.of(p.stock(), p.vigie())),
                        waiting.without.stream(), waiting.with.stream()).flatMap(s -> s)
                .mapToDouble(Stats.Phase::otherCores).max().orElse(0);
    }

    Stats.Phase at(String flow, int concurrency) {
        return sweep.stream().filter(p -> p.flow().equals(flow) && p.concurrency() == concurrency).findFirst().orElseThrow();
    }

    int errors() {
        int errors = 0;
        for (Stats.Phase p : sweep) {
            errors += p.errors();
        }
        return errors;
    }

    int errors(String flow) {
        return sweep.stream().filter(p -> p.flow().equals(flow)).mapToInt(Stats.Phase::errors).sum();
    }

    record Machine(String cpu, int cores, long memoryMb, String serverJvm, List<String> serverJvmOptions, String loadGeneratorJvm,
                   String keycloak) {
        static Machine of(Server server, Path keycloakHome) {
            String dir = keycloakHome.getFileName().toString();
            return new Machine(Proc.cpuModel(), Runtime.getRuntime().availableProcessors(), Proc.memTotalKb() / 1024,
                    server.jvmVersion(), server.jvmOptions(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    dir.startsWith("keycloak-") ? "Keycloak " + dir.substring("keycloak-".length()) : dir);
        }
    }

    /** Heap after full GC: none pending, N stock logins on the login page, N Vigie logins on the waiting page on top. */
    /**
     * @param vigieClasses what the Vigie logins added, by class: "class instances-per-login bytes-per-login", most bytes first
     */
    record Heap(int pending, long none, int stockMade, long withStock, int vigieMade, long withVigie, double seconds,
                List<String> vigieClasses) {
        public double perStockLogin() {
            return (withStock - none) / (double) stockMade;
        }

        public double perVigieLogin() {
            return (withVigie - withStock) / (double) vigieMade;
        }

        /** What the challenge adds to a pending login (its authentication session is there in both). */
        public double perChallenge() {
            return perVigieLogin() - perStockLogin();
        }
    }

    /** Stock logins without, with, and again without browsers parked on the waiting page. */
    static final class Waiting {
        public int parked;
        public double parkSeconds;
        public int stockConcurrency;
        /** Alternating: without, with, without, with, without… */
        public List<Stats.Phase> without = new ArrayList<>();
        public List<Stats.Phase> with = new ArrayList<>();
        public double parkedOnlyPollsPerSecond;
        public double parkedOnlyServerCores;
        public double parkedOnlyDriverCores;
        public double parkedOnlyOtherCores;
        /** Of the server's CPU with only the parked browsers: its JIT compiler and GC threads. */
        public double parkedOnlyJitCores;
        public double parkedOnlyGcCores;
        /** The same window on the idle server, just before parking: what the server spends on its own. */
        public double idleServerCores;
        public double idleJitCores;
        public int parkedOnlyWorkerThreadsMax;
        /** {total, busy} worker threads in a thread dump: idle server, then with only the parked browsers. */
        public int[] idleDump;
        public int[] parkedDump;
        public int serverSocketsParked;
        public int serverSocketsAfter;
        public Stats.Latency statusPoll;
        public long pollErrors;
        public long pollsNotPending;

        static double mean(List<Stats.Phase> phases, java.util.function.ToDoubleFunction<Stats.Phase> value) {
            return phases.stream().mapToDouble(value).average().orElse(Double.NaN);
        }

        /** The share of stock throughput the parked browsers cost. */
        double cost() {
            return 1 - mean(with, Stats.Phase::loginsPerSecond) / mean(without, Stats.Phase::loginsPerSecond);
        }
    }
}
