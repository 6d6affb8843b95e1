package org.vigie.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** results.md and results.json of {@code ./vigie bench --resilience}. */
final class ResilienceReport {

    private ResilienceReport() {
    }

    static void write(Resilience.Figures r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Admin.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), r);
        Files.writeString(dir.resolve("results.md"), markdown(r), StandardCharsets.UTF_8);
    }

    static String markdown(Resilience.Figures r) {
        StringBuilder md = new StringBuilder();
        md.append("# Vigie resilience figures (issue 11), ").append(r.mode).append(" run of ").append(r.startedAt).append("\n\n");
        md.append(String.format("Machine: %s, %d cores, %d MB; server %s %s; %s; server options added: `%s`. Load average (1 min) %.2f"
                        + " before, %.2f after; %.0f s.%n%n", r.machine.cpu(), r.machine.cores(), r.machine.memoryMb(), r.machine.serverJvm(),
                r.machine.serverJvmOptions(), r.machine.keycloak(), r.serverOptions, r.loadAverageBefore, r.loadAverageAfter,
                r.finishedAfterSeconds));
        md.append("| figure | measured | target | |\n|---|---|---|---|\n");
        Strangers.Result s = r.strangers;
        md.append(String.format("| practitioners' logins that succeed while a stranger types their RPPS every second from %d loopback addresses"
                        + " | %d / %d (%.1f %%) | 100 %% | %s |%n", s.strangerAddresses(), s.ownSucceeded(), s.ownLogins(), 100 * s.successRate(),
                met(s.met())));
        PinRace.Result p = r.pins;
        md.append(String.format("| wrong PINs evaluated for one device, %d concurrent, CPU saturated by anonymous traffic, one node, %d trials"
                        + " | at most %d; per trial %s | ≤ %d, every trial | %s |%n", p.concurrent(), p.trials().size(), p.maxEvaluated(),
                p.trials().stream().map(t -> Integer.toString(t.evaluated())).toList(), p.limit(), met(p.met())));
        IdentifierTiming.Result t = r.timing;
        md.append(String.format("| median response-time difference, enrolled − unknown identifier, %d interleaved tries | %.3f ms"
                        + " (95 %% bootstrap CI %.3f … %.3f); Hodges-Lehmann %.3f ms (95 %% CI %.3f … %.3f) | ≤ 0.1 ms, CI reported | %s |%n",
                t.tries(), t.medianDifferenceMs().estimate(), t.medianDifferenceMs().low(), t.medianDifferenceMs().high(),
                t.hodgesLehmannMs().estimate(), t.hodgesLehmannMs().low(), t.hodgesLehmannMs().high(), met(t.met())));
        Malformed.Result m = r.malformed;
        md.append(String.format("| 500s over %,d malformed requests to every device endpoint (%d kinds) | %d × 5xx (%d × 500), %d bodies with"
                        + " exception text | 0 | %s |%n%n", m.requests(), m.cases(), m.serverErrors(), m.status500(), m.exceptionText(), met(m.met())));

        md.append("## Strangers\n\n");
        md.append(String.format("%d practitioners, each logging in again and again from their own address (127.0.0.20…) for %.0f s, the"
                        + " phone approving by code 1–3 s after the page; meanwhile a stranger typed each one's RPPS every second from each of %d"
                        + " other addresses: %d stranger logins (%d without a waiting page; %d notifications held back by a push limit)."
                        + " Push limits as the realm ships them.%n%n",
                s.victims(), s.seconds(), s.strangerAddresses(), s.strangerLogins(), s.strangerErrors(), s.strangerNotificationsHeldBack()));
        md.append(String.format("- practitioners' logins: %d of %d succeeded; latency p50 %.0f ms, p95 %.0f ms; failures: %s%n", s.ownSucceeded(),
                s.ownLogins(), s.ownLatency().p50Ms(), s.ownLatency().p95Ms(), s.ownErrors()));
        md.append(String.format("- of the practitioners' own logins, %d had their notification held back by a push limit (the login waited and"
                        + " was approved from the app's list all the same), by limit: %s%n",
                s.ownNotificationsHeldBack().values().stream().mapToInt(Integer::intValue).sum(), s.ownNotificationsHeldBack()));
        md.append(String.format("- strangers' logins afterwards: %s (none may be `decided`)%n", s.strangerStatusesAfter()));
        md.append(String.format("- server %.2f cores, other processes %.2f cores%n%n", s.serverCores(), s.otherCores()));

        md.append("## Wrong PINs under load\n\n");
        md.append(String.format("Per trial: a fresh practitioner's login pending, %d threads each sending a wrong PIN by code for it at once"
                        + " (sent again after `429 slow_down`), %d threads of anonymous traffic (3 in 4 `POST /enroll` for unknown identifiers,"
                        + " 1 in 4 logins for unknown identifiers, random 127/8 addresses). Evaluated = the server's `LOGIN_ERROR` events with"
                        + " `vigie_reason` `wrong_pin` or `device_locked` for that practitioner; then the device's next call and its stored"
                        + " count. Keycloak's quick-login check (realm: %d ms) is off during the trials, as in the integration tests, so that"
                        + " the practitioner's brute-force lockout does not hide the device's own counter.%n%n",
                p.concurrent(), p.anonymousThreads(), p.realmQuickLoginCheckMs()));
        md.append("| trial | evaluated | answers | device then | stored | server cores | machine busy cores | anonymous req/s |\n"
                + "|---:|---:|---|---|---|---:|---:|---:|\n");
        for (PinRace.Trial trial : p.trials()) {
            md.append(String.format("| %d | %d | %s | %s | %s | %.2f | %.2f | %.0f |%n", trial.trial(), trial.evaluated(), trial.answers(),
                    trial.deviceAfter(), trial.storedCount(), trial.serverCores(), trial.machineBusyCores(), trial.anonymousPerSecond()));
        }
        md.append("\nAnonymous traffic's answers over all trials: ").append(p.anonymousAnswers()).append("\n\n");

        md.append("## Identifier step timing\n\n");
        md.append(String.format("`POST` of the identifier form only (the request that looks the identifier up and creates the challenge),"
                        + " each try one enrolled and one unknown identifier in random order, one request at a time, %d identifiers per side"
                        + " cycled alike, after %d warm-up tries. Median enrolled %.3f ms, unknown %.3f ms. Difference of medians with a"
                        + " percentile bootstrap (%,d resamples); Hodges-Lehmann shift with its Mann-Whitney interval. Errors: %d %s."
                        + " Server %.2f cores, bench %.2f, other processes %.2f during the %.0f s.%n%n",
                t.identifiersPerSide(), t.warmUpTries(), t.medianEnrolledMs(), t.medianUnknownMs(), t.bootstrapResamples(), t.errors(),
                t.errorSamples(), t.serverCores(), t.benchCores(), t.otherCores(), t.seconds()));

        md.append("## Malformed requests\n\n");
        if (!m.serverErrorsByKind().isEmpty()) {
            md.append("5xx answers and exception text by kind: ").append(m.serverErrorsByKind()).append("\n\n");
        }
        md.append(String.format("%,d requests, %d kinds cycled, %.0f s; connections closed by the server: %d; ERROR lines in the server log"
                + " meanwhile: %d.%n%n", m.requests(), m.cases(), m.seconds(), m.transportErrors(), m.errorLogLines()));
        md.append("Control (not counted): Keycloak's own token endpoint given the same unparseable `Content-Type` answers `")
                .append(String.valueOf(r.tokenEndpointWithUnparseableContentType).replace("`", "'")).append("`.\n\n");
        md.append("| endpoint | answers |\n|---|---|\n");
        for (Map.Entry<String, Map<String, Integer>> e : m.answersByEndpoint().entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        if (!m.serverErrorSamples().isEmpty()) {
            md.append("\nSamples of 5xx answers or exception text:\n\n");
            m.serverErrorSamples().forEach(x -> md.append("- `").append(x.replace("`", "'")).append("`\n"));
        }
        if (!m.errorLogSamples().isEmpty()) {
            md.append("\nServer log ERROR lines (first ones):\n\n");
            m.errorLogSamples().forEach(x -> md.append("- `").append(x.replace("`", "'")).append("`\n"));
        }
        return md.toString();
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }
}
