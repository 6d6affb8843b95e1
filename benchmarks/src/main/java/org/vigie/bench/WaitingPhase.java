package org.vigie.bench;

import java.util.ArrayList;
import java.util.List;

/** Phase 5: stock logins without, with, without… browsers waiting on Vigie's page. */
final class WaitingPhase {

    private WaitingPhase() {
    }

    /**
     * Stock logins at the stock saturation's concurrency without, with, without… browsers
     * parked on Vigie's waiting page (fresh ones each time), alternating so that a drift of
     * the machine weighs on both sides.
     */
    static Results.Waiting run(Plan plan, Server server, Load load, Quiet quiet, Login login, java.net.http.HttpClient[] clients,
                               int concurrency) {
        Results.Waiting w = new Results.Waiting();
        w.stockConcurrency = concurrency;
        w.idleDump = server.workerThreadsBusy();
        w.without.add(load.closed("stock, no waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(), login::stock));
        Bench.log(Bench.Run.line(w.without.get(0)));
        List<Long> pollTimes = new ArrayList<>();
        // The idle server's own CPU (JIT, timers, expiry), to tell it from the parked browsers'.
        Bench.sleep(2_000);
        Load.Measured idle = load.measure(System.nanoTime() + plan.parkedOnlyWindow().toNanos());
        double idleSeconds = idle.before().seconds(idle.after());
        w.idleServerCores = idle.before().serverCpuSeconds(idle.after()) / idleSeconds;
        w.idleJitCores = idle.before().jitCores(idle.after());
        Bench.log(String.format("idle server: %.2f cores (JIT %.2f)", w.idleServerCores, w.idleJitCores));
        for (int round = 0; round < plan.waitingRounds(); round++) {
            try (ParkedBrowsers parked = new ParkedBrowsers(server, login)) {
                long t0 = System.nanoTime();
                w.parked = parked.park(plan.waitingBrowsers(), clients);
                w.parkSeconds = (System.nanoTime() - t0) / 1e9;
                Bench.log("parked " + w.parked + " browsers on the waiting page in " + Math.round(w.parkSeconds) + " s; each long-polling (at most "
                        + Login.LONG_POLL_SECONDS + " s a request)");
                Bench.sleep(2_000);
                if (round == 0) {
                    quiet.await("measuring the waiting browsers alone");
                    long polls0 = parked.polls();
                    Load.Measured alone = load.measure(System.nanoTime() + plan.parkedOnlyWindow().toNanos());
                    double seconds = alone.before().seconds(alone.after());
                    w.parkedOnlyPollsPerSecond = (parked.polls() - polls0) / seconds;
                    w.parkedOnlyServerCores = alone.before().serverCpuSeconds(alone.after()) / seconds;
                    w.parkedOnlyDriverCores = alone.before().driverCpuSeconds(alone.after()) / seconds;
                    w.parkedOnlyOtherCores = alone.before().otherCpuSeconds(alone.after()) / seconds;
                    w.parkedOnlyJitCores = alone.before().jitCores(alone.after());
                    w.parkedOnlyGcCores = alone.before().gcCores(alone.after());
                    w.parkedOnlyWorkerThreadsMax = alone.workerThreads().stream().mapToInt(Integer::intValue).max().orElse(-1);
                    w.parkedDump = server.workerThreadsBusy();
                    w.serverSocketsParked = Proc.sockets(server.pid());
                    Bench.log(String.format("waiting browsers alone: %.0f polls/s, server %.2f cores (JIT %.2f, GC %.2f), worker threads %d (busy in a thread dump: %d)",
                            w.parkedOnlyPollsPerSecond, w.parkedOnlyServerCores, w.parkedOnlyJitCores, w.parkedOnlyGcCores,
                            w.parkedOnlyWorkerThreadsMax, w.parkedDump[1]));
                }
                parked.recording(true);
                Stats.Phase with = load.closed("stock with waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(),
                        login::stock);
                parked.recording(false);
                w.with.add(with);
                Bench.log(Bench.Run.line(with));
                pollTimes.addAll(parked.pollTimes());
                w.pollErrors += parked.errors();
                w.pollsNotPending += parked.notPending();
            }
            Bench.sleep(2_000);
            w.serverSocketsAfter = Proc.sockets(server.pid());
            Stats.Phase without = load.closed("stock, no waiting browsers", "stock", concurrency, plan.ramp(), plan.waitingWindow(),
                    login::stock);
            w.without.add(without);
            Bench.log(Bench.Run.line(without));
        }
        w.statusPoll = Stats.Latency.of(pollTimes);
        return w;
    }
}
