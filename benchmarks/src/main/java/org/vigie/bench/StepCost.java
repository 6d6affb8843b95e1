package org.vigie.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's CPU per step of a login: logins run one at a time, one request at a time, and the
 * server's threads' CPU (nanosecond schedstat) is read after each step. Where a login's cost goes.
 */
final class StepCost implements Login.Steps {

    /** Lets the server finish what it does after answering (logging, connection handling). */
    private static final long SETTLE_MS = 3;

    private final long pid;
    private final Map<String, long[]> steps = new LinkedHashMap<>();
    private Map<Long, Long> last;

    StepCost(long pid) {
        this.pid = pid;
    }

    @Override
    public void start() {
        Bench.sleep(SETTLE_MS);
        last = Proc.threadsCpuNanos(pid);
    }

    @Override
    public void done(String step) {
        Bench.sleep(SETTLE_MS);
        Map<Long, Long> now = Proc.threadsCpuNanos(pid);
        long[] total = steps.computeIfAbsent(step, s -> new long[2]);
        total[0] += Proc.cpuNanosBetween(last, now);
        total[1]++;
        last = now;
    }

    /** Mean server CPU per step, in milliseconds, in the order the steps happen. */
    Map<String, Double> meanMs() {
        Map<String, Double> out = new LinkedHashMap<>();
        steps.forEach((step, total) -> out.put(step, total[0] / 1e6 / total[1]));
        return out;
    }
}
