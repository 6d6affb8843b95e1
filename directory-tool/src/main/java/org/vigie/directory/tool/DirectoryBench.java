package org.vigie.directory.tool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./vigie directory bench}: the directory import's figures against a running server —
 * first import, the same file again, the next day's file (1 % changed, 0.5 % gone) — with wall
 * time, the server's CPU (from {@code /proc}, given its process id) and the importer's own CPU,
 * and the identifier step's server CPU before and after the import. Prints a Markdown table.
 */
final class DirectoryBench {

    record Phase(String name, ImportRun.Summary summary, double serverCpu, double importerCpu) {
    }

    private final ImportRun.Options template;
    private final long serverPid;
    private final long rows;
    private final PrintStream out;

    private final long seed;

    DirectoryBench(ImportRun.Options template, long serverPid, long rows, long seed, PrintStream out) {
        this.template = template;
        this.seed = seed;
        this.serverPid = serverPid;
        this.rows = rows;
        this.out = out;
    }

    int run(Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path day1 = work.resolve("bench-day1.txt");
        Path day2 = work.resolve("bench-day2.txt");
        write(day1, new SyntheticExtract.Options(rows, seed, 0, 0));
        write(day2, new SyntheticExtract.Options(rows, seed, 1, 0.5));
        IdentifierCost identifier = new IdentifierCost(template.server(), template.realm(), serverPid);
        String unknown = "8" + SyntheticExtract.rpps(seed, 3_000_000);
        double[] before = identifier.measure(List.of("810001045367", unknown), 100);
        List<Phase> phases = new ArrayList<>();
        phases.add(phase("first import", day1, work));
        phases.add(phase("same file again", day1, work));
        phases.add(phase("next day (1 % changed, 0.5 % gone)", day2, work));
        double[] after = identifier.measure(List.of("810001045367", unknown), 100);
        out.printf(Locale.ROOT, "%n| phase | rows | practitioners | wall s | rows/s | server CPU s | importer CPU s | added | updated | unchanged | disabled | rejected |%n");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            ImportRun.Summary s = p.summary();
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.0f | %.1f | %.1f | %,d | %,d | %,d | %,d | %,d |%n", p.name(), s.rows(),
                    s.practitioners(), s.seconds(), s.rows() / s.seconds(), p.serverCpu(), p.importerCpu(), s.added(), s.updated(),
                    s.unchanged(), s.disabled(), s.rejected());
        }
        out.printf(Locale.ROOT, "%nIdentifier step, server CPU per submission (ms, mean of 100), before → after the import (first measure after warming on the same identifiers):%n");
        out.printf(Locale.ROOT, "- demo practitioner (local user): %.2f → %.2f (ratio %.2f)%n", before[0], after[0], after[0] / before[0]);
        out.printf(Locale.ROOT, "- unknown identifier: %.2f → %.2f (ratio %.2f)%n", before[1], after[1], after[1] / before[1]);
        return 0;
    }

    private Phase phase(String name, Path file, Path work) throws IOException, InterruptedException {
        ImportRun.Options options = new ImportRun.Options(file, null, work.resolve(file.getFileName() + ".report.txt"),
                template.server(), template.realm(), template.username(), template.password(), template.batchSize(), false);
        double server0 = Proc.processCpuSeconds(serverPid);
        double importer0 = importerCpu();
        out.println("== " + name);
        ImportRun.Summary summary = new ImportRun(options, out, false).run();
        out.println(summary.describe());
        return new Phase(name, summary, Proc.processCpuSeconds(serverPid) - server0, importerCpu() - importer0);
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
