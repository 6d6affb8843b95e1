package org.vigie.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak nodes with Vigie forming one cluster on this machine, as production runs it
 * (a shared PostgreSQL database, Keycloak's default embedded Infinispan with {@code jdbc-ping}
 * discovery through it, one public hostname): how a node is prepared and started, and when the
 * cluster has formed. Node 1 imports the realm; start the nodes one after the other.
 */
public final class Cluster {

    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\S+ \\((\\d+)\\)");

    private Cluster() {
    }

    /** A copy of {@code distribution} built for PostgreSQL ({@code [cluster-build]}), for nodes to copy. */
    public static Path buildForPostgres(Path distribution, Path workDir) {
        Path built = workDir.resolve("dist");
        Distribution.copy(distribution, built);
        KeycloakProcess.build(built, workDir.resolve("build.log"), StartOptions.of("cluster-build").toList());
        return built;
    }

    /**
     * What sets node {@code index} (1, 2…) named {@code name} apart, besides {@code [server]}:
     * {@code [cluster-node]} and, on node 1, {@code [import-realm]}.
     */
    public static StartOptions nodeOptions(int index, String name, PostgresServer postgres, String hostname, int cachePort) {
        StartOptions options = StartOptions.of("cluster-node")
                .with("db-url", postgres.jdbcUrl()).with("db-username", PostgresServer.USER)
                .with("hostname", hostname).with("cache-port", cachePort).with("node-name", name);
        if (index == 1) {
            options.add("import-realm");
        }
        return options;
    }

    /** Waits until every node's log shows a cluster view of {@code members}; fails with the logs' tails. */
    public static void awaitMembers(List<Supplier<Path>> logs, int members, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!logs.stream().allMatch(log -> lastViewSize(log.get()) == members)) {
            if (Instant.now().isAfter(deadline)) {
                StringBuilder tails = new StringBuilder();
                logs.forEach(log -> tails.append("\n--- ").append(log.get()).append(" ---\n").append(KeycloakProcess.tail(log.get(), 60)));
                throw new IllegalStateException("The nodes did not form a cluster of " + members + " in " + timeout + tails);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static int lastViewSize(Path log) {
        int size = 0;
        try {
            Matcher matcher = VIEW.matcher(Files.readString(log));
            while (matcher.find()) {
                size = Integer.parseInt(matcher.group(1));
            }
        } catch (IOException e) {
            return 0;
        }
        return size;
    }
}
