package org.vigie.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** results.json (every figure), results.md (the tables of docs/benchmarks.md) and the plot. */
final class Report {

    static final String PLOT = "logins.png";
    private static final Color STOCK = new Color(0x55, 0x55, 0x55);
    private static final Color VIGIE = new Color(0x00, 0x66, 0xcc);

    private Report() {
    }

    static void write(Results r, Path dir) throws IOException {
        Admin.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), r);
        Files.writeString(dir.resolve("results.md"), markdown(r), StandardCharsets.UTF_8);
        if (r.approvalProfile != null) {
            Files.writeString(dir.resolve("approval-profile.md"), ApprovalProfile.markdown(r.approvalProfile), StandardCharsets.UTF_8);
        }
        plot(r, dir.resolve(PLOT));
    }

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        Results.Machine m = r.machine;
        md.append(f("Run of %s (%s mode, %.0f s). Machine: %s, %d cores, %d GB RAM, load average %.2f before / %.2f after. "
                        + "Server: %s, %s, JVM options %s. Load generator: %s, on the same machine. %d bench practitioners.%n%n",
                r.startedAt, r.mode, r.finishedAfterSeconds, m.cpu(), m.cores(), Math.round(m.memoryMb() / 1024.0),
                r.loadAverageBefore, r.loadAverageAfter, m.keycloak(), m.serverJvm(), String.join(" ", m.serverJvmOptions()),
                m.loadGeneratorJvm(), r.practitioners));
        md.append(f("Idle server (background tasks): %.3f cores. Waited %.0f s in all for other processes to leave the CPU before "
                + "measuring; most CPU they used during a measured phase: %.2f cores%s.%n%n", r.idleServerCores, r.quietWaitSeconds,
                r.worstDisturbance(),
                r.worstDisturbance() > 0.15 ? " — **the machine was not quiet: figures are disturbed, see the last columns of the per-level table**" : ""));

        md.append(Targets.markdown(r));
        md.append(ReportSections.warmUpAndRepeats(r));

        Stats.Phase stockFixed = r.at("stock", r.fixedConcurrency);
        Stats.Phase vigieFixed = r.at("vigie", r.fixedConcurrency);
        Stats.Phase stockSat = r.saturation("stock");
        Stats.Phase vigieSat = r.saturation("vigie");
        md.append("### Logins: stock password login and Vigie's login\n\n");
        md.append("| | stock | Vigie | Vigie / stock | target |\n|---|---:|---:|---:|---|\n");
        md.append(row("logins/s at concurrency " + r.fixedConcurrency, stockFixed.loginsPerSecond(), vigieFixed.loginsPerSecond(), "%.1f", ""));
        md.append(f("| logins/s at saturation (best sweep level) | %.1f (c=%d) | %.1f (c=%d) | %.2f | ≥ %.1f: **%s** |%n",
                stockSat.loginsPerSecond(), stockSat.concurrency(), vigieSat.loginsPerSecond(), vigieSat.concurrency(),
                vigieSat.loginsPerSecond() / stockSat.loginsPerSecond(), Targets.LOGINS_RATIO,
                met(vigieSat.loginsPerSecond() / stockSat.loginsPerSecond() >= Targets.LOGINS_RATIO)));
        md.append(f("| server CPU-ms per login at saturation (best sweep level) | %.1f | %.1f | %.2f | ≤ %.1f: **%s** |%n",
                stockSat.serverCpuMsPerLogin(), vigieSat.serverCpuMsPerLogin(),
                vigieSat.serverCpuMsPerLogin() / stockSat.serverCpuMsPerLogin(), Targets.CPU_RATIO,
                met(vigieSat.serverCpuMsPerLogin() / stockSat.serverCpuMsPerLogin() <= Targets.CPU_RATIO)));
        double stockSteps = r.steps.get("stock").values().stream().mapToDouble(Double::doubleValue).sum();
        double vigieSteps = r.steps.get("vigie").values().stream().mapToDouble(Double::doubleValue).sum();
        md.append(row("server CPU-ms per login, logins one at a time (sum of the steps below)", stockSteps, vigieSteps, "%.1f", ""));
        md.append(row("server CPU-ms per login at concurrency " + r.fixedConcurrency, stockFixed.serverCpuMsPerLogin(), vigieFixed.serverCpuMsPerLogin(), "%.1f", ""));
        md.append(latencyRow("latency p50 / p95 / p99 at concurrency " + r.fixedConcurrency + " (ms)", stockFixed, vigieFixed));
        md.append(latencyRow("latency p50 / p95 / p99 at saturation (ms)", stockSat, vigieSat));
        md.append(f("| errors (all sweep levels) | %d | %d | | |%n%n", r.errors("stock"), r.errors("vigie")));

        md.append("### Approval → browser (the device's approval answered → the status endpoint tells the browser, polled as the page "
                + "does; the practitioner approves 1 to 3 s after the page shows)\n\n");
        md.append("| load | offered logins/s | completed | errors | p50 | p95 | p99 | max | status endpoint p50 / p99 | target |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Stats.Phase p : List.of(r.approvalLow, r.approvalHalf)) {
            Stats.Latency a = p.approvalToBrowser();
            md.append(f("| %s | %.1f | %d | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f / %.1f ms | p50 ≤ %.0f ms: **%s**; p99 ≤ %.0f ms: **%s** |%n",
                    p.name(), p.offeredPerSecond(), p.completed(), p.errors(), a.p50Ms(), a.p95Ms(), a.p99Ms(), a.maxMs(),
                    p.statusPoll().p50Ms(), p.statusPoll().p99Ms(), Targets.APPROVAL_P50_MS, met(a.p50Ms() <= Targets.APPROVAL_P50_MS),
                    Targets.APPROVAL_P99_MS, met(a.p99Ms() <= Targets.APPROVAL_P99_MS)));
        }
        md.append('\n');
        md.append(ReportSections.twoNodes(r));
        md.append(ReportSections.profileSummary(r));

        Results.Waiting w = r.waiting;
        java.util.function.Function<List<Stats.Phase>, String> rates = phases -> String.join(" / ",
                phases.stream().map(p -> f("%.1f", p.loginsPerSecond())).toList());
        md.append(f("### %d browsers waiting on Vigie's page while the stock login runs (concurrency %d, the lowest level at 90 %% of "
                + "stock saturation)%n%n", w.parked, w.stockConcurrency));
        md.append("| | value |\n|---|---:|\n");
        md.append(f("| stock logins/s without them (each window, in run order) | %s (mean %.1f) |%n", rates.apply(w.without),
                Results.Waiting.mean(w.without, Stats.Phase::loginsPerSecond)));
        md.append(f("| stock logins/s with them (fresh browsers each window) | %s (mean %.1f) |%n", rates.apply(w.with),
                Results.Waiting.mean(w.with, Stats.Phase::loginsPerSecond)));
        md.append(f("| throughput cost, measured (target ≤ %.0f %%) | **%.1f %%: %s** |%n", 100 * Targets.WAITING_COST, 100 * w.cost(),
                met(w.cost() <= Targets.WAITING_COST)));
        double stockServerCores = Results.Waiting.mean(w.without, Stats.Phase::serverCores);
        md.append(f("| of which server-side: their server CPU / the server's CPU at stock saturation | %.1f %% |%n",
                100 * w.parkedOnlyServerCores / stockServerCores));
        md.append(f("| stock latency p50 / p99 without → with | %.0f / %.0f → %.0f / %.0f ms |%n",
                Results.Waiting.mean(w.without, p -> p.latency().p50Ms()), Results.Waiting.mean(w.without, p -> p.latency().p99Ms()),
                Results.Waiting.mean(w.with, p -> p.latency().p50Ms()), Results.Waiting.mean(w.with, p -> p.latency().p99Ms())));
        md.append(f("| worker threads (executor-thread-*), max without → with | %d → %d |%n",
                w.without.stream().mapToInt(Stats.Phase::workerThreadsMax).max().orElse(-1),
                w.with.stream().mapToInt(Stats.Phase::workerThreadsMax).max().orElse(-1)));
        md.append(f("| worker threads with only the waiting browsers: existing / busy in a thread dump (idle server: %d / %d) | %d / %d: **%s** |%n",
                w.idleDump[0], w.idleDump[1], w.parkedDump[0], w.parkedDump[1],
                w.parkedDump[1] <= w.idleDump[1] + 2 ? "none pinned" : "threads held"));
        md.append(f("| server CPU for the waiting browsers alone (of which JIT compiler / GC threads) | %.2f cores (%.2f / %.2f; %.0f polls/s) |%n",
                w.parkedOnlyServerCores, w.parkedOnlyJitCores, w.parkedOnlyGcCores, w.parkedOnlyPollsPerSecond));
        md.append(f("| the idle server, same window, just before (of which JIT) | %.2f cores (%.2f) |%n", w.idleServerCores, w.idleJitCores));
        md.append(f("| the waiting browsers' own server CPU, JIT left out, idle server's subtracted | **%.2f cores** |%n",
                Math.max(0, (w.parkedOnlyServerCores - w.parkedOnlyJitCores) - (w.idleServerCores - w.idleJitCores))));
        md.append(f("| load generator CPU for them (on this machine, taken from the server) | %.2f cores |%n", w.parkedOnlyDriverCores));
        md.append(f("| status endpoint under stock load: p50 / p99 / max | %.1f / %.1f / %.1f ms (%d polls, %d errors) |%n",
                w.statusPoll.p50Ms(), w.statusPoll.p99Ms(), w.statusPoll.maxMs(), w.statusPoll.samples(), w.pollErrors));
        md.append(f("| server sockets with them / after | %d / %d |%n%n", w.serverSocketsParked, w.serverSocketsAfter));

        md.append("### Server CPU per step (after the sweep, logins one at a time, one request at a time, mean; JIT compiler threads left out)\n\n");
        md.append("| login | step | server CPU-ms |\n|---|---|---:|\n");
        r.steps.forEach((flow, costs) -> {
            costs.forEach((step, ms) -> md.append(f("| %s | %s | %.2f |%n", flow, step, ms)));
            md.append(f("| %s | **whole login** | **%.1f** |%n", flow, costs.values().stream().mapToDouble(Double::doubleValue).sum()));
        });
        md.append('\n');

        md.append(heap(r.heap));

        md.append("### Every level (closed loop: N browsers logging in back to back)\n\n");
        md.append("| flow | concurrency | logins/s | p50 ms | p95 ms | p99 ms | server CPU-ms / login | server cores (of which JIT / GC) "
                + "| load generator cores | other processes, cores | worker threads max | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Stats.Phase p : r.sweep) {
            md.append(f("| %s | %d | %.1f | %.0f | %.0f | %.0f | %.1f | %.2f (%.2f / %.2f) | %.2f | %.2f | %d | %d |%n", p.flow(),
                    p.concurrency(), p.loginsPerSecond(), p.latency().p50Ms(), p.latency().p95Ms(), p.latency().p99Ms(),
                    p.serverCpuMsPerLogin(), p.serverCores(), p.serverJitCores(), p.serverGcCores(), p.driverCores(), p.otherCores(),
                    p.workerThreadsMax(), p.errors()));
        }
        md.append('\n');
        List<String> errors = r.sweep.stream().flatMap(p -> p.errorSamples().stream()).distinct().limit(5).toList();
        if (!errors.isEmpty()) {
            md.append("Errors seen: ").append(String.join("; ", errors)).append("\n\n");
        }
        md.append(f("Challenge configuration during the run: %s.%n", r.approvalConfig));
        return md.toString();
    }

    private static String row(String label, double stock, double vigie, String format, String target) {
        return f("| %s | " + format + " | " + format + " | %.2f | %s |%n", label, stock, vigie, vigie / stock, target);
    }

    private static String latencyRow(String label, Stats.Phase stock, Stats.Phase vigie) {
        return f("| %s | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %.1f / %.1f / %.1f | |%n", label,
                stock.latency().p50Ms(), stock.latency().p95Ms(), stock.latency().p99Ms(),
                vigie.latency().p50Ms(), vigie.latency().p95Ms(), vigie.latency().p99Ms(),
                vigie.latency().p50Ms() / stock.latency().p50Ms(), vigie.latency().p95Ms() / stock.latency().p95Ms(),
                vigie.latency().p99Ms() / stock.latency().p99Ms());
    }

    private static String met(boolean met) {
        return met ? "met" : "missed";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Three panels: logins/s, latency, server CPU per login, each against concurrency, stock and Vigie. */
    static void plot(Results r, Path file) throws IOException {
        int width = 620;
        int height = 460;
        List<CategoryChart> charts = List.of(
                chart(r, "Completed logins per second", "logins/s", false, Styler.LegendPosition.InsideSE, Stats.Phase::loginsPerSecond, null),
                chart(r, "Whole-login latency (solid p50, dashed p95)", "ms (log scale)", true, Styler.LegendPosition.InsideNW, p -> p.latency().p50Ms(), p -> p.latency().p95Ms()),
                chart(r, "Server CPU per completed login", "CPU-ms per login", false, Styler.LegendPosition.InsideSE, Stats.Phase::serverCpuMsPerLogin, null));
        int titleHeight = 40;
        BufferedImage image = new BufferedImage(width * charts.size(), height + titleHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(f("Vigie vs Keycloak stock password login, one server (%s, %d cores), closed loop, %s run of %s",
                r.machine.keycloak(), r.machine.cores(), r.mode, r.startedAt), 16, 26);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create(i * width, titleHeight, width, height);
            charts.get(i).paint(panel, width, height);
            panel.dispose();
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static CategoryChart chart(Results r, String title, String yTitle, boolean logY, Styler.LegendPosition legend,
                                       java.util.function.ToDoubleFunction<Stats.Phase> y,
                                       java.util.function.ToDoubleFunction<Stats.Phase> dashed) {
        CategoryChart chart = new CategoryChartBuilder().width(620).height(460).title(title)
                .xAxisTitle("concurrent browsers (closed loop)").yAxisTitle(yTitle).build();
        CategoryStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        styler.setOverlapped(true);
        styler.setYAxisLogarithmic(logY);
        styler.setYAxisMin(logY ? null : 0.0);
        styler.setLegendPosition(legend);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setMarkerSize(7);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (String flow : List.of("stock", "vigie")) {
            List<Stats.Phase> phases = r.sweep.stream().filter(p -> p.flow().equals(flow)).toList();
            List<String> x = phases.stream().map(p -> Integer.toString(p.concurrency())).toList();
            String name = flow.equals("stock") ? "stock (password)" : "Vigie (identifier + device)";
            Color color = flow.equals("stock") ? STOCK : VIGIE;
            CategorySeries series = chart.addSeries(dashed == null ? name : name + " p50", x,
                    phases.stream().map(p -> (Number) y.applyAsDouble(p)).toList());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(color);
            series.setMarkerColor(color);
            if (dashed != null) {
                CategorySeries p95 = chart.addSeries(name + " p95", x, phases.stream().map(p -> (Number) dashed.applyAsDouble(p)).toList());
                p95.setMarker(SeriesMarkers.DIAMOND);
                p95.setLineColor(color);
                p95.setMarkerColor(color);
                p95.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }
    /** The heap per pending login section (also all of {@code --heap-only}'s report). */
    static String heap(Results.Heap h) {
        StringBuilder md = new StringBuilder();
        md.append("### Heap per pending login (after full GC, jcmd GC.run + GC.heap_info)\n\n");
        md.append("| | heap used | per pending login |\n|---|---:|---:|\n");
        md.append(f("| no pending login | %.1f MB | |%n", h.none() / 1e6));
        md.append(f("| + %d stock logins on the login page | %.1f MB | %.0f B (authentication session) |%n",
                h.stockMade(), h.withStock() / 1e6, h.perStockLogin()));
        md.append(f("| + %d Vigie logins on the waiting page | %.1f MB | **%.0f B** (authentication session + challenge): target ≤ %.0f B: **%s** |%n",
                h.vigieMade(), h.withVigie() / 1e6, h.perVigieLogin(), Targets.HEAP_BYTES, met(h.perVigieLogin() <= Targets.HEAP_BYTES)));
        md.append(f("| the challenge's own share | | %.0f B |%n%n", h.perChallenge()));
        if (h.vigieClasses() != null && !h.vigieClasses().isEmpty()) {
            md.append("What the Vigie logins added, by class (jcmd GC.class_histogram after full GC, per pending login):\n\n");
            md.append("| class | instances | bytes |\n|---|---:|---:|\n");
            for (String row : h.vigieClasses()) {
                String[] cols = row.split(" ");
                md.append(f("| `%s` | %s | %s |%n", cols[0], cols[1], cols[2]));
            }
            md.append('\n');
        }
        return md.toString();
    }

}
