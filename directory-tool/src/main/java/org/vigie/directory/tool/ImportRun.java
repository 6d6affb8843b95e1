package org.vigie.directory.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vigie.directory.extract.BadRow;
import org.vigie.directory.extract.Extract;
import org.vigie.directory.extract.Practitioner;
import org.vigie.directory.extract.SavoirFaire;

/**
 * One import of an extract into a realm: reads the file as a stream, sends practitioners in
 * batches (each applied in one transaction by the server; two in flight so that reading and
 * writing overlap), writes every bad row to the report, then disables the practitioners that
 * are no longer in the file. Only a complete read disables anyone: an interrupted import is
 * simply run again, and what was already applied is skipped by its content hash.
 */
public final class ImportRun {

    /** Settings of one import. */
    public record Options(Path file, Path savoirFaire, Path report, String server, String realm, String username,
                          String password, int batchSize, boolean allowMassDisable, boolean disableAbsentLocal) {
    }

    /** The summary printed at the end. */
    public record Summary(long rows, long practitioners, long added, long updated, long unchanged, long disabled,
                          long rejected, long absentKept, double seconds, Local local) {
        public String describe() {
            return String.format("%,d rows, %,d practitioners in %.1f s: added %,d, updated %,d, unchanged %,d, disabled %,d, rejected %,d",
                    rows, practitioners, seconds, added, updated, unchanged, disabled, rejected)
                    + (absentKept > 0 ? String.format(" (%,d absent practitioners NOT disabled: see above)", absentKept) : "")
                    + (local == null ? "" : String.format("; the realm's own practitioners: %,d absent disabled, %,d back enabled%s",
                    local.disabled(), local.enabled(), local.absentKept() > 0
                            ? String.format(" (%,d absent NOT disabled: see above)", local.absentKept()) : ""));
        }
    }

    /** What {@code --disable-absent-local} did to the realm's own practitioners (not from the directory). */
    public record Local(long disabled, long enabled, long absentKept) {
    }

    /** More absent practitioners than this share of the active ones looks like a truncated file, not a day's departures. */
    static final double MASS_DISABLE_SHARE = 0.05;
    static final int MASS_DISABLE_FLOOR = 100;
    /** The directory practitioners' mass-disable guard refused this file (then no local one is disabled either). */
    private boolean directoryRefused;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final PrintStream out;
    private final boolean terminal;
    private final AdminClient client;
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<Map<String, String>> pending = new ArrayList<>();
    private BufferedWriter report;

    public ImportRun(Options options, PrintStream out, boolean terminal) {
        this.options = options;
        this.out = out;
        this.terminal = terminal;
        this.client = new AdminClient(options.server(), options.realm(), options.username(), options.password());
    }

    public Summary run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (BufferedWriter writer = Files.newBufferedWriter(options.report(), StandardCharsets.UTF_8)) {
            report = writer;
            writer.write("# Vigie directory import of " + options.file() + " into realm " + options.realm() + ", "
                    + Instant.now() + "\n# rows left out (file:line: reason) and practitioners the server refused\n");
            client.get(""); // fails early and clearly: server, realm, rights
            SavoirFaire savoirFaire = SavoirFaire.none();
            if (options.savoirFaire() != null) {
                try (InputStream in = Files.newInputStream(options.savoirFaire())) {
                    savoirFaire = SavoirFaire.read(in, options.savoirFaire().getFileName().toString(), this::bad);
                }
                out.printf("savoir-faire: %,d practitioners in %s%n", savoirFaire.size(), options.savoirFaire());
            }
            try (Extract extract = Extract.open(Files.newInputStream(options.file()), options.file().getFileName().toString(),
                    savoirFaire, this::bad)) {
                send(extract);
                long[] absent = absent(extract);
                Local local = options.disableAbsentLocal() ? local(extract) : null;
                long seconds = System.nanoTime() - started;
                Summary summary = new Summary(extract.rows(), extract.practitioners(), added.get(), updated.get(),
                        unchanged.get(), absent[0], rejected.get(), absent[1], seconds / 1e9, local);
                writer.write("# " + summary.describe() + "\n");
                return summary;
            }
        }
    }

    private void send(Extract extract) throws IOException, InterruptedException {
        Progress progress = new Progress(out, Files.size(options.file()), terminal);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        Semaphore inFlight = new Semaphore(3);
        List<Map<String, Object>> batch = new ArrayList<>(options.batchSize());
        boolean first = true;
        try {
            for (Practitioner p = extract.next(); p != null && failure.get() == null; p = extract.next()) {
                batch.add(p.toMap());
                if (batch.size() == options.batchSize()) {
                    List<Map<String, Object>> full = batch;
                    batch = new ArrayList<>(options.batchSize());
                    if (first) {
                        apply(full); // the first batch alone: it creates the realm's directory store
                        first = false;
                    } else {
                        inFlight.acquire();
                        senders.execute(() -> {
                            try {
                                apply(full);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                }
                progress.update(extract.rows(), extract.bytesRead());
            }
            if (failure.get() == null && !batch.isEmpty()) {
                apply(batch);
            }
        } finally {
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.MINUTES);
        }
        for (List<Map<String, String>> rest = takeChanged(true); rest != null && failure.get() == null; rest = takeChanged(true)) {
            post(rest);
        }
        progress.done(extract.rows(), extract.bytesRead());
        if (failure.get() != null) {
            throw new AdminClient.Refused("import stopped: " + failure.get().getMessage()
                    + "\n  nothing is half applied: run the same command again to go on (applied practitioners are skipped)");
        }
    }

    /** Asks which of the batch changed (ids and hashes only), then sends those alone. */
    private void apply(List<Map<String, Object>> practitioners) {
        if (failure.get() != null) {
            return;
        }
        try {
            Map<String, String> hashes = new LinkedHashMap<>();
            Map<String, String> data = new HashMap<>();
            for (Map<String, Object> practitioner : practitioners) {
                String id = (String) practitioner.get("nationalId");
                String json = JSON.writeValueAsString(practitioner);
                hashes.put(id, hash(json));
                data.put(id, json);
            }
            JsonNode send = client.post("/diff", Map.of("hashes", hashes)).path("send");
            unchanged.addAndGet(hashes.size() - send.size());
            if (send.isEmpty()) {
                return;
            }
            List<Map<String, String>> changed = new ArrayList<>();
            send.forEach(id -> changed.add(Map.of("nationalId", id.asText(), "data", data.get(id.asText()))));
            post(addChanged(changed));
        } catch (IOException | InterruptedException e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * Changed practitioners wait here until a whole batch is ready: on the next day's file each
     * diff of 500 finds a handful, and a request (admin check, transaction) per handful cost more
     * than the writes themselves. Returns a full batch to send, or null.
     */
    private synchronized List<Map<String, String>> addChanged(List<Map<String, String>> changed) {
        pending.addAll(changed);
        return takeChanged(false);
    }

    private synchronized List<Map<String, String>> takeChanged(boolean all) {
        if (pending.isEmpty() || (!all && pending.size() < options.batchSize())) {
            return null;
        }
        int size = Math.min(pending.size(), options.batchSize());
        List<Map<String, String>> batch = new ArrayList<>(pending.subList(0, size));
        pending.subList(0, size).clear();
        return batch;
    }

    /** Sends one batch of changed practitioners (each batch one transaction on the server). */
    private void post(List<Map<String, String>> batch) {
        if (batch == null || failure.get() != null) {
            return;
        }
        try {
            JsonNode answer = client.post("/batches", Map.of("practitioners", batch));
            added.addAndGet(answer.path("added").asLong());
            updated.addAndGet(answer.path("updated").asLong());
            unchanged.addAndGet(answer.path("unchanged").asLong());
            for (JsonNode refused : answer.path("rejected")) {
                rejected.incrementAndGet();
                writeReport("server refused " + refused.path("nationalId").asText() + ": " + refused.path("reason").asText());
            }
        } catch (IOException | InterruptedException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The same hash as the server's: SHA-256 of the JSON text, base64. */
    static String hash(String json) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Disables the active practitioners the file no longer lists; returns {disabled, absent but kept}. */
    private long[] absent(Extract extract) throws IOException, InterruptedException {
        List<String> absent = new ArrayList<>();
        long active = 0;
        String after = "";
        while (true) {
            JsonNode page = client.get("/active-ids?max=50000&after=" + after);
            JsonNode ids = page.path("ids");
            for (JsonNode id : ids) {
                active++;
                if (!extract.listed(id.asText())) {
                    absent.add(id.asText());
                }
            }
            if (ids.size() < 50000) {
                break;
            }
            after = ids.get(ids.size() - 1).asText();
        }
        if (absent.isEmpty()) {
            return new long[] {0, 0};
        }
        if (tooMany(absent.size(), active, "practitioners")) {
            directoryRefused = true;
            return new long[] {0, absent.size()};
        }
        long disabled = 0;
        for (List<String> chunk : chunks(absent)) {
            disabled += client.post("/absent", Map.of("nationalIds", chunk)).path("disabled").asLong();
        }
        writeReport("# " + disabled + " practitioners no longer in the file: disabled (their devices are kept)");
        return new long[] {disabled, 0};
    }

    /**
     * The realm's own practitioners (not from the directory), only when asked: those the file does
     * not list are disabled, those it lists again enabled if Vigie disabled them. The same guard
     * against a truncated file as for the directory's practitioners.
     */
    private Local local(Extract extract) throws IOException, InterruptedException {
        List<String> absent = new ArrayList<>();
        List<String> back = new ArrayList<>();
        long active = 0;
        for (int first = 0; first >= 0; ) {
            JsonNode page = client.get("/local-practitioners?max=1000&first=" + first);
            // Per user, not per national id: a user holding an RPPS and an ADELI is absent only when the
            // file lists neither (a page lists all of a user's ids; no userId: one user per id).
            Map<String, List<JsonNode>> users = new LinkedHashMap<>();
            for (JsonNode p : page.path("practitioners")) {
                String user = p.path("userId").asText(p.path("nationalId").asText());
                users.computeIfAbsent(user, u -> new ArrayList<>()).add(p);
            }
            for (List<JsonNode> ids : users.values()) {
                List<String> listed = ids.stream().map(p -> p.path("nationalId").asText()).filter(extract::listed).toList();
                if (ids.get(0).path("enabled").asBoolean()) {
                    active++;
                    if (listed.isEmpty()) {
                        ids.forEach(p -> absent.add(p.path("nationalId").asText()));
                    }
                } else if (!listed.isEmpty() && ids.get(0).path("disabledByVigie").asBoolean()) {
                    back.addAll(listed);
                }
            }
            first = page.path("next").isNumber() ? page.path("next").asInt() : -1;
        }
        long enabled = 0;
        for (List<String> chunk : chunks(back)) {
            enabled += client.post("/returned?local=true", Map.of("nationalIds", chunk)).path("enabled").asLong();
        }
        // A file the directory's own guard refused as truncated disables nobody, local or not.
        if (directoryRefused) {
            out.printf("%,d of the realm's own practitioners are not in this file: none is disabled, since the file looks "
                    + "truncated (above).%n", absent.size());
            return new Local(0, enabled, absent.size());
        }
        if (tooMany(absent.size(), active, "of the realm's own practitioners (not from the directory)")) {
            return new Local(0, enabled, absent.size());
        }
        long disabled = 0;
        for (List<String> chunk : chunks(absent)) {
            disabled += client.post("/absent?local=true", Map.of("nationalIds", chunk)).path("disabled").asLong();
        }
        writeReport("# " + disabled + " of the realm's own practitioners not in the file: disabled (their devices are kept); "
                + enabled + " listed again: enabled");
        return new Local(disabled, enabled, 0);
    }

    /** More absent than a day's departures (a truncated file?) and not allowed: said, and nobody is disabled. */
    private boolean tooMany(long absent, long active, String who) {
        long limit = Math.max(MASS_DISABLE_FLOOR, Math.round(active * MASS_DISABLE_SHARE));
        if (absent > limit && !options.allowMassDisable()) {
            out.printf("%,d of %,d %s are not in this file: more than a day's departures (limit %,d), so none is disabled."
                    + "%n  A truncated or partial file? If the file is complete, run again with --allow-mass-disable.%n",
                    absent, active, who, limit);
            return true;
        }
        return false;
    }

    private List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += options.batchSize()) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + options.batchSize())));
        }
        return chunks;
    }

    private void bad(BadRow row) {
        rejected.incrementAndGet();
        writeReport(row.describe());
    }

    private synchronized void writeReport(String line) {
        try {
            report.write(line);
            report.write('\n');
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }
}
