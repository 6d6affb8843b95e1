package org.vigie.directory.tool;

import java.io.PrintStream;

/**
 * A progress line on the terminal: bar, rows read, rows per second and the time left (from the
 * bytes read against the file's size). On a terminal it redraws one line; in a log, a line every 10 s.
 */
final class Progress {

    private final PrintStream out;
    private final long totalBytes;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDrawn;

    Progress(PrintStream out, long totalBytes, boolean terminal) {
        this.out = out;
        this.totalBytes = Math.max(1, totalBytes);
        this.terminal = terminal;
    }

    void update(long rows, long bytes) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 10_000_000_000L;
        if (now - lastDrawn < interval) {
            return;
        }
        lastDrawn = now;
        out.print(terminal ? "\r" + line(rows, bytes, now) : line(rows, bytes, now) + System.lineSeparator());
        out.flush();
    }

    void done(long rows, long bytes) {
        String line = line(rows, bytes, System.nanoTime());
        out.print(terminal ? "\r" + line + System.lineSeparator() : line + System.lineSeparator());
        out.flush();
    }

    String line(long rows, long bytes, long now) {
        double seconds = Math.max(0.001, (now - started) / 1e9);
        double fraction = Math.min(1.0, (double) bytes / totalBytes);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        long rate = Math.round(rows / seconds);
        String eta = fraction <= 0 ? "--:--" : clock(seconds / fraction - seconds);
        return String.format("[%s%s] %3d%%  %,d rows  %,d rows/s  elapsed %s  left %s ",
                "#".repeat(filled), ".".repeat(width - filled), Math.round(fraction * 100), rows, rate, clock(seconds), eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}
