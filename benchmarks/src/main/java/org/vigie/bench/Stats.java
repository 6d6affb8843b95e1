package org.vigie.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Latency percentiles (nearest rank) and the figures of one measured phase. */
final class Stats {

    private Stats() {
    }

    /** Percentiles of durations in nanoseconds, reported in milliseconds. */
    record Latency(int samples, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {
        static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Latency of(Collection<Long> nanos) {
            if (nanos.isEmpty()) {
                return NONE;
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6;
            return new Latency(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
                    ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]), mean);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * One measured phase. CPU figures are in cores (CPU-seconds per second of the window):
     * {@code otherCores} is what processes other than the server and this load generator used
     * meanwhile, i.e. how much the measurement was disturbed.
     */
    record Phase(String name, String flow, int concurrency, double offeredPerSecond, double seconds,
                 int completed, int errors, double loginsPerSecond, Latency latency,
                 double serverCpuSeconds, double serverCpuMsPerLogin, double serverCores, double driverCores, double otherCores,
                 double serverJitCores, double serverGcCores,
                 int workerThreadsMax, double workerThreadsMean,
                 Latency approvalToBrowser, Latency statusPoll, List<String> errorSamples) {
    }

    /** CPU counters at one instant: server JVM, this JVM, the whole machine. */
    record Snapshot(long nanos, long serverTicks, long driverTicks, long machineBusy, long jitTicks, long gcTicks) {
        static Snapshot take(Server server) {
            long[] machine = Proc.machineTicks();
            long[] jitGc = Proc.jitAndGcTicks(server.pid());
            return new Snapshot(System.nanoTime(), server.cpuTicks(), Proc.cpuTicks(ProcessHandle.current().pid()), machine[0],
                    jitGc[0], jitGc[1]);
        }

        double jitCores(Snapshot later) {
            return Math.max(0, later.jitTicks - jitTicks) / (double) Proc.CLK_TCK / seconds(later);
        }

        double gcCores(Snapshot later) {
            return Math.max(0, later.gcTicks - gcTicks) / (double) Proc.CLK_TCK / seconds(later);
        }

        double seconds(Snapshot later) {
            return (later.nanos - nanos) / 1e9;
        }

        double serverCpuSeconds(Snapshot later) {
            return (later.serverTicks - serverTicks) / (double) Proc.CLK_TCK;
        }

        double driverCpuSeconds(Snapshot later) {
            return (later.driverTicks - driverTicks) / (double) Proc.CLK_TCK;
        }

        double otherCpuSeconds(Snapshot later) {
            double all = (later.machineBusy - machineBusy) / (double) Proc.CLK_TCK;
            return Math.max(0, all - serverCpuSeconds(later) - driverCpuSeconds(later));
        }
    }
}
