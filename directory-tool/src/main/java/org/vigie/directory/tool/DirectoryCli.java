package org.vigie.directory.tool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.directory.extract.ExtractFormatException;

/**
 * {@code ./vigie directory import FILE …} and {@code ./vigie directory generate --rows N FILE}.
 * Every problem is one clear line and a non-zero exit code, never a stack trace.
 */
public final class DirectoryCli {

    static final String USAGE = """
            Usage:
              ./vigie directory import FILE [--savoir-faire FILE] [--realm NAME] [--server URL] [--report FILE]
                                            [--batch N] [--allow-mass-disable] [--disable-absent-local]
                  Loads an Annuaire Santé extract (PS_LibreAcces_Personne_activite_*.txt) into the realm
                  (default esante-wallet on http://localhost:8080). Same file again: nothing written.
                  Practitioners no longer in the file are disabled (devices kept). The realm's own
                  practitioners (not from the directory, e.g. a demo realm's) are left alone, unless
                  --disable-absent-local: then those not in the file are disabled too. Bad rows go to the
                  report (default FILE.report.txt). Admin credentials: KC_BOOTSTRAP_ADMIN_USERNAME /
                  KC_BOOTSTRAP_ADMIN_PASSWORD.
              ./vigie directory generate --rows N [--seed S] [--changed PERCENT] [--removed PERCENT] FILE
                  Writes a synthetic extract (fictional people, a few malformed rows on purpose); with the
                  same seed, --changed / --removed give the next day's file.
              ./vigie directory bench --rows N (--start h2|postgres [--port P] [--postgres-port P] | --server-pid PID
                                      [--server URL]) [--seed S] [--imports-only] WORK_DIR
                  Figures of import, re-import and next day's file, identifier step and token issue
                  (see docs/benchmarks.md), with the server's CPU read from /proc: on a server of its own
                  (embedded H2, or a throw-away PostgreSQL server from /usr/lib/postgresql; default ports
                  8221 / 9221 / 5491) or on a running one. The two extracts (800 MB each at 2.2 M rows)
                  stay in WORK_DIR and are reused by a run with the same --rows and --seed.
            """;

    private DirectoryCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), System.console() != null));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> options = new HashMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--allow-mass-disable") || args[i].equals("--disable-absent-local") || args[i].equals("--imports-only")) {
                    options.put(args[i].substring(2), "true");
                } else if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i].substring(2), args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            if (positional.size() != 1) {
                throw new IllegalArgumentException("give exactly one FILE");
            }
            Path file = Path.of(positional.get(0));
            return switch (args[0]) {
                case "import" -> importFile(file, options, env, out, terminal);
                case "generate" -> generate(file, options, out);
                case "bench" -> bench(file, options, env, out);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            err.println("directory: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("directory: no such file: " + e.getMessage());
            return 1;
        } catch (ExtractFormatException | IOException e) {
            err.println("directory: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("directory: interrupted; run the same command again to go on");
            return 130;
        }
    }

    private static int importFile(Path file, Map<String, String> o, Map<String, String> env, PrintStream out, boolean terminal)
            throws IOException, InterruptedException {
        String username = env.get("KC_BOOTSTRAP_ADMIN_USERNAME");
        String password = env.get("KC_BOOTSTRAP_ADMIN_PASSWORD");
        if (username == null || password == null) {
            throw new IllegalArgumentException("set KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD (an admin of the server)");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        int batch = integer(o, "batch", 500);
        if (batch < 1 || batch > 2000) {
            throw new IllegalArgumentException("--batch must be between 1 and 2000");
        }
        Path report = Path.of(o.getOrDefault("report", file + ".report.txt"));
        ImportRun.Options options = new ImportRun.Options(file, o.containsKey("savoir-faire") ? Path.of(o.get("savoir-faire")) : null,
                report, o.getOrDefault("server", "http://localhost:8080"), o.getOrDefault("realm", "esante-wallet"),
                username, password, batch, o.containsKey("allow-mass-disable"), o.containsKey("disable-absent-local"));
        ImportRun.Summary summary = new ImportRun(options, out, terminal).run();
        out.println(summary.describe());
        out.println("report: " + report);
        return 0;
    }

    private static int bench(Path work, Map<String, String> o, Map<String, String> env, PrintStream out)
            throws IOException, InterruptedException {
        if (!o.containsKey("rows") || o.containsKey("server-pid") == o.containsKey("start")) {
            throw new IllegalArgumentException("bench needs --rows N and either --server-pid PID (a running server's Java process)"
                    + " or --start h2|postgres (its own server)");
        }
        String realm = o.getOrDefault("realm", "esante-wallet");
        int batch = integer(o, "batch", 500);
        int rows = integer(o, "rows", 0);
        int seed = integer(o, "seed", 5);
        if (o.containsKey("server-pid")) {
            DirectoryBench.Target target = new DirectoryBench.Target(o.getOrDefault("server", "http://localhost:8080"),
                    integer(o, "server-pid", 0), credential(env, "KC_BOOTSTRAP_ADMIN_USERNAME"), credential(env, "KC_BOOTSTRAP_ADMIN_PASSWORD"),
                    null);
            return new DirectoryBench(target, realm, batch, rows, seed, !o.containsKey("imports-only"), out).run(work);
        }
        if (!o.containsKey("keycloak-home")) {
            throw new IllegalArgumentException("--start needs --keycloak-home DIR (./vigie passes the deployed distribution)");
        }
        String database = o.get("start");
        if (!database.equals("h2") && !database.equals("postgres")) {
            throw new IllegalArgumentException("--start is h2 or postgres");
        }
        Files.createDirectories(work.resolve("server-" + database));
        out.println("starting the bench's server (" + database + ", -Xmx1g) on port " + integer(o, "port", 8221) + "…");
        try (BenchServer server = BenchServer.start(database, Path.of(o.get("keycloak-home")), work.resolve("server-" + database),
                integer(o, "port", 8221), integer(o, "postgres-port", 5491), o.getOrDefault("server-java-opts", ""))) {
            DirectoryBench.Target target = new DirectoryBench.Target(server.url(), server.pid(), BenchServer.ADMIN_USER,
                    server.adminPassword(), work.resolve("server-" + database).resolve("server-gc.log").toAbsolutePath());
            return new DirectoryBench(target, realm, batch, rows, seed, !o.containsKey("imports-only"), out).run(work);
        }
    }

    private static String credential(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalArgumentException("set KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD (an admin of the server)");
        }
        return value;
    }

    private static int generate(Path file, Map<String, String> o, PrintStream out) throws IOException {
        if (!o.containsKey("rows")) {
            throw new IllegalArgumentException("generate needs --rows N");
        }
        long rows = integer(o, "rows", 0);
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        SyntheticExtract.Options options = new SyntheticExtract.Options(rows, integer(o, "seed", 1),
                decimal(o, "changed"), decimal(o, "removed"));
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SyntheticExtract.Written w = SyntheticExtract.write(stream, options);
            out.printf("%s: %,d rows, %,d practitioners, %,d malformed rows on purpose, %,d changed, %,d removed%n",
                    file, w.rows(), w.practitioners(), w.malformed(), w.changed(), w.removed());
        }
        return 0;
    }

    private static int integer(Map<String, String> o, String name, int fallback) {
        try {
            return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number");
        }
    }

    private static double decimal(Map<String, String> o, String name) {
        try {
            double value = o.containsKey(name) ? Double.parseDouble(o.get(name)) : 0;
            if (value < 0 || value > 100) {
                throw new IllegalArgumentException("--" + name + " is a percentage (0 to 100)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number");
        }
    }
}
