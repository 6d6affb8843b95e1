package org.vigie.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two Keycloak nodes with Vigie forming one cluster on this machine, as production runs it
 * (FACTS.md): a shared PostgreSQL database, Keycloak's default embedded Infinispan cache stack
 * ({@code jdbc-ping} discovery through that database), the same public hostname on both nodes,
 * distinct HTTP, management and cache ports. Each node runs from its own copy of the test
 * distribution, built once for PostgreSQL and started {@code --optimized}.
 *
 * <p>Ports, from {@code vigie.it.cluster.base-port} (default 8480): HTTP base+1 and base+2,
 * management base+11 and base+12, cache transport base+21 and base+22, PostgreSQL base+31.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\S+ \\((\\d+)\\)");

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
        delete(workDir);
        PostgresServer postgres = PostgresServer.start(base + 31);
        List<KeycloakServer> nodes = new ArrayList<>();
        KeycloakCluster cluster = new KeycloakCluster(postgres, nodes, workDir);
        try {
            Path built = workDir.resolve("dist");
            copy(KeycloakServer.distribution(), built);
            KeycloakServer.build(built, workDir.resolve("build.log"), List.of("--db=postgres", "--health-enabled=true"));
            String adminPassword = KeycloakServer.newAdminPassword();
            String hostname = "http://127.0.0.1:" + (base + 1);
            for (int i = 1; i <= 2; i++) {
                String name = "node-" + (char) ('a' + i - 1);
                Path home = workDir.resolve(name);
                copy(built, home);
                List<String> options = new ArrayList<>(List.of("--optimized",
                        "--db-url=" + postgres.jdbcUrl(), "--db-username=" + PostgresServer.USER, "--db-password=unused",
                        // One public address for the whole cluster, as behind a load balancer: the issuer is the same on both.
                        "--hostname=" + hostname,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + (base + 20 + i),
                        "--spi-cache-embedded-default-node-name=" + name));
                if (i == 1) {
                    options.add("--import-realm");
                }
                KeycloakServer node = KeycloakServer.clusterNode(name, home, workDir, base + i, base + 10 + i, adminPassword, options);
                nodes.add(node);
                node.start(); // one after the other: the first creates the schema and imports the realm
            }
            cluster.awaitMembers(2, Duration.ofSeconds(90));
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public KeycloakServer node(int index) {
        return nodes.get(index);
    }

    private void awaitMembers(int members, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean all = nodes.stream().allMatch(node -> lastViewSize(node) == members);
            if (all) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                nodes.forEach(node -> logs.append("\n--- ").append(node.name()).append(" ---\n").append(node.tail()));
                throw new IllegalStateException("The nodes did not form a cluster of " + members + " in " + timeout + logs);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int lastViewSize(KeycloakServer node) {
        int size = 0;
        try {
            Matcher matcher = VIEW.matcher(Files.readString(node.log()));
            while (matcher.find()) {
                size = Integer.parseInt(matcher.group(1));
            }
        } catch (IOException e) {
            return 0;
        }
        return size;
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
        postgres.stop();
        // The three copies of the distribution take half a gigabyte; the nodes' logs stay.
        for (String copy : List.of("dist", "node-a", "node-b")) {
            delete(workDir.resolve(copy));
        }
    }

    /** Copies a distribution keeping file times (Keycloak compares provider jars with its last build). */
    private static void copy(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = from.relativize(dir);
                    if (relative.toString().equals("data")) {
                        return FileVisitResult.SKIP_SUBTREE; // each node has its own data folder (import, tmp, transaction logs)
                    }
                    Files.createDirectories(to.resolve(relative));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
