package org.vigie.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 11's timing figure: the identifier step's {@code POST} for an enrolled identifier against
 * an unknown one, interleaved (each try is one of each, in random order, so that a drift of the
 * machine weighs on both), one request at a time. Both pools are cycled alike, so that each
 * identifier carries the same number of pending logins on either side.
 */
final class IdentifierTiming {

    private IdentifierTiming() {
    }

    record Result(int tries, int warmUpTries, int identifiersPerSide, double medianEnrolledMs, double medianUnknownMs,
                  Compare.Interval medianDifferenceMs, Compare.Interval hodgesLehmannMs, int bootstrapResamples,
                  int errors, List<String> errorSamples, double serverCores, double benchCores, double otherCores,
                  double seconds, double[] enrolledMs, double[] unknownMs) {
        static final double TARGET_MS = 0.1;

        boolean met() {
            return errors == 0 && Math.abs(medianDifferenceMs.estimate()) <= TARGET_MS;
        }
    }

    static Result run(Server server, List<String> enrolled, List<String> unknown, int tries, int warmUp) {
        HttpClient http = Login.newHttpClient();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < warmUp; i++) {
            once(http, server, enrolled.get(i % enrolled.size()), errors);
            once(http, server, unknown.get(i % unknown.size()), errors);
        }
        int warmUpErrors = errors.size();
        double[] a = new double[tries];
        double[] b = new double[tries];
        Stats.Snapshot before = Stats.Snapshot.take(server);
        for (int i = 0; i < tries; i++) {
            boolean enrolledFirst = ThreadLocalRandom.current().nextBoolean();
            if (enrolledFirst) {
                a[i] = once(http, server, enrolled.get(i % enrolled.size()), errors);
                b[i] = once(http, server, unknown.get(i % unknown.size()), errors);
            } else {
                b[i] = once(http, server, unknown.get(i % unknown.size()), errors);
                a[i] = once(http, server, enrolled.get(i % enrolled.size()), errors);
            }
        }
        Stats.Snapshot after = Stats.Snapshot.take(server);
        double s = before.seconds(after);
        int resamples = 10_000;
        return new Result(tries, warmUp, enrolled.size(), Compare.median(a), Compare.median(b),
                Compare.medianDifferenceBootstrap(a, b, resamples, 11), Compare.hodgesLehmann(a, b), resamples,
                errors.size() - warmUpErrors, errors.stream().limit(5).toList(),
                before.serverCpuSeconds(after) / s, before.driverCpuSeconds(after) / s, before.otherCpuSeconds(after) / s, s, a, b);
    }

    /** One identifier typed in a fresh browser: the POST's time in ms (NaN-free: an error counts its time too). */
    private static double once(HttpClient http, Server server, String identifier, List<String> errors) {
        try {
            IdentifierStep.Started started = IdentifierStep.start(http, server.realmUrl(), identifier, null);
            if (!started.waitingPage()) {
                errors.add(identifier + ": no waiting page (" + started.status() + ")");
            }
            return started.postNanos() / 1e6;
        } catch (Exception e) {
            errors.add(identifier + ": " + e);
            return 0;
        }
    }
}
