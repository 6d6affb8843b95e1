package org.vigie.bench;

import java.nio.file.Path;

/** Command-line options; {@code ./vigie bench} passes the paths. */
record Options(boolean quick, boolean smoke, boolean resilience, boolean twoNodes, boolean twoNodesOnly, boolean heapOnly, boolean help, Path keycloakHome, Path work,
               Path out, int port, int managementPort, int clusterBasePort, String javaOpts) {

    static final String USAGE = """
            Usage: ./vigie bench [--quick | --smoke] [--resilience] [--no-two-nodes] [--heap-only] [--out DIR] [--port N] [--management-port N]
                                 [--cluster-base-port N] [--java-opts "OPTIONS"]
              --quick              about 9 minutes instead of about 20 (shorter phases, fewer levels)
              --smoke              a few minutes: every phase, tiny (proves the bench works; its figures mean nothing)
              --no-two-nodes       leave out the two-node wake-up (PostgreSQL and two more servers)
              --two-nodes-only     only the two-node wake-up, at 3.2 and 16.2 logins/s (the rates of the last full run)
              --heap-only          only the heap per pending login (2 minutes; 10,000 pending logins, 1,000 with --quick)
              --resilience         issue 11's figures instead (strangers' logins, wrong PINs under load, identifier
                                   timing, malformed requests): about 10 minutes, 5 with --quick
              --out DIR            where results.md, results.json and logins.png go (default .vigie/bench/results)
              --port N             the bench server's HTTP port (default 8381)
              --management-port N  its health port (default 9381)
              --cluster-base-port N  the two-node case's ports: HTTP N+1 / N+2, management N+11 / N+12, cache N+21 / N+22,
                                   PostgreSQL N+31 (default 8580)
              --java-opts "…"      the server JVM's extra options (default "-Xms1g -Xmx1g")
              --keycloak-home DIR  the Keycloak distribution with Vigie deployed (./vigie bench sets it)
              --work DIR           the server's data folder and log (./vigie bench sets it)""";

    static Options parse(String[] args) {
        boolean quick = false;
        boolean smoke = false;
        boolean twoNodes = true;
        boolean twoNodesOnly = false;
        boolean heapOnly = false;
        int clusterBase = 8580;
        boolean resilience = false;
        boolean help = false;
        Path home = null;
        Path work = Path.of(".vigie/bench");
        Path out = null;
        int port = 8381;
        int management = 9381;
        String javaOpts = "-Xms1g -Xmx1g";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--smoke" -> smoke = true;
                case "--no-two-nodes" -> twoNodes = false;
                case "--two-nodes-only" -> twoNodesOnly = true;
                case "--heap-only" -> heapOnly = true;
                case "--cluster-base-port" -> clusterBase = Integer.parseInt(value(args, ++i, a));
                case "--resilience" -> resilience = true;
                case "-h", "--help" -> help = true;
                case "--keycloak-home" -> home = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--management-port" -> management = Integer.parseInt(value(args, ++i, a));
                case "--java-opts" -> javaOpts = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (home == null && !help) {
            throw new IllegalArgumentException("--keycloak-home is required (./vigie bench sets it)");
        }
        if (quick && smoke) {
            throw new IllegalArgumentException("--quick or --smoke, not both");
        }
        return new Options(quick, smoke, resilience, twoNodes, twoNodesOnly, heapOnly, help, home, work.toAbsolutePath(),
                out == null ? work.toAbsolutePath().resolve("results") : out.toAbsolutePath(), port, management, clusterBase, javaOpts);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
