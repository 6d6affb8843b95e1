package org.vigie.directory.tool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vigie.directory.extract.Extract;
import org.vigie.directory.extract.Practitioner;
import org.vigie.directory.extract.SavoirFaire;

/**
 * {@code ./vigie directory bench}: the directory import's figures — first import, the same file
 * again, the next day's file (1 % changed, 0.5 % gone) — with wall time, the server's CPU (from
 * {@code /proc}), the importer's own CPU, both peaks of memory, the machine's load; and, before and
 * after the import, the server CPU of the identifier step and of a token issue with the PSC claims.
 * Against a running server ({@code --server-pid}) or its own ({@code --start h2|postgres}). Prints
 * a Markdown table.
 */
final class DirectoryBench {

    /** What one import cost. */
    record Phase(String name, ImportRun.Summary summary, double serverCpu, double importerCpu, long serverRssMb,
                 long serverHeapMb, long importerHeapMb, String load) {
    }

    /** The server the bench measures: its URL, its JVM's process id, an admin's credentials, and its GC log if it has one. */
    record Target(String url, long pid, String username, String password, Path gcLog) {
    }

    static final String DEMO = "810001045367";
    static final int TIMES = 100;
    static final int STEADY_PERCENT = 10;
    static final int MAX_PASSES = 12;
    static final int MEDIAN_OF = 5;

    private final Target target;
    private final String realm;
    private final int batchSize;
    private final long rows;
    private final long seed;
    private final PrintStream out;
    /** False ({@code --imports-only}): the imports alone, without the identifier and token figures. */
    private final boolean measureLogins;

    DirectoryBench(Target target, String realm, int batchSize, long rows, long seed, boolean measureLogins, PrintStream out) {
        this.measureLogins = measureLogins;
        this.target = target;
        this.realm = realm;
        this.batchSize = batchSize;
        this.rows = rows;
        this.seed = seed;
        this.out = out;
    }

    int run(Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path day1 = work.resolve("bench-day1.txt");
        Path day2 = work.resolve("bench-day2.txt");
        files(work, day1, day2);
        IdentifierCost identifier = new IdentifierCost(target.url(), realm, target.pid());
        TokenCost token = new TokenCost(new AdminClient(target.url(), realm, target.username(), target.password()), target.pid());
        String unknown = "8" + SyntheticExtract.rpps(seed, 3_000_000);
        double[] before = {Double.NaN, Double.NaN};
        double tokenBefore = Double.NaN;
        if (measureLogins) {
            // A fresh server's JIT compiles for minutes and its threads count in the server's CPU:
            // passes until two in a row agree, so that "before" is a warm server's figure, as "after" is.
            before = steady("identifier step before", () -> identifier.measure(List.of(DEMO, unknown), TIMES));
            tokenBefore = steady("token before", () -> new double[] {token.measure(DEMO, 200, TIMES)})[0];
        }
        List<Phase> phases = new ArrayList<>();
        phases.add(phase("first import", day1, work));
        phases.add(phase("same file again", day1, work));
        phases.add(phase("next day (1 % changed, 0.5 % gone)", day2, work));
        double[] after = {Double.NaN, Double.NaN};
        String imported = firstRppsPractitioner(day2);
        double tokenAfter = Double.NaN;
        double tokenImported = Double.NaN;
        if (measureLogins) {
            after = steady("identifier step after", () -> identifier.measure(List.of(DEMO, unknown), TIMES));
            tokenAfter = steady("token after", () -> new double[] {token.measure(DEMO, 200, TIMES)})[0];
            tokenImported = steady("token of an imported practitioner", () -> new double[] {token.measure(imported, 200, TIMES)})[0];
        }

        out.printf(Locale.ROOT, "%n| phase | rows | practitioners | wall s | rows/s | server CPU s | importer CPU s | server peak RSS MB"
                + " | server peak heap MB | importer peak heap MB | load avg (start → end) | added | updated | unchanged | disabled | rejected |%n");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            ImportRun.Summary s = p.summary();
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %.1f | %.1f | %d | %d | %d | %s | %,d | %,d | %,d | %,d | %,d |%n", p.name(),
                    s.rows(), s.practitioners(), s.seconds(), s.rows() / s.seconds(), p.serverCpu(), p.importerCpu(), p.serverRssMb(),
                    p.serverHeapMb(), p.importerHeapMb(), p.load(), s.added(), s.updated(), s.unchanged(), s.disabled(), s.rejected());
        }
        out.printf(Locale.ROOT, "%nIdentifier step, server CPU per submission (ms, mean of %d after warming), before → after the import:%n", TIMES);
        out.printf(Locale.ROOT, "- demo practitioner (local user): %.2f → %.2f (ratio %.2f)%n", before[0], after[0], after[0] / before[0]);
        out.printf(Locale.ROOT, "- unknown identifier: %.2f → %.2f (ratio %.2f)%n", before[1], after[1], after[1] / before[1]);
        out.printf(Locale.ROOT, "Token issue with scope_all (example access token), server CPU per token (ms, mean of %d after 200):%n", TIMES);
        out.printf(Locale.ROOT, "- demo practitioner: %.2f → %.2f (ratio %.2f)%n", tokenBefore, tokenAfter, tokenAfter / tokenBefore);
        out.printf(Locale.ROOT, "- imported practitioner %s after the import: %.2f (ratio to the demo practitioner before: %.2f)%n",
                imported, tokenImported, tokenImported / tokenBefore);
        return 0;
    }

    /** One pass of a login figure: milliseconds per request, for each identifier measured. */
    interface Pass {
        double[] run() throws IOException, InterruptedException;
    }

    /**
     * Passes until every figure of a pass is within {@value #STEADY_PERCENT} % of the previous
     * pass's (then the last pass is the figure), at most {@value #MAX_PASSES} (then the median of
     * the last {@value #MEDIAN_OF}); each pass is printed.
     */
    private double[] steady(String what, Pass pass) throws IOException, InterruptedException {
        List<double[]> passes = new ArrayList<>();
        passes.add(pass.run());
        out.printf(Locale.ROOT, "   %s, pass 1: %s%n", what, ms(passes.get(0)));
        for (int n = 2; n <= MAX_PASSES; n++) {
            double[] previous = passes.get(passes.size() - 1);
            double[] current = pass.run();
            passes.add(current);
            out.printf(Locale.ROOT, "   %s, pass %d: %s%n", what, n, ms(current));
            boolean agree = true;
            for (int i = 0; i < current.length; i++) {
                agree &= Math.abs(current[i] - previous[i]) <= previous[i] * STEADY_PERCENT / 100.0;
            }
            if (agree) {
                return current;
            }
        }
        // Noisy (the server's background threads, GC, the 10 ms ticks of /proc): the median of the last passes.
        List<double[]> last = passes.subList(passes.size() - MEDIAN_OF, passes.size());
        double[] median = new double[last.get(0).length];
        for (int i = 0; i < median.length; i++) {
            final int figure = i;
            median[i] = last.stream().mapToDouble(p -> p[figure]).sorted().toArray()[MEDIAN_OF / 2];
        }
        out.printf(Locale.ROOT, "   %s: not steady after %d passes; the median of the last %d: %s%n", what, MAX_PASSES, MEDIAN_OF, ms(median));
        return median;
    }

    private static String ms(double[] figures) {
        return String.join(" / ", Arrays.stream(figures).mapToObj(f -> String.format(Locale.ROOT, "%.2f ms", f)).toList());
    }

    /** The national id of the file's first RPPS practitioner (listed, so active after that file's import). */
    private static String firstRppsPractitioner(Path file) throws IOException {
        try (Extract extract = Extract.open(Files.newInputStream(file), file.getFileName().toString(), SavoirFaire.none(), bad -> { })) {
            for (Practitioner p = extract.next(); p != null; p = extract.next()) {
                if (p.nationalId().startsWith("8")) {
                    return p.nationalId();
                }
            }
        }
        throw new IOException("no RPPS practitioner in " + file);
    }

    /** The two extracts, written unless the same ones (rows, seed) are already there: 800 MB each at national size. */
    private void files(Path work, Path day1, Path day2) throws IOException {
        Path stamp = work.resolve("bench-files.txt");
        String wanted = "rows=" + rows + " seed=" + seed + "\n";
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted) && Files.isRegularFile(day1) && Files.isRegularFile(day2)) {
            out.println("reusing " + day1 + " and " + day2 + " (" + wanted.strip() + ")");
            return;
        }
        Files.deleteIfExists(stamp);
        write(day1, new SyntheticExtract.Options(rows, seed, 0, 0));
        write(day2, new SyntheticExtract.Options(rows, seed, 1, 0.5));
        Files.writeString(stamp, wanted);
    }

    private Phase phase(String name, Path file, Path work) throws IOException, InterruptedException {
        ImportRun.Options options = new ImportRun.Options(file, null, work.resolve(file.getFileName() + ".report.txt"),
                target.url(), realm, target.username(), target.password(), batchSize, false, false);
        String load0 = load();
        long gcFrom = target.gcLog() == null || !Files.exists(target.gcLog()) ? 0 : Files.size(target.gcLog());
        double server0 = Proc.processCpuSeconds(target.pid());
        double importer0 = importerCpu();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        out.println("== " + name + " (" + java.time.LocalTime.now().withNano(0) + ")");
        ImportRun.Summary summary = new ImportRun(options, out, false).run();
        out.println(summary.describe());
        double serverCpu = Proc.processCpuSeconds(target.pid()) - server0;
        double importerCpu = importerCpu() - importer0;
        Phase phase = new Phase(name, summary, serverCpu, importerCpu, Proc.peakRssMb(target.pid()), serverHeapSince(gcFrom),
                importerPeakHeapMb(), load0 + " → " + load());
        // Said at once: a long run cut short still has the phases it finished.
        out.printf(Locale.ROOT, "   %s: server CPU %.1f s, importer CPU %.1f s, server peak RSS %d MB, server peak heap %d MB,"
                + " importer peak heap %d MB, load %s%n", name, serverCpu, importerCpu, phase.serverRssMb(), phase.serverHeapMb(),
                phase.importerHeapMb(), phase.load());
        return phase;
    }

    /** The server's largest heap in use in this phase, from its GC log (-1 without one). */
    private long serverHeapSince(long offset) throws IOException {
        if (target.gcLog() == null || !Files.exists(target.gcLog())) {
            return -1;
        }
        Path part = Files.createTempFile("vigie-gc", ".log");
        try {
            byte[] all = Files.readAllBytes(target.gcLog());
            Files.write(part, java.util.Arrays.copyOfRange(all, (int) Math.min(offset, all.length), all.length));
            return BenchServer.peakHeapMb(part);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The importer's peak heap in this phase: the sum of the heap pools' peaks (an upper bound). */
    private static long importerPeakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double importerCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private void write(Path file, SyntheticExtract.Options options) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SyntheticExtract.Written w = SyntheticExtract.write(stream, options);
            out.printf("%s: %,d rows, %,d practitioners, %,d malformed%n", file, w.rows(), w.practitioners(), w.malformed());
        }
    }
}
