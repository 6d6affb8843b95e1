package org.vigie.bench;

import java.time.Duration;

/**
 * The load generator shares the machine with the server, and the machine may be shared with
 * other work (builds, tests). Before each measured phase, waits until processes other than the
 * server and this JVM use less than {@value #THRESHOLD_CORES} cores over one second, within a
 * total budget for the run; then measures anyway, and the report shows what others used.
 */
final class Quiet {

    static final double THRESHOLD_CORES = 0.15;

    private final Server server;
    private long budgetNanos;
    private long waitedNanos;

    Quiet(Server server, Duration budget) {
        this.server = server;
        this.budgetNanos = budget.toNanos();
    }

    void await(String before) {
        long start = System.nanoTime();
        boolean said = false;
        while (System.nanoTime() - start < budgetNanos) {
            Stats.Snapshot a = Stats.Snapshot.take(server);
            Bench.sleep(1_000);
            Stats.Snapshot b = Stats.Snapshot.take(server);
            double others = a.otherCpuSeconds(b) / a.seconds(b);
            if (others < THRESHOLD_CORES) {
                break;
            }
            if (!said) {
                Bench.log(String.format("other processes use %.2f cores: waiting for a quiet machine before %s", others, before));
                said = true;
            }
        }
        long waited = System.nanoTime() - start;
        budgetNanos = Math.max(0, budgetNanos - waited);
        waitedNanos += waited;
    }

    boolean hasBudget() {
        return budgetNanos > 0;
    }

    double waitedSeconds() {
        return waitedNanos / 1e9;
    }
}
