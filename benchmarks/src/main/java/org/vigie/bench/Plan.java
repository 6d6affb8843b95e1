package org.vigie.bench;

import java.time.Duration;
import java.util.List;

/** How long and how hard each phase runs: the full run (about 12 minutes on a quiet machine) or {@code --quick} (about 4). */
record Plan(String mode,
            int practitioners,
            int heapPending,
            Duration warmUp,
            List<Integer> concurrencies,
            int fixedConcurrency,
            Duration ramp,
            Duration window,
            Duration approvalWindow,
            int waitingBrowsers,
            Duration waitingWindow,
            Duration parkedOnlyWindow,
            int stepLogins,
            int waitingRounds) {

    static Plan full() {
        return new Plan("full", 160, 10_000, Duration.ofSeconds(25), List.of(1, 2, 4, 8, 16, 32, 64, 128), 8,
                Duration.ofSeconds(3), Duration.ofSeconds(12), Duration.ofSeconds(40), 1_000,
                Duration.ofSeconds(15), Duration.ofSeconds(10), 100, 2);
    }

    static Plan quick() {
        return new Plan("quick", 72, 1_000, Duration.ofSeconds(10), List.of(8, 32, 64), 8,
                Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(10), 1_000,
                Duration.ofSeconds(6), Duration.ofSeconds(4), 30, 1);
    }

    /** The hard limit after which the run is abandoned and the server stopped, whatever happens. */
    Duration deadline() {
        return "quick".equals(mode) ? Duration.ofMinutes(9) : Duration.ofMinutes(24);
    }

    /** At most this long, in all, waiting for other processes to leave the CPU before measuring. */
    Duration quietBudget() {
        return "quick".equals(mode) ? Duration.ofMinutes(1) : Duration.ofMinutes(3);
    }
}
