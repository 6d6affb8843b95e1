package org.vigie.delegation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.vigie.deviceapi.DeviceApiAnswers;
import org.vigie.deviceapi.DeviceApiException;
import org.vigie.deviceapi.SignedDeviceRequest;
import org.vigie.common.DelegationNotes;

/**
 * {@code /realms/{realm}/vigie-delegation}: the practitioner's device lists and ends their
 * delegations (signed like every device call), and the assistant's browser ends the delegation it
 * holds ({@code session}, a Vigie page). Refusals are JSON errors or pages, never a stack trace.
 */
public class DelegationResource {

    static final String SESSION_FORM = "vigie-delegation-session.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;

    public DelegationResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path("delegations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> {
            SignedDeviceRequest device = verify(authorization);
            List<Map<String, Object>> delegations = Delegations.of(session, realm, device.user()).stream()
                    .map(s -> Delegations.describe(realm, s)).collect(Collectors.toList());
            return json(200, Map.of("delegations", delegations));
        });
    }

    @POST
    @Path("delegations/{id}/end")
    @Produces(MediaType.APPLICATION_JSON)
    public Response endFromDevice(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> {
            SignedDeviceRequest device = verify(authorization);
            UserSessionModel found = Delegations.find(session, realm, device.user(), id)
                    .orElseThrow(() -> new DeviceApiException(404, "delegation_not_found", "no open delegation with this id"));
            Delegations.end(session, realm, found, Delegations.EndedBy.PRACTITIONER, session.getContext().getConnection());
            return json(200, Map.of("status", "ended", "delegation", id));
        });
    }

    /** The assistant's page: what this browser's delegated session is, and a button to end it. */
    @GET
    @Path("session")
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return page(delegatedSession().map(s -> "open").orElse("none"), delegatedSession());
    }

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response endFromBrowser(@FormParam("endToken") String endToken) {
        Optional<UserSessionModel> delegated = delegatedSession();
        if (delegated.isEmpty()) {
            return page("none", Optional.empty());
        }
        String expected = DelegationNotes.of(delegated.get()).map(DelegationNotes::endToken).orElse("");
        // The form's secret: a page of another site cannot end the delegation behind the assistant's back.
        if (endToken == null || expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                endToken.getBytes(StandardCharsets.UTF_8))) {
            return page("open", delegated);
        }
        Delegations.end(session, realm, delegated.get(), Delegations.EndedBy.ASSISTANT, session.getContext().getConnection());
        return page("ended", Optional.empty());
    }

    private Optional<UserSessionModel> delegatedSession() {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        return Optional.ofNullable(auth).map(AuthenticationManager.AuthResult::getSession)
                .filter(s -> DelegationNotes.of(s).isPresent());
    }

    private Response page(String state, Optional<UserSessionModel> delegated) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class).setAttribute("vigieState", state)
                .setAttribute("vigieSessionUrl", session.getContext().getUri().getRequestUri().toString());
        delegated.flatMap(DelegationNotes::of).ifPresent(d -> {
            var client = realm.getClientByClientId(d.clientId());
            form.setAttribute("vigieAssistantName", d.assistantName())
                    .setAttribute("vigiePractitionerName", practitionerName(delegated.get()))
                    .setAttribute("vigieClientName", client == null ? d.clientId() : Delegations.clientName(client))
                    .setAttribute("vigieUntil", DateTimeFormatter.ofPattern("HH:mm").withZone(DelegationRequest.DEFAULT_ZONE)
                            .format(Instant.ofEpochSecond(d.until())))
                    .setAttribute("vigieEndToken", d.endToken());
        });
        Response response = form.createForm(SESSION_FORM);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.fromResponse(response).cacheControl(noStore).build();
    }

    private static String practitionerName(UserSessionModel userSession) {
        return DelegationPages.displayName(userSession.getUser());
    }

    private SignedDeviceRequest verify(String authorization) throws DeviceApiException {
        return SignedDeviceRequest.fromBearer(session, realm, authorization);
    }

    private Response answer(DeviceApiAnswers.Call call) {
        return DeviceApiAnswers.answer(session, call);
    }

    static Response json(int status, Object body) {
        return DeviceApiException.json(status, body);
    }
}
