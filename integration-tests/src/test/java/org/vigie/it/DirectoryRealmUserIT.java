package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.directory.extract.Extract;
import org.vigie.directory.extract.Practitioner;
import org.vigie.directory.extract.SavoirFaire;
import org.vigie.directory.tool.ImportRun;
import org.vigie.directory.tool.SyntheticExtract;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;

/**
 * A realm's own user (hand-made, any username) who already holds an RPPS the directory lists stays
 * that practitioner: naming the practitioner (operator's search by national id, by RPPS, or the
 * username lookups of the identifier step and enrolment) imports no second user beside it, which
 * would make the identifier step refuse the identifier as held twice. A listed practitioner nobody
 * holds is still imported when first named.
 */
class DirectoryRealmUserIT {

    @Test
    void aHandMadeHolderOfAListedRppsIsNotDoubledByTheDirectory() throws Exception {
        KeycloakServer server = KeycloakServer.get();
        String realm = "directory-holder-" + (System.nanoTime() & 0xffff);
        assertEquals(201, new AdminApi(server, "").send("POST", "", Map.of("realm", realm, "enabled", true)).statusCode());
        AdminApi local = new AdminApi(server, realm);
        try {
            ObjectNode profile = (ObjectNode) local.get("/users/profile");
            profile.put("unmanagedAttributePolicy", "ENABLED"); // the rpps attribute, as the shipped realm declares it
            assertEquals(200, local.send("PUT", "/users/profile", profile).statusCode());
            Path work = Files.createDirectories(Path.of("target", "directory-holder-it"));
            Path file = work.resolve("PS_LibreAcces_Personne_activite_holder.txt");
            try (OutputStream out = Files.newOutputStream(file)) {
                SyntheticExtract.write(out, new SyntheticExtract.Options(60, 0, 0, 0));
            }
            List<String> all = nationalIds(file);
            List<String> listed = all.stream().filter(id -> id.startsWith("8")).toList();
            String held = listed.get(0);
            String nobodys = listed.get(1);
            HttpResponse<String> created = local.send("POST", "/users", Map.of("username", "dr-hand-made", "enabled", true,
                    "attributes", Map.of("rpps", List.of(held.substring(1)))));
            assertEquals(201, created.statusCode(), created.body());
            ImportRun.Summary summary = new ImportRun(new ImportRun.Options(file, null, work.resolve("holder.report.txt"),
                    server.baseUrl(), realm, KeycloakServer.ADMIN_USER, server.adminPassword(), 200, false, false), System.out, false).run();
            assertEquals(all.size(), summary.added(), summary.describe());

            // The operator's searches, by national id (username) and by RPPS: the hand-made user only.
            assertEquals(0, local.get("/users?exact=true&username=" + held).size(), "no directory user named " + held);
            JsonNode byRpps = local.get("/users?q=rpps:" + held.substring(1));
            assertEquals(1, byRpps.size(), byRpps.toString());
            assertEquals("dr-hand-made", byRpps.get(0).get("username").asText());
            assertEquals(1, local.get("/users/count?q=rpps:" + held.substring(1)).asInt(), "one holder in the database");

            // A listed practitioner nobody holds is imported when named (what the check must not stop).
            JsonNode imported = local.get("/users?exact=true&username=" + nobodys);
            assertEquals(1, imported.size(), imported.toString());
            assertEquals(nobodys.substring(1), imported.get(0).get("attributes").get("rpps").get(0).asText());
        } finally {
            new AdminApi(server, "").send("DELETE", "/" + realm, null);
        }
    }

    private static List<String> nationalIds(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Extract extract = Extract.open(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString(), SavoirFaire.none(), bad -> { })) {
            for (Practitioner p = extract.next(); p != null; p = extract.next()) {
                ids.add(p.nationalId());
            }
        }
        return ids;
    }
}
