package org.vigie.deviceapi;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** Runs a device API call: a refusal becomes its JSON error, anything unexpected a plain 500 with nothing half-done kept. */
public final class DeviceApiAnswers {

    private static final Logger LOG = Logger.getLogger(DeviceApiAnswers.class);

    /** A call of the API; refuses with a {@link DeviceApiException}. */
    public interface Call {
        Response handle() throws DeviceApiException;
    }

    private DeviceApiAnswers() {
    }

    public static Response answer(KeycloakSession session, Call call) {
        try {
            return call.handle();
        } catch (DeviceApiException e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            // Nothing half-done is kept (e.g. an activation code consumed without a device).
            session.getTransactionManager().setRollbackOnly();
            LOG.error("Device API failed", e);
            return serverError();
        }
    }

    static Response serverError() {
        return new DeviceApiException(500, "server_error", "unexpected server error").toResponse();
    }
}
