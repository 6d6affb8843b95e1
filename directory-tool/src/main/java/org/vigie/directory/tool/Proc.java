package org.vigie.directory.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time from Linux's {@code /proc}: user + system, in seconds. */
final class Proc {

    private static final double TICKS_PER_SECOND = 100.0;

    private Proc() {
    }

    /** CPU of all the process's threads alive now, from their scheduler statistics (nanoseconds). */
    static double processCpuSeconds(long pid) throws IOException {
        double total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]) / 1e9;
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return Math.max(total, ticks(pid));
    }

    /** The process's peak resident set size so far (VmHWM), in MB; -1 if unknown. */
    static long peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static double ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3; utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
