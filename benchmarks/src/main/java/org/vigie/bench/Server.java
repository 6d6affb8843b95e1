package org.vigie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.KeycloakProcess;
import org.vigie.launcher.StartOptions;

/**
 * The Keycloak distribution with Vigie deployed (by {@code ./vigie bench}, exactly as
 * {@code ./vigie start} deploys it), run as a separate process with {@code ./vigie start}'s
 * options (the launcher's {@code keycloak.options}: {@code [server] [single-node] [import-realm]}):
 * production mode, embedded H2 database in a fresh data folder, realm imported.
 * The benchmark reads the server JVM's CPU time, threads and heap from outside.
 */
final class Server {

    static final String REALM = "esante-wallet";
    static final String ADMIN_USER = "bench-admin";

    private final Path home;
    private final Path workDir;
    private final int httpPort;
    private final int managementPort;
    private final String javaOpts;
    private final String adminPassword;
    private final boolean loopbackProxy;
    /** A cluster node's options besides [server] ({@link #clusterNode}), or null: the single-node server. */
    private final List<String> nodeOptions;
    private final String name;
    private KeycloakProcess process;
    private long pid;

    Server(Path home, Path workDir, int httpPort, int managementPort, String javaOpts) {
        this(home, workDir, httpPort, managementPort, javaOpts, false);
    }

    /**
     * {@code loopbackProxy}: as behind a reverse proxy on loopback ({@code [loopback-proxy]}, as the
     * integration tests' server runs): the resilience phases play browsers at other addresses.
     */
    Server(Path home, Path workDir, int httpPort, int managementPort, String javaOpts, boolean loopbackProxy) {
        this(home, workDir, "server", httpPort, managementPort, javaOpts, loopbackProxy, null, Distribution.newAdminPassword());
    }

    private Server(Path home, Path workDir, String name, int httpPort, int managementPort, String javaOpts, boolean loopbackProxy,
                   List<String> nodeOptions, String adminPassword) {
        this.loopbackProxy = loopbackProxy;
        this.home = home;
        this.workDir = workDir;
        this.name = name;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.javaOpts = javaOpts;
        this.nodeOptions = nodeOptions == null ? null : List.copyOf(nodeOptions);
        this.adminPassword = adminPassword;
    }

    /**
     * A node of a cluster (the launcher's {@code Cluster}): its own copy of the distribution, built
     * for PostgreSQL; the nodes share the database, so the first node's bootstrap admin.
     */
    static Server clusterNode(Path home, Path workDir, String name, int httpPort, int managementPort, String javaOpts,
                              String adminPassword, List<String> nodeOptions) {
        return new Server(home, workDir, name, httpPort, managementPort, javaOpts, false, nodeOptions, adminPassword);
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
        return workDir.resolve(name + ".log");
    }

    String javaOpts() {
        return javaOpts;
    }

    /** Starts the server (a single node: on a fresh database) and waits until it is ready (bounded). */
    void start(Duration timeout) {
        StartOptions options;
        if (nodeOptions == null) {
            Distribution.deleteTree(workDir.resolve("data"));
            options = StartOptions.of("server", "single-node", "import-realm").with("data", workDir.toAbsolutePath().resolve("data"));
        } else {
            options = StartOptions.of().addRaw(nodeOptions).add("server");
        }
        options.with("host", "127.0.0.1").with("http-port", httpPort).with("management-port", managementPort);
        if (loopbackProxy) {
            options.add("loopback-proxy");
        }
        process = KeycloakProcess.start(home, options.toList(), Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword, "JAVA_OPTS_APPEND", javaOpts), managementPort, log(), timeout);
        pid = process.javaPid();
    }

    synchronized void stop() {
        if (process != null) {
            process.stop();
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

    /** Live objects by class after a full GC (jcmd GC.class_histogram): class name → {instances, bytes}. */
    java.util.Map<String, long[]> classHistogram() {
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(jcmd("GC.class_histogram"));
        while (row.find()) {
            classes.put(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
        }
        return classes;
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
        return KeycloakProcess.tail(log(), 40);
    }
}
