package org.vigie.device;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Operators' side of devices, under {@code /admin/realms/{realm}/vigie}: issue an activation
 * code, unlock a device locked by wrong PINs. Needs the same rights as managing the user.
 * Revoking a device is Keycloak's own: delete the credential (user → Credentials).
 */
public class DeviceAdminResource {


    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public DeviceAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @POST
    @Path("users/{userId}/activation-codes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueActivationCode(@PathParam("userId") String userId, @QueryParam("ttl") String ttlSeconds) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        java.util.Optional<String> problem = ActivationCodes.TTL.problem(ttlSeconds);
        if (problem.isPresent()) {
            return json(400, Map.of("error", "invalid_request", "error_description",
                    "ttl must be a whole number of seconds from " + ActivationCodes.TTL.min() + " to " + ActivationCodes.TTL.max()));
        }
        int ttl = ActivationCodes.TTL.read(ttlSeconds == null ? Map.of() : Map.of(ActivationCodes.TTL.key(), ttlSeconds));
        ActivationCodes.Issued issued = ActivationCodes.issue(session, realm, user, ttl, ActivationCodes.DEFAULT_MAX_ATTEMPTS);
        ActivationCodes.recordIssued(session, realm, session.getContext().getConnection(), null, user, issued, "admin");
        adminEvent.operation(OperationType.CREATE).resource(ResourceType.USER)
                .resourcePath("users", user.getId(), "vigie", "activation-codes").success();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activationCode", issued.code());
        body.put("expiresAt", issued.expiresAt());
        return json(201, body);
    }

    @POST
    @Path("users/{userId}/devices/{deviceId}/unlock")
    public Response unlockDevice(@PathParam("userId") String userId, @PathParam("deviceId") String deviceId) {
        UserModel user = user(userId);
        auth.users().requireManage(user);
        CredentialModel stored = user.credentialManager().getStoredCredentialById(deviceId);
        if (stored == null || !DeviceCredentialModel.TYPE.equals(stored.getType())) {
            throw new NotFoundException("No such device");
        }
        DeviceCredentialModel device = DeviceCredentialModel.from(stored);
        device.unlock();
        user.credentialManager().updateStoredCredential(device.writeData());
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.USER)
                .resourcePath("users", user.getId(), "vigie", "devices", deviceId, "unlock").success();
        return Response.noContent().build();
    }

    /**
     * Checks every saved "Vigie risk policy" setting of the realm. Keycloak 26 offers no hook to
     * refuse an authenticator setting when it is saved, so operators (and monitoring) ask here;
     * a step with problems refuses every login until it is fixed.
     */
    @jakarta.ws.rs.GET
    @Path("risk-policies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkRiskPolicies() {
        auth.realm().requireViewAuthenticationFlows();
        java.util.List<Map<String, Object>> report = new java.util.ArrayList<>();
        realm.getAuthenticationFlowsStream().forEach(flow -> realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(execution -> org.vigie.risk.RiskPolicyAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .forEach(execution -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("flow", flow.getAlias());
                    entry.put("executionId", execution.getId());
                    var config = execution.getAuthenticatorConfig() == null ? null
                            : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                    entry.put("config", config == null ? null : config.getAlias());
                    try {
                        org.vigie.risk.RiskPolicies.forConfig(config);
                        entry.put("valid", true);
                        entry.put("problems", java.util.List.of());
                    } catch (org.vigie.risk.RiskPolicy.InvalidPolicyException e) {
                        entry.put("valid", false);
                        entry.put("problems", e.problems());
                    }
                    report.add(entry);
                }));
        return json(200, report);
    }

    private UserModel user(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            // Same answer as Keycloak's own admin API for an unknown user, after the rights check.
            auth.users().requireView();
            throw new NotFoundException("User not found");
        }
        return user;
    }

    private static Response json(int status, Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).entity(body).build();
    }
}
