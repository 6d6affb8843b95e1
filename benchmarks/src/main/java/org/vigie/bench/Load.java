package org.vigie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Drives logins: a closed loop (N browsers logging in back to back, no pause) or an open loop
 * (logins arriving at random at a given rate). A practitioner is used by one login at a time
 * (Vigie keeps one pending challenge per practitioner). Every phase is bounded in time.
 */
final class Load {

    private final Server server;
    private final BlockingQueue<Practitioner> practitioners;
    private final Quiet quiet;

    Load(Server server, BlockingQueue<Practitioner> practitioners, Quiet quiet) {
        this.server = server;
        this.practitioners = practitioners;
        this.quiet = quiet;
    }

    /** Collects the results of logins that ended inside the measured window. */
    private static final class Recorder {
        final long from;
        final long to;
        final boolean byStart;
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final List<Long> approvals = Collections.synchronizedList(new ArrayList<>());
        final List<Long> polls = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        Recorder(long from, long to, boolean byStart) {
            this.from = from;
            this.to = to;
            this.byStart = byStart;
        }

        void add(Login.Result r) {
            long t = byStart ? r.start() : r.end();
            if (t < from || t >= to) {
                return;
            }
            if (r.ok()) {
                completed.incrementAndGet();
                latencies.add(r.latency());
                if (r.approvalToBrowser() != Login.Result.NO_APPROVAL) {
                    approvals.add(r.approvalToBrowser());
                }
                polls.addAll(r.polls());
            } else {
                fail(r.error());
            }
        }

        void fail(String error) {
            failed.incrementAndGet();
            if (errors.size() < 5) {
                errors.add(error);
            }
        }
    }

    /** {@code concurrency} browsers log in back to back; measured after {@code ramp}, for {@code window}. */
    Stats.Phase closed(String name, String flow, int concurrency, Duration ramp, Duration window,
                       Function<Practitioner, Login.Result> login) {
        return onceMoreIfDisturbed(flow + " " + name + " c=" + concurrency,
                () -> closedOnce(name, flow, concurrency, ramp, window, login));
    }

    /**
     * Measures after waiting for a quiet machine; when other processes still took more than
     * {@value Quiet#THRESHOLD_CORES} cores during the window, measures once more (while the quiet
     * budget lasts) and keeps the less disturbed of the two.
     */
    private Stats.Phase onceMoreIfDisturbed(String what, java.util.function.Supplier<Stats.Phase> measure) {
        quiet.await(what);
        Stats.Phase phase = measure.get();
        if (phase.otherCores() > Quiet.THRESHOLD_CORES && quiet.hasBudget()) {
            Bench.log(String.format("%s: other processes took %.2f cores meanwhile: measuring again", what, phase.otherCores()));
            quiet.await(what);
            Stats.Phase again = measure.get();
            if (again.otherCores() < phase.otherCores()) {
                phase = again;
            }
        }
        return phase;
    }

    /** One window, measured at once (no wait for a quiet machine): the warm-up's windows. */
    Stats.Phase closedOnce(String name, String flow, int concurrency, Duration ramp, Duration window,
                                   Function<Practitioner, Login.Result> login) {
        long start = System.nanoTime();
        long from = start + ramp.toNanos();
        long to = from + window.toNanos();
        Recorder recorder = new Recorder(from, to, false);
        List<Thread> browsers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread browser = new Thread(null, () -> {
                while (System.nanoTime() < to) {
                    Practitioner p;
                    try {
                        p = practitioners.poll(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (p == null) {
                        continue;
                    }
                    try {
                        recorder.add(login.apply(p));
                    } finally {
                        practitioners.add(p);
                    }
                }
            }, name + "-" + i, 512 * 1024);
            browser.setDaemon(true);
            browsers.add(browser);
            browser.start();
        }
        Bench.sleepUntil(from);
        Measured measured = measure(to);
        joinAll(browsers, start);
        return phase(name, flow, concurrency, Double.NaN, recorder, measured);
    }

    /** Logins arriving at random (Poisson) at {@code perSecond} for {@code window}; results by start time. */
    Stats.Phase open(String name, String flow, double perSecond, Duration window, Function<Practitioner, Login.Result> login) {
        return onceMoreIfDisturbed(flow + " " + name, () -> openOnce(name, flow, perSecond, window, login));
    }

    private Stats.Phase openOnce(String name, String flow, double perSecond, Duration window, Function<Practitioner, Login.Result> login) {
        ExecutorService browsers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, name, 512 * 1024);
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long to = start + window.toNanos();
        Recorder recorder = new Recorder(start, to, true);
        Stats.Snapshot before = Stats.Snapshot.take(server);
        List<Integer> workers = new ArrayList<>();
        long next = start;
        while (true) {
            next += (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) / perSecond * 1e9);
            if (next >= to) {
                break;
            }
            Bench.sleepUntil(next);
            Practitioner p = practitioners.poll();
            if (p == null) {
                recorder.fail("no free practitioner: arrival dropped");
                continue;
            }
            browsers.execute(() -> {
                try {
                    recorder.add(login.apply(p));
                } finally {
                    practitioners.add(p);
                }
            });
            workers.add(server.workerThreads());
        }
        browsers.shutdown();
        try {
            browsers.awaitTermination(Login.LOGIN_TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        browsers.shutdownNow();
        Stats.Snapshot after = Stats.Snapshot.take(server);
        Measured measured = new Measured(before, after, workers);
        Stats.Phase p = phase(name, flow, 0, perSecond, recorder, measured);
        // Throughput over the arrival window, not over the tail.
        double seconds = window.toNanos() / 1e9;
        return new Stats.Phase(p.name(), p.flow(), p.concurrency(), perSecond, seconds, p.completed(), p.errors(),
                p.completed() / seconds, p.latency(), p.serverCpuSeconds(), p.serverCpuMsPerLogin(), p.serverCores(),
                p.driverCores(), p.otherCores(), p.serverJitCores(), p.serverGcCores(), p.workerThreadsMax(), p.workerThreadsMean(), p.approvalToBrowser(),
                p.statusPoll(), p.errorSamples());
    }

    record Measured(Stats.Snapshot before, Stats.Snapshot after, List<Integer> workerThreads) {
    }

    /** CPU snapshots now and at {@code until}, worker threads sampled every second in between. */
    Measured measure(long until) {
        Stats.Snapshot before = Stats.Snapshot.take(server);
        List<Integer> workers = new ArrayList<>();
        while (System.nanoTime() < until) {
            workers.add(server.workerThreads());
            Bench.sleepUntil(Math.min(until, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
        }
        return new Measured(before, Stats.Snapshot.take(server), workers);
    }

    private static Stats.Phase phase(String name, String flow, int concurrency, double offered, Recorder r, Measured m) {
        double seconds = m.before().seconds(m.after());
        double serverCpu = m.before().serverCpuSeconds(m.after());
        int completed = r.completed.get();
        return new Stats.Phase(name, flow, concurrency, offered, seconds, completed, r.failed.get(),
                completed / seconds, Stats.Latency.of(r.latencies),
                serverCpu, completed == 0 ? Double.NaN : serverCpu * 1000 / completed, serverCpu / seconds,
                m.before().driverCpuSeconds(m.after()) / seconds, m.before().otherCpuSeconds(m.after()) / seconds,
                m.before().jitCores(m.after()), m.before().gcCores(m.after()),
                m.workerThreads().stream().mapToInt(Integer::intValue).max().orElse(-1),
                m.workerThreads().stream().mapToInt(Integer::intValue).average().orElse(Double.NaN),
                Stats.Latency.of(r.approvals), Stats.Latency.of(r.polls), List.copyOf(r.errors));
    }

    private static void joinAll(List<Thread> threads, long start) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Login.LOGIN_TIMEOUT_MS + 10_000);
        for (Thread t : threads) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }
}
