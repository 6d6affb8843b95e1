package org.vigie.bench;

import java.util.List;
import java.util.Locale;

/** The parts of results.md added for issue 12: warm-up windows, repeated saturation windows, two nodes, the approval profile. */
final class ReportSections {

    private ReportSections() {
    }

    static String warmUpAndRepeats(Results r) {
        StringBuilder md = new StringBuilder("### Warm-up windows and repeated saturation windows (server CPU-ms per login, spread)\n\n");
        md.append("| phase | flow | concurrency | logins/s | server CPU-ms / login | other processes, cores | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Stats.Phase p : r.warmUp.windows()) {
            md.append(row(p));
        }
        for (Saturation.Pair pair : r.saturationRepeats) {
            md.append(row(pair.stock())).append(row(pair.vigie()));
        }
        md.append('\n');
        Saturation.Spread stock = Saturation.Spread.of(r.saturationRepeats, p -> p.stock().serverCpuMsPerLogin());
        Saturation.Spread vigie = Saturation.Spread.of(r.saturationRepeats, p -> p.vigie().serverCpuMsPerLogin());
        md.append(f("Repeated saturation windows: stock %s CPU-ms per login (spread %.0f %%), Vigie %s (spread %.0f %%).%n%n",
                Targets.range(stock, "%.1f"), 100 * stock.relative(), Targets.range(vigie, "%.1f"), 100 * vigie.relative()));
        return md.toString();
    }

    static String twoNodes(Results r) {
        TwoNodes.Result t = r.twoNodes;
        if (t == null) {
            return "### Two nodes\n\nNot run (`--no-two-nodes`).\n\n";
        }
        if (t.skipped() != null) {
            return "### Two nodes\n\nNot measured: " + t.skipped().lines().findFirst().orElse("") + "\n\n";
        }
        StringBuilder md = new StringBuilder(f("### Two nodes: approval through node 2, browser long-polling on node 1%n%n"
                + "A cluster of two (PostgreSQL, embedded Infinispan, jdbc-ping) formed in %.0f s; %d practitioners enrolled through node 1, "
                + "their phones then talking to node 2; the practitioner approves 1 to 3 s after the page shows.%n%n", t.startSeconds(),
                t.practitioners()));
        md.append("| load | offered logins/s | completed | errors | approval → browser p50 | p95 | p99 | max | status endpoint p50 / p99 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Stats.Phase p : List.of(t.low(), t.half())) {
            Stats.Latency a = p.approvalToBrowser();
            md.append(f("| %s | %.1f | %d | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f / %.1f ms |%n", p.name(), p.offeredPerSecond(),
                    p.completed(), p.errors(), a.p50Ms(), a.p95Ms(), a.p99Ms(), a.maxMs(), p.statusPoll().p50Ms(), p.statusPoll().p99Ms()));
        }
        return md.append('\n').toString();
    }

    static String profileSummary(Results r) {
        ApprovalProfile.Result p = r.approvalProfile;
        StringBuilder md = new StringBuilder(f("### Where the approval step's CPU goes (JFR, %d samples in the decision endpoint; "
                + "the whole profile: approval-profile.md)%n%n| top frame | share |%n|---|---:|%n", p.approvalSamples()));
        p.topSelf().entrySet().stream().limit(10).forEach(e -> md.append(f("| `%s` | %.1f %% |%n", e.getKey(),
                100.0 * e.getValue() / Math.max(1, p.approvalSamples()))));
        md.append("\n| package of the top frame | share |\n|---|---:|\n");
        p.byPackage().entrySet().stream().limit(8).forEach(e -> md.append(f("| `%s` | %.1f %% |%n", e.getKey(),
                100.0 * e.getValue() / Math.max(1, p.approvalSamples()))));
        return md.append('\n').toString();
    }

    private static String row(Stats.Phase p) {
        return f("| %s | %s | %d | %.1f | %.1f | %.2f | %d |%n", p.name(), p.flow(), p.concurrency(), p.loginsPerSecond(),
                p.serverCpuMsPerLogin(), p.otherCores(), p.errors());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
