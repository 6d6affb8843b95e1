package org.vigie.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.identifier.NationalIdentifier;

/**
 * Applies the directory to a realm, one batch per transaction: a practitioner is one row, written
 * whole or not at all, so an interrupted import leaves no practitioner half applied, and running
 * the same file again writes nothing (content hash). Practitioners already imported into
 * Keycloak's users are brought up to date in the same transaction.
 */
final class DirectoryImport {

    static final int MAX_BATCH = 2000;
    /** A practitioner's JSON larger than this is refused (a real one with 50 sites is about 40 KB). */
    static final int MAX_ENTRY_CHARS = 512 * 1024;
    static final String REASON_LEFT = "directory_left";
    static final String REASON_RETURNED = "directory_returned";

    /** What one batch did. */
    record Counts(int added, int updated, int unchanged, List<Map<String, String>> rejected) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DirectoryStore store;
    private final UserStorageProviderModel component;

    DirectoryImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new DirectoryStore(session);
        this.component = DirectoryUserStorageProviderFactory.ensure(realm);
    }

    /**
     * Which of these {@code nationalId → hash} pairs the importer must send: new, changed, or back
     * after leaving. One indexed query per batch; an unchanged practitioner costs nothing more.
     */
    List<String> toSend(Map<String, String> hashes) {
        Map<String, DirectoryStore.Stored> stored = store.stored(realm.getId(), new ArrayList<>(hashes.keySet()));
        List<String> send = new ArrayList<>();
        hashes.forEach((nationalId, hash) -> {
            DirectoryStore.Stored before = stored.get(nationalId);
            if (before == null || !before.active() || !before.hash().equals(hash)) {
                send.add(nationalId);
            }
        });
        return send;
    }

    /**
     * Stores practitioners, each {@code {"nationalId": …, "data": "<JSON text>"}}: the data is kept
     * as sent and its hash computed here, so the importer's hash of the same text always matches.
     */
    Counts apply(List<JsonNode> practitioners) {
        Map<String, String> valid = new LinkedHashMap<>();
        List<Map<String, String>> rejected = new ArrayList<>();
        for (JsonNode practitioner : practitioners) {
            String nationalId = practitioner.path("nationalId").asText("");
            String data = practitioner.path("data").asText("");
            String problem = problem(nationalId, data);
            if (problem == null && valid.containsKey(nationalId)) {
                problem = "listed twice in one batch";
            }
            if (problem != null) {
                rejected.add(Map.of("nationalId", nationalId, "reason", problem));
            } else {
                valid.put(nationalId, data);
            }
        }
        // One query for the batch's stored entries, one for their imported users: no query per practitioner.
        Map<String, DirectoryEntryEntity> stored = store.entries(realm.getId(), new ArrayList<>(valid.keySet()));
        List<DirectoryEntryEntity> changed = new ArrayList<>();
        int added = 0;
        int unchanged = 0;
        long now = Time.currentTimeMillis();
        for (Map.Entry<String, String> e : valid.entrySet()) {
            String hash = hash(e.getValue());
            DirectoryEntryEntity before = stored.get(e.getKey());
            if (before == null) {
                DirectoryEntryEntity entry = new DirectoryEntryEntity();
                entry.setRealmId(realm.getId());
                entry.setNationalId(e.getKey());
                fill(entry, e.getValue(), hash, now);
                store.insert(entry);
                added++;
            } else if (before.isActive() && before.getHash().equals(hash)) {
                unchanged++;
            } else {
                fill(before, e.getValue(), hash, now);
                changed.add(before);
            }
        }
        syncImportedUsers(changed);
        store.flush();
        return new Counts(added, changed.size(), unchanged, rejected);
    }

    /**
     * Marks these practitioners as gone from the directory: their entry stays (inactive), their
     * Keycloak user, if imported, is disabled (no login; devices kept, refused while disabled), with
     * an event. Returns how many were active before.
     */
    int absent(List<String> nationalIds) {
        List<DirectoryEntryEntity> left = new ArrayList<>();
        long now = Time.currentTimeMillis();
        for (DirectoryEntryEntity entry : store.entries(realm.getId(), nationalIds).values()) {
            if (entry.isActive()) {
                entry.setActive(false);
                entry.setUpdatedAt(now);
                left.add(entry);
            }
        }
        syncImportedUsers(left);
        store.flush();
        return left.size();
    }

    /** Brings the Keycloak users imported from these entries in line; users of the realm's own are left alone. */
    private void syncImportedUsers(List<DirectoryEntryEntity> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> ids = entries.stream().map(DirectoryEntryEntity::getNationalId).toList();
        Map<String, String> imported = store.importedUserIds(realm.getId(), component.getId(), ids);
        for (DirectoryEntryEntity entry : entries) {
            String userId = imported.get(entry.getNationalId());
            // Through the cache layer, so that every node drops its cached copy.
            UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
            if (user == null) {
                continue; // not imported yet (done at first lookup)
            }
            DirectoryUser.syncAndAnnounce(session, realm, user, entry);
        }
    }

    private static void fill(DirectoryEntryEntity entry, String data, String hash, long now) {
        entry.setData(data);
        entry.setHash(hash);
        entry.setActive(true);
        entry.setUpdatedAt(now);
    }

    /** Null when the practitioner can be stored: a national id (8+RPPS with its Luhn key, 0+ADELI) and its exercices. */
    static String problem(String nationalId, String data) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(nationalId);
        if (!parsed.valid() || parsed.identifier().type() == NationalIdentifier.Type.STAFF
                || !parsed.identifier().nationalId().equals(nationalId)) {
            return "nationalId must be 8+RPPS (Luhn key) or 0+ADELI";
        }
        if (data.length() > MAX_ENTRY_CHARS) {
            return "data larger than " + MAX_ENTRY_CHARS + " characters";
        }
        JsonNode parsedData;
        try {
            parsedData = JsonSerialization.mapper.readTree(data);
        } catch (IOException e) {
            return "data is not JSON";
        }
        if (parsedData == null || !nationalId.equals(parsedData.path("nationalId").asText())) {
            return "data must be a JSON object with the same nationalId";
        }
        if (!parsedData.path("exercices").isArray() || parsedData.path("exercices").isEmpty()) {
            return "no exercices";
        }
        return null;
    }

    static String hash(String data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
