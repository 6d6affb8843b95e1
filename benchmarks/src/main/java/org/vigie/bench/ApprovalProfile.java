package org.vigie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the approval step's CPU goes: a JFR recording of the server (the JDK's {@code profile}
 * settings, Java method sampling every millisecond) while Vigie logins run at saturation, read
 * back here; only the samples whose stack is inside the device API's decision endpoint count.
 */
final class ApprovalProfile {

    /** The device API's decision endpoints (by id and by code), wherever their class lives under org.vigie. */
    static final Set<String> APPROVAL_METHODS = Set.of("decide", "decideByCode");
    static final String SAMPLING = "1 ms";
    private static final int TOP = 20;

    /** Frame → samples, most first; shares are of the approval's samples. */
    record Result(double seconds, int logins, long allSamples, long workerSamples, long approvalSamples, String sampling,
                  Map<String, Long> topSelf, Map<String, Long> topInclusive, Map<String, Long> byPackage, String recording) {
    }

    private ApprovalProfile() {
    }

    static Result run(Server server, Load load, int concurrency, Duration window, Function<Practitioner, Login.Result> vigie, Path workDir) {
        Path jfr = workDir.resolve("approval.jfr").toAbsolutePath();
        Path settings = workDir.resolve("approval.jfc").toAbsolutePath();
        try {
            Files.deleteIfExists(jfr);
            Files.writeString(settings, settings(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String started = server.jcmd("JFR.start", "name=vigie-approval", "settings=" + settings, "filename=" + jfr);
        if (!started.contains("Started recording")) {
            throw new IllegalStateException("JFR.start failed: " + started);
        }
        Stats.Phase phase;
        try {
            phase = load.closedOnce("approval profile", "vigie", concurrency, Duration.ofSeconds(1), window, vigie);
        } finally {
            server.jcmd("JFR.stop", "name=vigie-approval");
        }
        return read(jfr, phase);
    }

    /** The server JDK's profile.jfc with Java method sampling at {@link #SAMPLING}. */
    private static String settings(Server server) throws IOException {
        Path exe = Proc.exe(server.pid());
        Path profile = exe == null ? null : exe.getParent().getParent().resolve("lib/jfr/profile.jfc");
        if (profile == null || !Files.isReadable(profile)) {
            throw new IllegalStateException("No lib/jfr/profile.jfc beside the server's java (" + exe + ")");
        }
        Matcher m = Pattern.compile("(<event name=\"jdk\\.ExecutionSample\">.*?<setting name=\"period\"[^>]*>)[^<]*(</setting>)", Pattern.DOTALL)
                .matcher(Files.readString(profile));
        if (!m.find()) {
            throw new IllegalStateException("No jdk.ExecutionSample period in " + profile);
        }
        return m.replaceFirst("$1" + SAMPLING + "$2");
    }

    static Result read(Path jfr, Stats.Phase phase) {
        long all = 0;
        long workers = 0;
        long approval = 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                all++;
                String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
                if (thread != null && thread.startsWith("executor-thread")) {
                    workers++;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty() || frames.stream().noneMatch(ApprovalProfile::isApproval)) {
                    continue;
                }
                approval++;
                String top = name(frames.get(0));
                self.merge(top, 1L, Long::sum);
                packages.merge(packageOf(frames.get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String n = name(frame);
                    if (seen.add(n)) {
                        inclusive.merge(n, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jfr, e);
        }
        long approvalSamples = approval;
        // Frames in (nearly) every approval sample (the request machinery down to the endpoint) say nothing.
        inclusive.values().removeIf(n -> n >= 0.98 * approvalSamples);
        return new Result(phase.seconds(), phase.completed(), all, workers, approval, SAMPLING, top(self), top(inclusive), top(packages),
                jfr.toString());
    }

    private static boolean isApproval(RecordedFrame frame) {
        return frame.getMethod() != null && APPROVAL_METHODS.contains(frame.getMethod().getName())
                && frame.getMethod().getType().getName().startsWith("org.vigie.");
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " (" + packageOf(frame) + ")";
    }

    /** The first two or three segments of the frame's package: org.keycloak.models, org.h2, java.util… */
    static String packageOf(RecordedFrame frame) {
        String[] parts = frame.getMethod().getType().getName().split("\\.");
        int keep = parts.length > 3 && (parts[0].equals("org") || parts[0].equals("com") || parts[0].equals("io")) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length - 1)));
    }

    private static Map<String, Long> top(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** approval-profile.md: the three tables, shares of the approval's samples. */
    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("# Where the approval step's CPU goes (JFR)\n\n");
        md.append(String.format(java.util.Locale.ROOT, "JFR recording of the server, the JDK's `profile` settings with Java method sampling every %s, "
                        + "while Vigie logins ran back to back for %.0f s (%d completed). %d execution samples in all, %d in worker threads, "
                        + "**%d inside the device API's decision endpoint** (`%s`): the tables count those. "
                        + "Samples are taken of threads running Java code; time in native code or waiting is not sampled. Recording: `%s` "
                        + "(open it in JDK Mission Control, or `jfr print --events jdk.ExecutionSample`).%n%n",
                r.sampling(), r.seconds(), r.logins(), r.allSamples(), r.workerSamples(), r.approvalSamples(),
                String.join("`, `", APPROVAL_METHODS), r.recording()));
        table(md, "Top frames (the method running when sampled)", "frame", r.topSelf(), r.approvalSamples());
        table(md, "By package of the top frame", "package", r.byPackage(), r.approvalSamples());
        table(md, "Inclusive: methods on the stack (those in nearly every sample left out)", "method", r.topInclusive(), r.approvalSamples());
        return md.toString();
    }

    private static void table(StringBuilder md, String title, String what, Map<String, Long> counts, long total) {
        md.append("## ").append(title).append("\n\n| ").append(what).append(" | samples | share |\n|---|---:|---:|\n");
        counts.forEach((k, v) -> md.append(String.format(java.util.Locale.ROOT, "| `%s` | %d | %.1f %% |%n", k, v, 100.0 * v / Math.max(1, total))));
        md.append('\n');
    }
}
