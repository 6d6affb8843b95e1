package org.vigie.deviceapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeStore;
import org.vigie.challenge.ChallengeUrls;
import org.vigie.device.DeviceCredentialModel;
import org.vigie.push.PushRegistrations;
import org.vigie.push.PushSettings;
import org.vigie.push.WebPushProviderFactory;

/**
 * {@code /push} of the device API: what the app needs to subscribe ({@code GET}, bearer device
 * JWT), and its registration ({@code POST}, a JWS signed by the device key, like a decision).
 * The rules are {@link PushRegistrations}'.
 */
public class PushRegistrationEndpoint {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ChallengeStore store;

    PushRegistrationEndpoint(KeycloakSession session, RealmModel realm, ChallengeStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return DeviceApiAnswers.answer(session, () -> {
            SignedDeviceRequest caller = SignedDeviceRequest.fromBearer(session, realm, authorization);
            try {
                return DeviceApiException.json(200, PushRegistrations.describe(session, realm, settings(), caller.device()));
            } catch (PushRegistrations.Misconfigured e) {
                // The operator's settings, not the app, are wrong: the app polls meanwhile.
                throw new DeviceApiException(503, "temporarily_unavailable", e.getMessage() + "; poll GET /challenges");
            }
        });
    }

    @POST
    @Consumes({DeviceApiResource.JOSE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        return DeviceApiAnswers.answer(session, () -> {
            SignedDeviceRequest signed = SignedDeviceRequest.verify(session, realm, RequestBodies.read(body).trim(),
                    ChallengeUrls.deviceApi(session, realm), false);
            String jti = signed.string("jti", 128);
            if (jti == null || jti.isEmpty()) {
                throw DeviceApiException.invalidRequest("jti is required");
            }
            if (!signed.claims().containsKey("push")) {
                throw DeviceApiException.invalidRequest("push is required (an object, or null to unregister)");
            }
            PushSettings settings = settings();
            DeviceCredentialModel.PushData push;
            try {
                push = PushRegistrations.parse(signed.claims().get("push"), settings,
                        WebPushProviderFactory.allowsPrivateEndpoints(session));
            } catch (PushRegistrations.Invalid e) {
                throw DeviceApiException.invalidRequest(e.getMessage());
            }
            if (!store.firstUseOfJti(signed.device().getId(), jti,
                    2 * (SignedDeviceRequest.MAX_CLOCK_SKEW + SignedDeviceRequest.MAX_TOKEN_LIFETIME))) {
                throw new DeviceApiException(409, "replayed", "this jti was already used");
            }
            if (!PushRegistrations.register(session, realm, signed.user(), signed.device().getId(), push)) {
                throw DeviceApiException.invalidToken("unknown or revoked device");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", push == null ? "unregistered" : "registered");
            out.put("provider", settings.provider());
            return DeviceApiException.json(200, out);
        });
    }

    private PushSettings settings() {
        return ApprovalConfig.ofBrowserFlow(realm).push();
    }
}
