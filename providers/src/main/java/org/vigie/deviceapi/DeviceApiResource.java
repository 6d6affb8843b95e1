package org.vigie.deviceapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.ChallengeStore;
import org.vigie.identifier.PractitionerLookup;

/**
 * The device API ({@code /realms/{realm}/vigie-device}, see docs/device-api.md) and the browser's
 * status endpoint: the routes, each handing the request to the class that owns its rule.
 * Devices authenticate every call with their own key; no Keycloak token. Every refusal is a JSON
 * error with a 4xx status.
 */
public class DeviceApiResource {

    static final String JOSE = "application/jose";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ChallengeStore store;
    private final DecisionWatcher watcher;

    public DeviceApiResource(KeycloakSession session, DecisionWatcher watcher) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new ChallengeStore(session);
        this.watcher = watcher;
    }

    /** Enrolment with proof of possession of the new key (see DeviceKeyEndpoints). */
    @POST
    @Path("enroll")
    @Consumes({JOSE, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
        return DeviceApiAnswers.answer(session, () -> new DeviceKeyEndpoints(session, realm).enroll(type, RequestBodies.read(body)));
    }

    /** Key rotation: signed by the old key and the new one (see DeviceKeyEndpoints). */
    @POST
    @Path("key")
    @Consumes({JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotateKey(InputStream body) {
        return DeviceApiAnswers.answer(session, () -> new DeviceKeyEndpoints(session, realm).rotate(RequestBodies.read(body)));
    }

    @GET
    @Path("challenges")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return DeviceApiAnswers.answer(session, () -> {
            SignedDeviceRequest caller = SignedDeviceRequest.fromBearer(session, realm, authorization);
            return DeviceApiException.json(200, Map.of("challenges", ChallengeListing.pending(session, realm, store, caller.user(),
                    PractitionerLookup.ofBrowserFlow(realm).nationalIds(caller.user()))));
        });
    }

    /** Push registration (docs/device-api.md, section 6): see {@link PushRegistrationEndpoint}. */
    @Path("push")
    public PushRegistrationEndpoint push() {
        return new PushRegistrationEndpoint(session, realm, store);
    }

    /** A decision on a challenge the app names (deny, fraud, and approvals in both code modes). */
    @POST
    @Path("challenges/{id}/decision")
    @Consumes({JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String challengeId, InputStream body) {
        return DeviceApiAnswers.answer(session, () -> new DeviceDecision(session, realm, store).decide(RequestBodies.read(body), challengeId));
    }

    /**
     * An approval naming no challenge: the code typed in the app picks, among the practitioner's
     * pending logins, the one whose browser shows it (typed codes only). This is how a practitioner
     * approves their own login whatever else waits for their identifier.
     */
    @POST
    @Path("decision")
    @Consumes({JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response decideByCode(InputStream body) {
        return DeviceApiAnswers.answer(session, () -> new DeviceDecision(session, realm, store).decide(RequestBodies.read(body), null));
    }

    /** The browser's waiting page asks whether its login was decided (see {@link BrowserStatus}). */
    @GET
    @Path("status/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public void status(@PathParam("id") String challengeId, @QueryParam("token") String token,
                       @QueryParam("wait") String wait, @Suspended AsyncResponse response) {
        new BrowserStatus(store, watcher).answer(challengeId, token, wait, response);
    }
}
