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

    /**
     * Practitioners who left the directory: {@code {"nationalIds": [...]}}; answers how many were
     * disabled. With {@code local=true}: the realm's own practitioners (not from the directory)
     * holding these ids instead, as the importer's {@code --disable-absent-local} asks.
     */
    @POST
    @Path("absent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response absent(@QueryParam("local") String local, InputStream body) {
        auth.users().requireManage();
        List<String> ids = nationalIds(body);
        if (ids == null || !isFlag(local)) {
            return error("the body must be a JSON object with an array \"nationalIds\" of at most " + DirectoryImport.MAX_BATCH
                    + "; local is true or false");
        }
        boolean ofRealm = "true".equals(local);
        int disabled = ofRealm ? new LocalPractitioners(session, realm).disable(ids) : new DirectoryImport(session, realm).absent(ids);
        if (disabled > 0) {
            adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER).resourcePath("vigie-directory", "absent")
                    .representation(Map.of("disabled", disabled, "reason", DirectoryImport.REASON_LEFT, "local", ofRealm)).success();
        }
        return json(200, Map.of("disabled", disabled));
    }

    /**
     * The realm's own practitioners listed again ({@code local=true} only: the directory's come back
     * through batches): enabled again if Vigie disabled them. Answers how many.
     */
    @POST
    @Path("returned")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response returned(@QueryParam("local") String local, InputStream body) {
        auth.users().requireManage();
        if (!"true".equals(local)) {
            return error("only local=true: the directory's practitioners come back through batches");
        }
        List<String> ids = nationalIds(body);
        if (ids == null) {
            return error("the body must be a JSON object with an array \"nationalIds\" of at most " + DirectoryImport.MAX_BATCH);
        }
        int enabled = new LocalPractitioners(session, realm).enable(ids);
        if (enabled > 0) {
            adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER).resourcePath("vigie-directory", "returned")
                    .representation(Map.of("enabled", enabled, "reason", DirectoryImport.REASON_RETURNED, "local", true)).success();
        }
        return json(200, Map.of("enabled", enabled));
    }

    /** The realm's own practitioners (local users with an RPPS or ADELI, not from the directory), a page of local users at a time. */
    @GET
    @Path("local-practitioners")
    @Produces(MediaType.APPLICATION_JSON)
    public Response localPractitioners(@QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        auth.users().requireView();
        int from = first == null ? 0 : first;
        int limit = max == null ? LocalPractitioners.MAX_PAGE : max;
        if (from < 0 || limit < 1 || limit > LocalPractitioners.MAX_PAGE) {
            return error("first must be 0 or more, max between 1 and " + LocalPractitioners.MAX_PAGE);
        }
        LocalPractitioners.Page page = new LocalPractitioners(session, realm).page(from, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("practitioners", page.practitioners().stream().map(LocalPractitioners.Local::toMap).toList());
        out.put("next", page.more() ? from + limit : null);
        return json(200, out);
    }

    /** The {@code nationalIds} array of a body, or null when the body is not that (or too long). */
    private static List<String> nationalIds(InputStream body) {
        JsonNode request = read(body);
        if (request == null || !request.path("nationalIds").isArray() || request.path("nationalIds").size() > DirectoryImport.MAX_BATCH) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        request.path("nationalIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static boolean isFlag(String value) {
        return value == null || value.equals("true") || value.equals("false");
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
