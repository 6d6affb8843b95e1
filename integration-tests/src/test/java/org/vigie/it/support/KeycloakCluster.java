package org.vigie.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.vigie.launcher.Cluster;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.PostgresServer;

/**
 * Two Keycloak nodes with Vigie forming one cluster on this machine, as production runs it
 * (the launcher's {@link Cluster}: a shared PostgreSQL database, Keycloak's default embedded
 * Infinispan cache stack with {@code jdbc-ping} discovery through that database, the same public
 * hostname on both nodes, distinct HTTP, management and cache ports). Each node runs from its own
 * copy of the test distribution, built once for PostgreSQL and started {@code --optimized}.
 *
 * <p>Ports, from {@code vigie.it.cluster.base-port} (default 8480): HTTP base+1 and base+2,
 * management base+11 and base+12, cache transport base+21 and base+22, PostgreSQL base+31.
 */
public final class KeycloakCluster implements AutoCloseable {

    private final PostgresServer postgres;
    private final List<KeycloakServer> nodes;
    private final Path workDir;

    private KeycloakCluster(PostgresServer postgres, List<KeycloakServer> nodes, Path workDir) {
        this.postgres = postgres;
        this.nodes = nodes;
        this.workDir = workDir;
    }

    /** Starts PostgreSQL and two nodes, and returns once both see a cluster of two. */
    public static KeycloakCluster start() {
        int base = Integer.getInteger("vigie.it.cluster.base-port", 8480);
        Path workDir = Path.of(System.getProperty("vigie.work.dir")).resolveSibling("cluster");
        Distribution.deleteTree(workDir);
        PostgresServer postgres = PostgresServer.start(base + 31);
        List<KeycloakServer> nodes = new ArrayList<>();
        KeycloakCluster cluster = new KeycloakCluster(postgres, nodes, workDir);
        try {
            Path built = Cluster.buildForPostgres(KeycloakServer.distribution(), workDir);
            String adminPassword = KeycloakServer.newAdminPassword();
            String hostname = "http://127.0.0.1:" + (base + 1);
            for (int i = 1; i <= 2; i++) {
                String name = "node-" + (char) ('a' + i - 1);
                Path home = workDir.resolve(name);
                Distribution.copy(built, home);
                List<String> options = Cluster.nodeOptions(i, name, postgres, hostname, base + 20 + i).toList();
                KeycloakServer node = KeycloakServer.clusterNode(name, home, workDir, base + i, base + 10 + i, adminPassword, options);
                nodes.add(node);
                node.start(); // one after the other: the first creates the schema and imports the realm
            }
            List<Supplier<Path>> logs = new ArrayList<>();
            nodes.forEach(node -> logs.add(node::log));
            Cluster.awaitMembers(logs, 2, Duration.ofSeconds(90));
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public KeycloakServer node(int index) {
        return nodes.get(index);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
        postgres.stop();
        // The three copies of the distribution take half a gigabyte; the nodes' logs stay.
        for (String copy : List.of("dist", "node-a", "node-b")) {
            Distribution.deleteTree(workDir.resolve(copy));
        }
    }
}
