package org.vigie.delegation;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Operators' side, {@code /admin/realms/{realm}/vigie-delegations}: a practitioner's open
 * delegations, and ending one. Needs the rights to view / manage the practitioner. (The admin
 * console shows the same sessions in the practitioner's Sessions tab, where "Sign out" ends one.)
 */
public class DelegationAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public DelegationAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        if (user == null) {
            return DelegationResource.json(404, Map.of("error", "user_not_found"));
        }
        auth.users().requireView(user);
        List<Map<String, Object>> delegations = Delegations.of(session, realm, user).stream()
                .map(s -> Delegations.describe(realm, s)).collect(Collectors.toList());
        return DelegationResource.json(200, Map.of("delegations", delegations));
    }

    @DELETE
    @Path("users/{userId}/{delegationId}")
    public Response end(@PathParam("userId") String userId, @PathParam("delegationId") String delegationId) {
        UserModel user = user(userId);
        if (user == null) {
            return DelegationResource.json(404, Map.of("error", "user_not_found"));
        }
        auth.users().requireManage(user);
        UserSessionModel found = Delegations.find(session, realm, user, delegationId).orElse(null);
        if (found == null) {
            return DelegationResource.json(404, Map.of("error", "delegation_not_found"));
        }
        Delegations.end(session, realm, found, Delegations.EndedBy.OPERATOR, session.getContext().getConnection());
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.USER_SESSION)
                .resourcePath("users", user.getId(), "vigie-delegations", delegationId).success();
        return Response.noContent().build();
    }

    private UserModel user(String userId) {
        return userId == null || userId.length() > 64 ? null : session.users().getUserById(realm, userId);
    }
}
