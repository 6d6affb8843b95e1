package org.vigie.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code kc.sh start} of a Keycloak distribution as a separate process, its output in a log
 * file, waited for until its management port answers {@code /health/ready} (bounded).
 */
public final class KeycloakProcess {

    private final Process process;
    private final Path log;

    private KeycloakProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code home/bin/kc.sh start OPTIONS} with these environment variables (bootstrap
     * admin, {@code JAVA_OPTS_APPEND}) and returns once it is ready; stops it and fails with the
     * log's tail when it exits or is not ready in time.
     */
    public static KeycloakProcess start(Path home, List<String> options, Map<String, String> environment, int managementPort,
            Path log, Duration timeout) {
        Path kc = home.resolve("bin").resolve("kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException("No Keycloak distribution at " + home);
        }
        List<String> command = new ArrayList<>(List.of(kc.toString(), "start"));
        command.addAll(options);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            KeycloakProcess started = new KeycloakProcess(builder.start(), log);
            started.waitUntilReady(managementPort, timeout);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kc.sh build} with these build options in a distribution (for {@code --optimized} starts). */
    public static void build(Path home, Path log, List<String> buildOptions) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!build.waitFor(300, TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish in 5 minutes, see " + log);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The Keycloak JVM: kc.sh execs java, so it is the child; should a wrapper stay, its java descendant. */
    public long javaPid() {
        if (isJava(process.pid())) {
            return process.pid();
        }
        return process.descendants().filter(p -> isJava(p.pid())).mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("No java process under kc.sh"));
    }

    private static boolean isJava(long pid) {
        try {
            return "java".equals(Files.readString(Path.of("/proc/" + pid + "/comm")).strip());
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.endsWith("/java")).orElse(false);
        }
    }

    private void waitUntilReady(int managementPort, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see " + log + ":\n" + tail(60));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready after " + timeout + ", see " + log + ":\n" + tail(60));
    }

    /** Stops Keycloak (TERM, then KILL after a minute) and whatever it started. */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        return tail(log, lines);
    }

    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
