package org.vigie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The saturation figures measured again and again: after the sweep, pairs of windows (stock at its
 * best level, then Vigie at its best level), so that a ratio is reported with the spread of
 * repeated windows rather than as one number.
 */
final class Saturation {

    /** One stock window and the Vigie window right after it. */
    record Pair(Stats.Phase stock, Stats.Phase vigie) {
        double throughputRatio() {
            return vigie.loginsPerSecond() / stock.loginsPerSecond();
        }

        double cpuRatio() {
            return vigie.serverCpuMsPerLogin() / stock.serverCpuMsPerLogin();
        }
    }

    /** Smallest, median and largest of repeated measurements. */
    record Spread(int n, double min, double median, double max) {
        static Spread of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(sorted.length, sorted[0], WarmUp.median(sorted), sorted[sorted.length - 1]);
        }

        static <T> Spread of(List<T> items, ToDoubleFunction<T> value) {
            List<Double> values = new ArrayList<>();
            items.forEach(i -> values.add(value.applyAsDouble(i)));
            return of(values);
        }

        /** Relative width: (max − min) / median. */
        double relative() {
            return (max - min) / median;
        }
    }

    private Saturation() {
    }

    static List<Pair> run(Load load, int stockConcurrency, int vigieConcurrency, int repeats, Duration ramp, Duration window,
                          Function<Practitioner, Login.Result> stock, Function<Practitioner, Login.Result> vigie) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            Stats.Phase s = load.closed("saturation, repeated", "stock", stockConcurrency, ramp, window, stock);
            Stats.Phase v = load.closed("saturation, repeated", "vigie", vigieConcurrency, ramp, window, vigie);
            Pair pair = new Pair(s, v);
            pairs.add(pair);
            Bench.log(String.format("saturation %d/%d: stock %.1f logins/s at %.1f CPU-ms (c=%d), Vigie %.1f at %.1f (c=%d): "
                            + "%.2f × the logins/s, %.2f × the CPU per login", i + 1, repeats, s.loginsPerSecond(), s.serverCpuMsPerLogin(),
                    stockConcurrency, v.loginsPerSecond(), v.serverCpuMsPerLogin(), vigieConcurrency, pair.throughputRatio(), pair.cpuRatio()));
        }
        return pairs;
    }
}
