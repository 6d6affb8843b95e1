package org.vigie.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak distribution (unpacked by Maven from keycloak-quarkus-dist) with the Vigie
 * providers, theme and realm import, run as a separate process exactly as {@code ./vigie start}
 * runs it: production mode, embedded H2 file database in a data folder of its own.
 *
 * <p>One shared server per test JVM, started on first use; tests may restart it to prove that state
 * survives a restart. The cluster test starts its own nodes ({@link #clusterNode}).
 */
public final class KeycloakServer {

    public static final String REALM = "esante-wallet";
    public static final String ADMIN_USER = "it-admin";

    private static KeycloakServer instance;

    private final String name;
    private final Path home;
    private final Path realmImport;
    private final Path workDir;
    private final int httpPort;
    private final int managementPort;
    private final List<String> options;
    private final String adminPassword;
    private Process process;
    private int starts;
    /** Keycloak's clock offset as last set through the test-only clock provider of this server. */
    private volatile int clockOffset;
    private volatile boolean realmPrepared;

    private KeycloakServer(String name, Path home, Path workDir, int httpPort, int managementPort, List<String> options,
            String adminPassword) {
        this.name = name;
        this.home = home;
        this.realmImport = Path.of(required("vigie.realm.import"));
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.options = List.copyOf(options);
        this.adminPassword = adminPassword;
    }

    /** The shared server, started (with a fresh database) on first call. */
    public static synchronized KeycloakServer get() {
        if (instance == null) {
            Path workDir = Path.of(required("vigie.work.dir"));
            KeycloakServer server = new KeycloakServer("server", distribution(), workDir,
                    Integer.getInteger("vigie.it.http-port", 8181), Integer.getInteger("vigie.it.management-port", 9181),
                    List.of("--db=dev-file",
                            "--db-url=jdbc:h2:file:" + workDir.toAbsolutePath().resolve("data/h2/keycloakdb")
                                    + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=0",
                            "--hostname-strict=false", "--import-realm"),
                    newAdminPassword());
            server.wipeData();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
            instance = server;
        }
        return instance;
    }

    /**
     * A node of a cluster, not started: its own copy of the distribution ({@code home}), the
     * given {@code kc.sh start} options (database, hostname, cache ports), and the same bootstrap
     * admin password as the other nodes (they share the database, so the first node's admin).
     */
    public static KeycloakServer clusterNode(String name, Path home, Path workDir, int httpPort, int managementPort,
            String adminPassword, List<String> options) {
        return new KeycloakServer(name, home, workDir, httpPort, managementPort, options, adminPassword);
    }

    /** The unpacked distribution with Vigie's providers, theme and the test-only clock provider. */
    public static Path distribution() {
        return Path.of(required("vigie.keycloak.home"));
    }

    public static String newAdminPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Runs {@code kc.sh build} with these build options in a distribution (for {@code --optimized} starts). */
    public static void build(Path home, Path log, List<String> buildOptions) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        try {
            Files.createDirectories(log.getParent());
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

    public String baseUrl() {
        // Not "localhost": Keycloak's cookies are Secure and some clients refuse them on plain http://localhost.
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public String name() {
        return name;
    }

    public int clockOffset() {
        return clockOffset;
    }

    void clockOffset(int seconds) {
        clockOffset = seconds;
    }

    /** True the first time only: one-time realm settings are applied once per server (and database). */
    synchronized boolean firstPreparation() {
        boolean first = !realmPrepared;
        realmPrepared = true;
        return first;
    }

    public Path log() {
        return workDir.resolve(name + "-" + starts + ".log");
    }

    public synchronized void restart() {
        stop();
        start();
    }

    private void wipeData() {
        Path data = workDir.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts the server and waits until it is ready. */
    public synchronized void start() {
        try {
            Files.createDirectories(workDir);
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            try (Stream<Path> files = Files.list(realmImport)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, importDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            starts++;
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin").resolve("kc.sh").toString(), "start"));
            command.addAll(options);
            command.addAll(List.of("--health-enabled=true", "--http-enabled=true",
                    "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--log-level=INFO,org.vigie:debug",
                    // As behind a reverse proxy on loopback: tests play browsers at other addresses.
                    "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log().toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("JAVA_OPTS_APPEND", "-Xms256m -Xmx1g");
            process = builder.start();
            clockOffset = 0; // a new process starts with Keycloak's own clock
            waitUntilReady(Duration.ofSeconds(Integer.getInteger("vigie.it.start-timeout", 300)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitUntilReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
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
        throw new IllegalStateException("Keycloak not ready after " + timeout + ":\n" + tail());
    }

    public synchronized void stop() {
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

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
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

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the integration tests with mvn verify");
        }
        return value;
    }
}
