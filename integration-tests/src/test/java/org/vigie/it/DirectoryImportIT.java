package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vigie.directory.extract.BadRow;
import org.vigie.directory.extract.Extract;
import org.vigie.directory.extract.Practitioner;
import org.vigie.directory.extract.SavoirFaire;
import org.vigie.directory.tool.ImportRun;
import org.vigie.directory.tool.SyntheticExtract;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.simulator.DeviceClient;

/**
 * The national directory, end to end: a synthetic extract with malformed rows imported by the
 * operators' importer into the running server, an imported practitioner enrolling a phone and
 * logging in, the same file again (nothing written), and the next day's file (changes applied,
 * a practitioner who left refused at login, their device kept but refused).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryImportIT {

    static final int ROWS = 3000;
    static final long SEED = 1 + (System.nanoTime() & 7) % 7;

    static KeycloakServer server;
    static AdminApi admin;
    static Vigie vigie;
    static Path work;
    static Path day1;
    static Path day2;
    static Map<String, Map<String, Object>> day1Practitioners;
    static Map<String, Map<String, Object>> day2Practitioners;
    static long day1Malformed;
    /** Imported, enrolled and logged in on day 1; not in the file of day 2. */
    static String leaving;
    static DeviceClient leavingDevice;
    static String leavingUserId;

    @BeforeAll
    static void files() throws IOException {
        server = KeycloakServer.get();
        admin = new AdminApi(server);
        vigie = new Vigie(server);
        work = Files.createDirectories(Path.of("target", "directory-it"));
        day1 = work.resolve("PS_LibreAcces_Personne_activite_day1.txt");
        day2 = work.resolve("PS_LibreAcces_Personne_activite_day2.txt");
        day1Malformed = generate(day1, 0, 0).malformed();
        generate(day2, 2, 1);
        day1Practitioners = read(day1);
        day2Practitioners = read(day2);
    }

    @BeforeEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    @Order(1)
    void firstImportAddsEveryPractitionerAndReportsEveryBadRow() throws Exception {
        Path report = work.resolve("day1.report.txt");
        ImportRun.Summary summary = importFile(day1, report);
        assertEquals(ROWS, summary.rows());
        assertEquals(day1Practitioners.size(), summary.practitioners());
        assertEquals(day1Practitioners.size(), summary.added(), summary.describe());
        assertEquals(0, summary.updated());
        assertEquals(0, summary.disabled());
        assertEquals(day1Malformed, summary.rejected(), summary.describe());
        List<String> lines = Files.readAllLines(report).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(day1Malformed, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().allMatch(l -> l.matches(day1.getFileName() + ":\\d+: .+")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("wrong Luhn check digit")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("broken encoding")), String.join("\n", lines));
        assertEquals(day1Practitioners.size(), admin.get("/vigie-directory").get("active").asLong());
    }

    @Test
    @Order(2)
    void anImportedPractitionerEnrolsAPhoneAndLogsInWithTheDirectoryClaims() {
        leaving = day1Practitioners.keySet().stream()
                .filter(id -> id.startsWith("8") && !day2Practitioners.containsKey(id)).findFirst().orElseThrow();
        String rpps = leaving.substring(1);
        // The operator finds the practitioner by national identifier: imported into Keycloak's users then.
        leavingUserId = admin.userId(leaving);
        Vigie.Practitioner practitioner = new Vigie.Practitioner(leavingUserId, rpps, null);
        leavingDevice = vigie.enrolledDevice(practitioner);

        Login login = new Login(server).typeIdentifier(rpps);
        assertTrue(leavingDevice.decide(login.challengeId(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
        JsonNode idToken = Login.verifiedClaims(server, login.exchangeCode().get("id_token").asText());
        assertEquals(leaving, idToken.get("preferred_username").asText());
        Map<String, Object> expected = day1Practitioners.get(leaving);
        @SuppressWarnings("unchecked")
        Map<String, Object> firstExercice = ((List<Map<String, Object>>) expected.get("exercices")).get(0);
        JsonNode exercice = idToken.get("SubjectRefPro").get("exercices").get(0);
        assertEquals(firstExercice.get("codeProfession"), exercice.get("codeProfession").asText());
        assertEquals(expected.get("nom"), exercice.get("nomDexercice").asText());
        @SuppressWarnings("unchecked")
        List<Map<String, String>> activities = (List<Map<String, String>>) firstExercice.get("activities");
        assertEquals(activities.size(), exercice.get("activities").size());
        assertEquals(activities.get(0).get("raisonSocialeSite"), exercice.get("activities").get(0).get("raisonSocialeSite").asText());
    }

    /**
     * Keycloak's user profile caps an attribute without a length rule at 2,048 characters; one
     * exercice of a practitioner with many sites is longer. Without the realm's own cap on
     * {@code pscExercice}, such a practitioner's login stops on Keycloak's "update your account"
     * page (which they cannot fill in) and an operator cannot save them in the console.
     */
    @Test
    @Order(2)
    void aPractitionerWithManySitesIsAValidProfile() throws Exception {
        String manySites = day1Practitioners.entrySet().stream()
                .max(java.util.Comparator.comparingInt(e -> longestExercice(e.getValue())))
                .orElseThrow().getKey();
        assertTrue(longestExercice(day1Practitioners.get(manySites)) > 2048, "the sample holds the case at stake");
        String userId = admin.userId(manySites);
        ObjectNode user = (ObjectNode) admin.get("/users/" + userId);
        HttpResponse<String> saved = admin.send("PUT", "/users/" + userId, user);
        assertEquals(204, saved.statusCode(), "the console saves the practitioner as imported: " + saved.body());
    }

    @SuppressWarnings("unchecked")
    private static int longestExercice(Map<String, Object> practitioner) {
        return ((List<Object>) practitioner.get("exercices")).stream().mapToInt(exercice -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(exercice).length();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).max().orElse(0);
    }

    @Test
    @Order(3)
    void theSameFileAgainWritesNothing() throws Exception {
        ImportRun.Summary summary = importFile(day1, work.resolve("day1-again.report.txt"));
        assertEquals(0, summary.added(), summary.describe());
        assertEquals(0, summary.updated(), summary.describe());
        assertEquals(0, summary.disabled(), summary.describe());
        assertEquals(day1Practitioners.size(), summary.unchanged());
        assertEquals(day1Malformed, summary.rejected());
    }

    @Test
    @Order(4)
    void theNextDaysFileAppliesChangesAndDisablesWhoLeft() throws Exception {
        // A changed practitioner already imported into Keycloak's users: their attributes follow.
        String changed = day1Practitioners.keySet().stream()
                .filter(id -> day2Practitioners.containsKey(id) && !day2Practitioners.get(id).equals(day1Practitioners.get(id)))
                .findFirst().orElseThrow();
        String changedUserId = admin.userId(changed);
        String before = admin.get("/users/" + changedUserId).get("attributes").get("pscExercice").toString();

        // The leaving practitioner out of every node's user cache, as after a restart or an eviction: loading
        // them applies the directory's change first (validate), and that path must announce it too.
        assertEquals(204, admin.send("POST", "/clear-user-cache", null).statusCode());
        ImportRun.Summary summary = importFile(day2, work.resolve("day2.report.txt"));
        long expectedChanged = day1Practitioners.keySet().stream()
                .filter(id -> day2Practitioners.containsKey(id) && !day2Practitioners.get(id).equals(day1Practitioners.get(id))).count();
        long expectedAdded = day2Practitioners.keySet().stream().filter(id -> !day1Practitioners.containsKey(id)).count();
        long expectedGone = day1Practitioners.keySet().stream().filter(id -> !day2Practitioners.containsKey(id)).count();
        assertTrue(expectedChanged > 0 && expectedGone > 0);
        assertEquals(expectedChanged, summary.updated(), summary.describe());
        assertEquals(expectedAdded, summary.added(), summary.describe());
        assertEquals(expectedGone, summary.disabled(), summary.describe());

        String after = admin.get("/users/" + changedUserId).get("attributes").get("pscExercice").toString();
        assertFalse(before.equals(after), "the imported user's exercices follow the directory");
        assertTrue(after.contains(telephoneOf(day2Practitioners.get(changed))), after);

        // The practitioner who left: disabled, an event says why, the device is kept but refused.
        JsonNode user = admin.get("/users/" + leavingUserId);
        assertFalse(user.get("enabled").asBoolean());
        JsonNode credentials = admin.get("/users/" + leavingUserId + "/credentials");
        assertTrue(StreamSupport.stream(credentials.spliterator(), false).anyMatch(c -> c.get("type").asText().equals("vigie-device")),
                credentials.toString());
        assertFalse(leavingDevice.pending().ok(), "a disabled practitioner's device is refused");
        JsonNode events = admin.get("/events?type=UPDATE_PROFILE&user=" + leavingUserId);
        long left = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> "directory_left".equals(e.path("details").path("vigie_reason").asText())).count();
        assertEquals(1, left, "exactly one event says why: " + events);

        Login login = new Login(server).typeIdentifier(leaving.substring(1)); // the same page as for anyone
        assertFalse(leavingDevice.decide(login.challengeId(), "approve", login.code(), Vigie.PIN).ok());
        // The demo practitioners, not from the directory, are left alone.
        assertTrue(admin.get("/users/" + admin.userId("810001045367")).get("enabled").asBoolean());
    }

    @Test
    @Order(5)
    void anInterruptedImportRunAgainEndsInTheSameState() throws Exception {
        // The first half of the day-1 file, as a crash would leave it, then the whole file.
        List<String> all = Files.readAllLines(day1, StandardCharsets.ISO_8859_1);
        Path half = work.resolve("PS_LibreAcces_Personne_activite_half.txt");
        Files.write(half, all.subList(0, all.size() / 2), StandardCharsets.ISO_8859_1);
        importFile(half, work.resolve("half.report.txt"));
        ImportRun.Summary whole = importFile(day1, work.resolve("day1-after-half.report.txt"));
        ImportRun.Summary again = importFile(day1, work.resolve("day1-last.report.txt"));
        assertEquals(0, again.added() + again.updated() + again.disabled(), again.describe());
        assertEquals(day1Practitioners.size(), whole.added() + whole.updated() + whole.unchanged(), whole.describe());
        assertEquals(day1Practitioners.size(), admin.get("/vigie-directory").get("active").asLong());
    }

    @Test
    @Order(6)
    void theEndpointsAnswerBadInputClearly() {
        HttpResponse<String> notJson = admin.send("POST", "/vigie-directory/batches", "not a batch");
        assertEquals(400, notJson.statusCode(), notJson.body());
        HttpResponse<String> badId = admin.send("POST", "/vigie-directory/batches",
                Map.of("practitioners", List.of(Map.of("nationalId", "810001234567", "data", "{}"))));
        assertEquals(200, badId.statusCode(), badId.body());
        assertTrue(badId.body().contains("Luhn"), badId.body());
        assertEquals(400, admin.send("GET", "/vigie-directory/active-ids?max=0", null).statusCode());
    }

    @Test
    @Order(7)
    void onRequestTheRealmsOwnPractitionersAbsentFromTheFileAreDisabledAndEnabledWhenBack() throws Exception {
        // A realm of its own: the option reaches every local practitioner, the demo ones of the shared realm too.
        String realm = "directory-local-" + SEED + "-" + (System.nanoTime() & 0xffff);
        assertEquals(201, new AdminApi(server, "").send("POST", "", Map.of("realm", realm, "enabled", true, "eventsEnabled", true)).statusCode());
        AdminApi local = new AdminApi(server, realm);
        try {
            ObjectNode profile = (ObjectNode) local.get("/users/profile");
            profile.put("unmanagedAttributePolicy", "ENABLED"); // the rpps attribute, as the shipped realm allows it
            assertEquals(200, local.send("PUT", "/users/profile", profile).statusCode());
            Path file = work.resolve("PS_LibreAcces_Personne_activite_local.txt");
            try (OutputStream out = Files.newOutputStream(file)) {
                SyntheticExtract.write(out, new SyntheticExtract.Options(300, SEED, 0, 0));
            }
            String listedId = read(file).keySet().stream().filter(id -> id.startsWith("8")).findFirst().orElseThrow();
            String listed = localPractitioner(local, "listed", listedId.substring(1), true);
            String absent = localPractitioner(local, "absent", "10001045367", true);
            String byHand = localPractitioner(local, "disabled-by-hand", "10006122583", false);
            // An RPPS the file lists and an ADELI it does not: listed, as a user (not disabled for the ADELI).
            String secondListed = read(file).keySet().stream().filter(id -> id.startsWith("8")).skip(1).findFirst().orElseThrow();
            HttpResponse<String> twoIds = local.send("POST", "/users", Map.of("username", "two-ids", "enabled", true,
                    "attributes", Map.of("rpps", List.of(secondListed.substring(1)), "adeli", List.of("690000001"))));
            assertEquals(201, twoIds.statusCode(), twoIds.body());
            String twoIdsUser = twoIds.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

            ImportRun.Summary alone = importInto(realm, file, false, false);
            assertTrue(alone.local() == null, alone.describe());
            assertTrue(local.get("/users/" + absent).get("enabled").asBoolean(), "left alone unless asked");

            ImportRun.Summary asked = importInto(realm, file, true, false);
            assertEquals(1, asked.local().disabled(), asked.describe());
            assertEquals(0, asked.local().enabled(), asked.describe());
            JsonNode gone = local.get("/users/" + absent);
            assertFalse(gone.get("enabled").asBoolean());
            assertTrue(gone.get("attributes").has("vigieDirectoryLeft"), gone.toString());
            assertEquals(1, local.get("/users/" + absent + "/credentials").size(), "credentials kept");
            assertTrue(local.get("/events?type=UPDATE_PROFILE&user=" + absent).toString().contains("directory_left"));
            assertTrue(local.get("/users/" + listed).get("enabled").asBoolean(), "listed in the file");
            assertTrue(local.get("/users/" + twoIdsUser).get("enabled").asBoolean(), "one of their ids is listed");
            assertFalse(local.get("/users/" + byHand).get("enabled").asBoolean());

            // The next file lists both again: Vigie enables the one it disabled, not the one an admin disabled.
            Path back = work.resolve("PS_LibreAcces_Personne_activite_local_back.txt");
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            String row = lines.stream().filter(l -> l.startsWith("8|" + listedId.substring(1) + "|")).findFirst().orElseThrow();
            for (String rpps : List.of("10001045367", "10006122583")) {
                lines.add(row.replace("8|" + listedId.substring(1) + "|" + listedId + "|", "8|" + rpps + "|8" + rpps + "|"));
            }
            Files.write(back, lines, StandardCharsets.ISO_8859_1);
            ImportRun.Summary returned = importInto(realm, back, true, false);
            assertEquals(1, returned.local().enabled(), returned.describe());
            JsonNode again = local.get("/users/" + absent);
            assertTrue(again.get("enabled").asBoolean());
            assertFalse(again.path("attributes").has("vigieDirectoryLeft"), again.toString());
            assertTrue(local.get("/events?type=UPDATE_PROFILE&user=" + absent).toString().contains("directory_returned"));
            assertFalse(local.get("/users/" + byHand).get("enabled").asBoolean(), "an admin's decision is not undone");

            // Vigie disables them again; an operator enables them, then disables them on purpose: no import undoes it.
            assertEquals(1, importInto(realm, file, true, false).local().disabled());
            setEnabled(local, absent, true);
            ImportRun.Summary taken = importInto(realm, back, true, false);
            assertEquals(0, taken.local().enabled(), taken.describe());
            assertFalse(local.get("/users/" + absent).path("attributes").has("vigieDirectoryLeft"), "the operator's from now on");
            setEnabled(local, absent, false);
            assertEquals(0, importInto(realm, back, true, false).local().enabled());
            assertFalse(local.get("/users/" + absent).get("enabled").asBoolean(), "the operator's disable stands");
            setEnabled(local, absent, true);

            // The mass-disable guard: 106 of 108 active local practitioners absent is a truncated file, not a day.
            for (int i = 0; i < 105; i++) {
                localPractitioner(local, "absent-" + i, SyntheticExtract.rpps(SEED, 2_800_000 + i), true);
            }
            ImportRun.Summary guarded = importInto(realm, file, true, false);
            assertEquals(0, guarded.local().disabled(), guarded.describe());
            assertEquals(106, guarded.local().absentKept(), guarded.describe());
            assertTrue(local.get("/users/" + absent).get("enabled").asBoolean());
            ImportRun.Summary allowed = importInto(realm, file, true, true);
            assertEquals(106, allowed.local().disabled(), allowed.describe());
            assertTrue(local.get("/users/" + listed).get("enabled").asBoolean());

            assertEquals(400, local.send("POST", "/vigie-directory/returned", Map.of("nationalIds", List.of())).statusCode());
            assertEquals(400, local.send("POST", "/vigie-directory/absent?local=yes", Map.of("nationalIds", List.of())).statusCode());
            assertEquals(400, local.send("GET", "/vigie-directory/local-practitioners?max=5000", null).statusCode());
        } finally {
            new AdminApi(server, "").send("DELETE", "/" + realm, null);
        }
    }

    /** A user of the realm's own (no directory link) holding this RPPS, with a password; its id. */
    private static String localPractitioner(AdminApi local, String username, String rpps, boolean enabled) {
        HttpResponse<String> created = local.send("POST", "/users", Map.of("username", username, "enabled", enabled,
                "attributes", Map.of("rpps", List.of(rpps)),
                "credentials", List.of(Map.of("type", "password", "value", "local-" + rpps, "temporary", false))));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The operator's switch in the console: the whole representation back, with the flag changed. */
    private static void setEnabled(AdminApi local, String userId, boolean enabled) {
        ObjectNode user = (ObjectNode) local.get("/users/" + userId);
        user.put("enabled", enabled);
        HttpResponse<String> put = local.send("PUT", "/users/" + userId, user);
        assertEquals(204, put.statusCode(), put.body());
    }

    private static ImportRun.Summary importInto(String realm, Path file, boolean disableAbsentLocal, boolean allowMassDisable) throws Exception {
        return new ImportRun(new ImportRun.Options(file, null, work.resolve("local.report.txt"), server.baseUrl(), realm,
                KeycloakServer.ADMIN_USER, server.adminPassword(), 200, allowMassDisable, disableAbsentLocal), System.out, false).run();
    }

    private static String telephoneOf(Map<String, Object> practitioner) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> exercices = (List<Map<String, Object>>) practitioner.get("exercices");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> activities = (List<Map<String, String>>) exercices.get(0).get("activities");
        return activities.get(0).get("telephone");
    }

    private static ImportRun.Summary importFile(Path file, Path report) throws Exception {
        return new ImportRun(new ImportRun.Options(file, null, report, server.baseUrl(), KeycloakServer.REALM,
                KeycloakServer.ADMIN_USER, server.adminPassword(), 200, false, false), System.out, false).run();
    }

    private static SyntheticExtract.Written generate(Path file, double changed, double removed) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return SyntheticExtract.write(out, new SyntheticExtract.Options(ROWS, SEED, changed, removed));
        }
    }

    private static Map<String, Map<String, Object>> read(Path file) throws IOException {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        List<BadRow> bad = new ArrayList<>();
        try (Extract extract = Extract.open(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString(),
                SavoirFaire.none(), bad::add)) {
            for (Practitioner p = extract.next(); p != null; p = extract.next()) {
                all.put(p.nationalId(), p.toMap());
            }
        }
        return all;
    }
}
