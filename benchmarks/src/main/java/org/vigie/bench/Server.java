package org.vigie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Keycloak distribution with Vigie deployed (by {@code ./vigie bench}, exactly as
 * {@code ./vigie start} deploys it), run as a separate process with {@code ./vigie start}'s
 * options: production mode, embedded H2 database in a fresh data folder, realm imported.
 * The benchmark reads the server JVM's CPU time, threads and heap from outside.
 */
final class Server {

    static final String REALM = "esante-wallet";
    static final String ADMIN_USER = "bench-admin";
    /**
     * As behind a reverse proxy on loopback (the integration tests' server runs so too): the
     * resilience phases play browsers at other addresses with X-Forwarded-For values in 127/8,
     * since the realm wants HTTPS from anything but loopback.
     */
    static final List<String> LOOPBACK_PROXY = List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1");

    private final Path home;
    private final Path workDir;
    private final int httpPort;
    private final int managementPort;
    private final String javaOpts;
    private final String adminPassword;
    private final boolean loopbackProxy;
    private Process process;
    private long pid;

    Server(Path home, Path workDir, int httpPort, int managementPort, String javaOpts) {
        this(home, workDir, httpPort, managementPort, javaOpts, false);
    }

    /** {@code loopbackProxy}: trust X-Forwarded-For from 127.0.0.1 ({@link #LOOPBACK_PROXY}). */
    Server(Path home, Path workDir, int httpPort, int managementPort, String javaOpts, boolean loopbackProxy) {
        this.loopbackProxy = loopbackProxy;
        this.home = home;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.javaOpts = javaOpts;
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.adminPassword = HexFormat.of().formatHex(random);
    }

    String baseUrl() {
        // Not "localhost": Keycloak's cookies are Secure, and load tools refuse them on http://localhost.
        return "http://127.0.0.1:" + httpPort;
    }

    String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    int httpPort() {
        return httpPort;
    }

    String adminPassword() {
        return adminPassword;
    }

    long pid() {
        return pid;
    }

    Path log() {
        return workDir.resolve("server.log");
    }

    String javaOpts() {
        return javaOpts;
    }

    /** Starts the server on a fresh database and waits until it is ready (bounded). */
    void start(Duration timeout) {
        try {
            deleteTree(workDir.resolve("data"));
            Files.createDirectories(workDir);
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak distribution at " + home + " (./vigie bench installs it)");
            }
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin").resolve("kc.sh").toString(), "start",
                    "--db=dev-file", "--health-enabled=true",
                    "--db-url=jdbc:h2:file:" + workDir.toAbsolutePath().resolve("data/h2/keycloakdb")
                            + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=0",
                    "--http-enabled=true", "--hostname-strict=false",
                    "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--import-realm"));
            if (loopbackProxy) {
                command.addAll(LOOPBACK_PROXY);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log().toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("JAVA_OPTS_APPEND", javaOpts);
            process = builder.start();
            waitUntilReady(timeout);
            pid = javaPid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kc.sh execs java, so the child is the JVM; should a wrapper stay, its java descendant is. */
    private long javaPid() {
        if ("java".equals(Proc.comm(process.pid()))) {
            return process.pid();
        }
        return process.descendants().filter(p -> "java".equals(Proc.comm(p.pid()))).mapToLong(ProcessHandle::pid)
                .findFirst().orElseThrow(() -> new IllegalStateException("No java process under kc.sh"));
    }

    private void waitUntilReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see " + log() + ":\n" + tail());
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
            Bench.sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready after " + timeout + ", see " + log() + ":\n" + tail());
    }

    synchronized void stop() {
        if (process == null || !process.isAlive()) {
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

    long cpuTicks() {
        return Proc.cpuTicks(pid);
    }

    /** Worker threads of Keycloak's (Quarkus') blocking pool. */
    int workerThreads() {
        return Proc.threadsNamed(pid, "executor-thread");
    }

    /** Heap in use right after full GCs (jcmd GC.run, then GC.heap_info), in bytes. */
    long heapAfterFullGc() {
        jcmd("GC.run");
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("Unexpected GC.heap_info output:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /**
     * Worker threads in a thread dump: how many exist and how many are busy (anything but idling in
     * the pool's queue). A design holding one thread per waiting browser shows up as busy threads.
     */
    int[] workerThreadsBusy() {
        String dump = jcmd("Thread.print");
        int total = 0;
        int busy = 0;
        for (String block : dump.split("\n\n")) {
            if (!block.startsWith("\"executor-thread-")) {
                continue;
            }
            total++;
            boolean idle = block.contains("EnhancedQueueExecutor") && (block.contains("WAITING") || block.contains("TIMED_WAITING"))
                    && !block.contains("org.keycloak") && !block.contains("org.vigie");
            if (!idle) {
                busy++;
            }
        }
        return new int[] {total, busy};
    }

    String jvmVersion() {
        return jcmd("VM.version").lines().filter(l -> !l.isBlank() && !l.startsWith(pid + ":")).findFirst().orElse("?").trim();
    }

    /** The server JVM's own options (heap, GC) as its command line shows them. */
    List<String> jvmOptions() {
        // kc.sh puts its defaults first and JAVA_OPTS_APPEND last: the last -Xms / -Xmx is the one in force.
        java.util.Map<String, String> effective = new java.util.LinkedHashMap<>();
        for (String a : Proc.cmdline(pid)) {
            if (a.startsWith("-Xms") || a.startsWith("-Xmx") || a.startsWith("-Xss")) {
                effective.remove(a.substring(0, 4));
                effective.put(a.substring(0, 4), a);
            } else if (a.startsWith("-XX:+Use") || a.startsWith("-XX:MaxRAM")) {
                effective.put(a, a);
            }
        }
        return List.copyOf(effective.values());
    }

    String jcmd(String... args) {
        Path exe = Proc.exe(pid);
        Path jcmd = exe == null ? null : exe.getParent().resolve("jcmd");
        List<String> command = new ArrayList<>();
        command.add(jcmd != null && Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", args) + " did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
