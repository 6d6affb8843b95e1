package org.vigie.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard each phase runs: the full run (about 20 minutes on a quiet machine),
 * {@code --quick} (about 9) or {@code --smoke} (a few minutes: proves every phase works, figures
 * meaningless).
 */
record Plan(String mode,
            int practitioners,
            int heapPending,
            Duration warmUpWindow,
            Duration warmUpLimit,
            List<Integer> concurrencies,
            int fixedConcurrency,
            Duration ramp,
            Duration window,
            int saturationRepeats,
            Duration approvalWindow,
            Duration profileWindow,
            int waitingBrowsers,
            Duration waitingWindow,
            Duration parkedOnlyWindow,
            int stepLogins,
            int waitingRounds,
            int twoNodePractitioners,
            Duration twoNodeWindow) {

    static Plan full() {
        return new Plan("full", 160, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(240), List.of(1, 2, 4, 8, 16, 32, 64, 128), 8,
                Duration.ofSeconds(3), Duration.ofSeconds(12), 5, Duration.ofSeconds(40), Duration.ofSeconds(30), 1_000,
                Duration.ofSeconds(15), Duration.ofSeconds(10), 100, 4, 200, Duration.ofSeconds(40));
    }

    static Plan quick() {
        return new Plan("quick", 72, 1_000, Duration.ofSeconds(5), Duration.ofSeconds(60), List.of(8, 32, 64), 8,
                Duration.ofSeconds(2), Duration.ofSeconds(6), 2, Duration.ofSeconds(10), Duration.ofSeconds(8), 1_000,
                Duration.ofSeconds(6), Duration.ofSeconds(4), 30, 1, 100, Duration.ofSeconds(10));
    }

    static Plan smoke() {
        return new Plan("smoke", 24, 200, Duration.ofSeconds(3), Duration.ofSeconds(12), List.of(8), 8,
                Duration.ofSeconds(1), Duration.ofSeconds(3), 2, Duration.ofSeconds(5), Duration.ofSeconds(4), 100,
                Duration.ofSeconds(3), Duration.ofSeconds(2), 5, 1, 8, Duration.ofSeconds(5));
    }

    /** The hard limit after which the run is abandoned and the server stopped, whatever happens. */
    Duration deadline() {
        return switch (mode) {
            case "smoke" -> Duration.ofMinutes(20);
            case "quick" -> Duration.ofMinutes(20);
            default -> Duration.ofMinutes(40);
        };
    }

    /** At most this long, in all, waiting for other processes to leave the CPU before measuring. */
    Duration quietBudget() {
        return switch (mode) {
            case "smoke" -> Duration.ZERO;
            case "quick" -> Duration.ofMinutes(1);
            default -> Duration.ofMinutes(3);
        };
    }
}
