package org.vigie.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.util.JsonSerialization;

/**
 * Operators' directory import, under {@code /admin/realms/{realm}/vigie-directory}: the importer
 * ({@code ./vigie directory import}) reads the extract and sends the practitioners in batches;
 * each batch is one transaction. Needs the realm's manage-users right.
 */
public class DirectoryAdminResource {

    static final int MAX_IDS_PAGE = 50_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public DirectoryAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** Which practitioners to send: {@code {"hashes": {"<nationalId>": "<hash>", …}}} answers {@code {"send": [ids]}}. */
    @POST
    @Path("diff")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response diff(InputStream body) {
        auth.users().requireManage();
        JsonNode request = read(body);
        if (request == null || !request.path("hashes").isObject()) {
            return error("the body must be a JSON object with an object \"hashes\" (national id to hash)");
        }
        if (request.path("hashes").size() > DirectoryImport.MAX_BATCH) {
            return error("at most " + DirectoryImport.MAX_BATCH + " practitioners per request");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        request.path("hashes").fields().forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
        return json(200, Map.of("send", new DirectoryImport(session, realm).toSend(hashes)));
    }

    /**
     * Practitioners as grouped from the extract: {@code {"practitioners": [{"nationalId": …,
     * "data": "<JSON text: nationalId, rpps|adeli, nom, prenom, exercices[]>"}, …]}}.
     */
    @POST
    @Path("batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response batch(InputStream body) {
        auth.users().requireManage();
        JsonNode request = read(body);
        if (request == null || !request.path("practitioners").isArray()) {
            return error("the body must be a JSON object with an array \"practitioners\"");
        }
        if (request.path("practitioners").size() > DirectoryImport.MAX_BATCH) {
            return error("at most " + DirectoryImport.MAX_BATCH + " practitioners per batch");
        }
        List<JsonNode> practitioners = new ArrayList<>();
        request.path("practitioners").forEach(practitioners::add);
        DirectoryImport.Counts counts = new DirectoryImport(session, realm).apply(practitioners);
        if (counts.added() + counts.updated() > 0) {
            adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER).resourcePath("vigie-directory", "batches")
                    .representation(Map.of("added", counts.added(), "updated", counts.updated())).success();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("added", counts.added());
        out.put("updated", counts.updated());
        out.put("unchanged", counts.unchanged());
        out.put("rejected", counts.rejected());
        return json(200, out);
    }

    /** Practitioners who left the directory: {@code {"nationalIds": [...]}}; answers how many were disabled. */
    @POST
    @Path("absent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response absent(InputStream body) {
        auth.users().requireManage();
        JsonNode request = read(body);
        if (request == null || !request.path("nationalIds").isArray()) {
            return error("the body must be a JSON object with an array \"nationalIds\"");
        }
        if (request.path("nationalIds").size() > DirectoryImport.MAX_BATCH) {
            return error("at most " + DirectoryImport.MAX_BATCH + " identifiers per request");
        }
        List<String> ids = new ArrayList<>();
        request.path("nationalIds").forEach(id -> ids.add(id.asText()));
        int disabled = new DirectoryImport(session, realm).absent(ids);
        if (disabled > 0) {
            adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER).resourcePath("vigie-directory", "absent")
                    .representation(Map.of("disabled", disabled, "reason", DirectoryImport.REASON_LEFT)).success();
        }
        return json(200, Map.of("disabled", disabled));
    }

    /** Active practitioners' identifiers in order, after {@code after}: how the importer finds who left. */
    @GET
    @Path("active-ids")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activeIds(@QueryParam("after") String after, @QueryParam("max") Integer max) {
        auth.users().requireView();
        int limit = max == null ? 10_000 : max;
        if (limit < 1 || limit > MAX_IDS_PAGE || (after != null && after.length() > 12)) {
            return error("max must be between 1 and " + MAX_IDS_PAGE + "; after a national identifier");
        }
        List<String> ids = new DirectoryStore(session).activeIdsAfter(realm.getId(), after == null ? "" : after, limit);
        return json(200, Map.of("ids", ids));
    }

    /** How many practitioners the realm's directory holds. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        auth.users().requireView();
        return json(200, new DirectoryStore(session).counts(realm.getId()));
    }

    private static JsonNode read(InputStream body) {
        try {
            return body == null ? null : JsonSerialization.mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Response error(String description) {
        return json(400, Map.of("error", "invalid_request", "error_description", description));
    }

    private static Response json(int status, Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).type(MediaType.APPLICATION_JSON).cacheControl(noStore).entity(body).build();
    }
}
