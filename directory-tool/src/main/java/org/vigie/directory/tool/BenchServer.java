package org.vigie.directory.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.KeycloakProcess;
import org.vigie.launcher.PostgresServer;
import org.vigie.launcher.StartOptions;

/**
 * The directory bench's own server ({@code --start h2|postgres}): the deployed distribution started
 * with {@code ./vigie start}'s options on a fresh database, heap {@code -Xms1g -Xmx1g}, its GC log
 * kept to read the peak heap. {@code postgres}: a throw-away PostgreSQL server from Debian's
 * binaries on loopback (the launcher's, as the cluster tests use) and a copy of the distribution
 * built for it ({@code [cluster-build]}), started {@code --optimized} as one node.
 */
final class BenchServer implements AutoCloseable {

    static final String ADMIN_USER = "bench-admin";
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final KeycloakProcess process;
    private final PostgresServer postgres;
    private final Path gcLog;
    private final String adminPassword;
    private final int httpPort;

    private BenchServer(KeycloakProcess process, PostgresServer postgres, Path gcLog, String adminPassword, int httpPort) {
        this.process = process;
        this.postgres = postgres;
        this.gcLog = gcLog;
        this.adminPassword = adminPassword;
        this.httpPort = httpPort;
    }

    /** Starts it on {@code httpPort}, management {@code httpPort + 1000}, cache transport {@code httpPort + 4}, PostgreSQL (if asked) on {@code postgresPort}. */
    static BenchServer start(String database, Path keycloakHome, Path work, int httpPort, int postgresPort, String extraJavaOpts) {
        Path gcLog = work.resolve("server-gc.log").toAbsolutePath();
        String password = Distribution.newAdminPassword();
        int managementPort = httpPort + 1000;
        Map<String, String> env = Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER, "KC_BOOTSTRAP_ADMIN_PASSWORD", password,
                "JAVA_OPTS_APPEND", "-Xms1g -Xmx1g -Xlog:gc:file=" + gcLog + " " + extraJavaOpts);
        PostgresServer postgres = null;
        try {
            StartOptions options;
            Path home = keycloakHome;
            if (database.equals("postgres")) {
                postgres = PostgresServer.start(postgresPort);
                home = work.resolve("dist-postgres");
                Distribution.deleteTree(home);
                Distribution.copy(keycloakHome, home);
                KeycloakProcess.build(home, work.resolve("build.log"), StartOptions.of("cluster-build").toList());
                options = StartOptions.of("cluster-node").with("db-url", postgres.jdbcUrl()).with("db-username", PostgresServer.USER)
                        .with("hostname", "http://127.0.0.1:" + httpPort).with("cache-port", httpPort + 4).with("node-name", "bench");
            } else if (database.equals("h2")) {
                Distribution.deleteTree(work.resolve("data"));
                options = StartOptions.of("single-node").with("data", work.toAbsolutePath().resolve("data"));
            } else {
                throw new IllegalArgumentException("--start is h2 or postgres");
            }
            options.add("server").add("import-realm").with("host", "127.0.0.1").with("http-port", httpPort)
                    .with("management-port", managementPort);
            KeycloakProcess process = KeycloakProcess.start(home, options.toList(), env, managementPort, work.resolve("server.log"),
                    Duration.ofMinutes(15));
            return new BenchServer(process, postgres, gcLog, password, httpPort);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.stop();
            }
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    String adminPassword() {
        return adminPassword;
    }

    long pid() {
        return process.javaPid();
    }

    /** The largest heap in use the GC log shows (before a collection), in MB; -1 without a log. */
    long peakHeapMb() {
        return peakHeapMb(gcLog);
    }

    static long peakHeapMb(Path gcLog) {
        try {
            long peak = -1;
            Matcher m = GC.matcher(Files.readString(gcLog));
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
            return peak;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        process.stop();
        if (postgres != null) {
            postgres.stop();
        }
    }

}
