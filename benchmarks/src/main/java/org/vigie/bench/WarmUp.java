package org.vigie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Warms the server up until the CPU a login costs stops moving: windows of stock then Vigie
 * logins at a fixed concurrency, alternating, until the last {@link #STABLE_WINDOWS} windows of
 * each login agree within {@link #STABLE_SPREAD} of their median (JIT compilation and caches
 * settled), or until the plan's limit. A run on main once found stock at 60–67 CPU-ms per login
 * during the sweep and 41 in its last phase: the JVM was still warming up.
 */
final class WarmUp {

    static final int STABLE_WINDOWS = 3;
    /** (max − min) / median of the last windows' server CPU-ms per login. */
    static final double STABLE_SPREAD = 0.10;

    /** Every window, and whether (and when) both logins were stable. */
    record Result(List<Stats.Phase> windows, boolean stable, double seconds, double stockSpread, double vigieSpread) {
    }

    private WarmUp() {
    }

    static Result run(Load load, int concurrency, Duration window, Duration limit, Function<Practitioner, Login.Result> stock,
                      Function<Practitioner, Login.Result> vigie) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Stats.Phase> windows = new ArrayList<>();
        List<Double> stockCpu = new ArrayList<>();
        List<Double> vigieCpu = new ArrayList<>();
        boolean stable = false;
        while (!stable && System.nanoTime() < deadline) {
            Stats.Phase s = load.closedOnce("warm-up", "stock", concurrency, Duration.ZERO, window, stock);
            Stats.Phase v = load.closedOnce("warm-up", "vigie", concurrency, Duration.ZERO, window, vigie);
            windows.add(s);
            windows.add(v);
            stockCpu.add(s.serverCpuMsPerLogin());
            vigieCpu.add(v.serverCpuMsPerLogin());
            Bench.log(String.format("warm-up window %d: stock %.1f, Vigie %.1f server CPU-ms per login (spread of the last %d: %.0f %% / %.0f %%)",
                    stockCpu.size(), s.serverCpuMsPerLogin(), v.serverCpuMsPerLogin(), STABLE_WINDOWS,
                    100 * spread(last(stockCpu)), 100 * spread(last(vigieCpu))));
            stable = stockCpu.size() >= STABLE_WINDOWS && spread(last(stockCpu)) <= STABLE_SPREAD && spread(last(vigieCpu)) <= STABLE_SPREAD;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!stable) {
            Bench.log("warm-up: not stable within " + limit.toSeconds() + " s: measuring anyway (the report says so)");
        }
        return new Result(windows, stable, seconds, spread(last(stockCpu)), spread(last(vigieCpu)));
    }

    private static List<Double> last(List<Double> values) {
        return values.subList(Math.max(0, values.size() - STABLE_WINDOWS), values.size());
    }

    /** (max − min) / median; NaN for fewer than {@link #STABLE_WINDOWS} values or any NaN (a window without logins). */
    static double spread(List<Double> values) {
        if (values.size() < STABLE_WINDOWS || values.stream().anyMatch(v -> v.isNaN())) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return (sorted[sorted.length - 1] - sorted[0]) / median(sorted);
    }

    static double median(double[] sorted) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
