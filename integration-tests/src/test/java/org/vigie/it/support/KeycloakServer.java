package org.vigie.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.KeycloakProcess;
import org.vigie.launcher.StartOptions;

/**
 * A real Keycloak distribution (unpacked by Maven from keycloak-quarkus-dist) with the Vigie
 * providers, theme and realm import, run as a separate process with {@code ./vigie start}'s
 * options (the launcher's {@code keycloak.options}: production mode, embedded H2 file database in
 * a data folder of its own), plus the tests' {@code [loopback-proxy]} and {@code [tests]}.
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
    /** Whether the tests' {@code [tests]} section is added (a production-like server has it not). */
    private final boolean testOptions;
    private KeycloakProcess process;
    private int starts;
    /** Keycloak's clock offset as last set through the test-only clock provider of this server. */
    private volatile int clockOffset;
    private volatile boolean realmPrepared;

    private KeycloakServer(String name, Path home, Path workDir, int httpPort, int managementPort, List<String> options,
            String adminPassword) {
        this(name, home, workDir, httpPort, managementPort, options, adminPassword, true);
    }

    private KeycloakServer(String name, Path home, Path workDir, int httpPort, int managementPort, List<String> options,
            String adminPassword, boolean testOptions) {
        this.testOptions = testOptions;
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
                    StartOptions.of("single-node", "import-realm").with("data", workDir.toAbsolutePath().resolve("data")).toList(),
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
     * given {@code kc.sh start} options besides {@code [server]} (database, hostname, cache ports), and the same bootstrap
     * admin password as the other nodes (they share the database, so the first node's admin).
     */
    public static KeycloakServer clusterNode(String name, Path home, Path workDir, int httpPort, int managementPort,
            String adminPassword, List<String> options) {
        return new KeycloakServer(name, home, workDir, httpPort, managementPort, options, adminPassword);
    }

    /**
     * A second single-node server, not started, with {@code ./vigie start}'s options and not the
     * tests' {@code [tests]} section (production defaults, e.g. private push endpoints refused),
     * plus {@code extra} options; its own copy of the distribution ({@code home}, since a build
     * option such as {@code --vault} rebuilds the distribution it starts from) and a fresh database.
     */
    public static KeycloakServer withoutTestOptions(String name, Path home, Path workDir, int httpPort, int managementPort,
            List<String> extra) {
        Path data = workDir.toAbsolutePath().resolve(name + "-data");
        Distribution.deleteTree(data);
        List<String> options = StartOptions.of("single-node", "import-realm").with("data", data).addRaw(extra).toList();
        return new KeycloakServer(name, home, workDir, httpPort, managementPort, options, newAdminPassword(), false);
    }

    /** The unpacked distribution with Vigie's providers, theme and the test-only clock provider. */
    public static Path distribution() {
        return Path.of(required("vigie.keycloak.home"));
    }

    public static String newAdminPassword() {
        return Distribution.newAdminPassword();
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
        Distribution.deleteTree(workDir.resolve("data"));
    }

    /** Starts the server and waits until it is ready. */
    public synchronized void start() {
        Distribution.installRealmImport(home, realmImport);
        starts++;
        StartOptions start = StartOptions.of().addRaw(options).add("server").add("loopback-proxy");
        if (testOptions) {
            start.add("tests");
        }
        List<String> command = start.with("host", "127.0.0.1").with("http-port", httpPort).with("management-port", managementPort).toList();
        clockOffset = 0; // a new process starts with Keycloak's own clock
        process = KeycloakProcess.start(home, command, Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword, "JAVA_OPTS_APPEND", "-Xms256m -Xmx1g"),
                managementPort, log(), Duration.ofSeconds(Integer.getInteger("vigie.it.start-timeout", 300)));
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    public String tail() {
        return KeycloakProcess.tail(log(), 60);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the integration tests with mvn verify");
        }
        return value;
    }
}
