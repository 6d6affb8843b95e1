package org.vigie.deviceapi;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal of the device API: an HTTP status and a stable error code the app can act on. */
public class DeviceApiException extends Exception {

    private final int status;
    private final String error;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public DeviceApiException(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public DeviceApiException with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public String error() {
        return error;
    }

    public Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        body.putAll(extra);
        return json(status, body);
    }

    public static Response json(int status, Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).entity(body).build();
    }

    public static DeviceApiException invalidRequest(String description) {
        return new DeviceApiException(400, "invalid_request", description);
    }

    public static DeviceApiException invalidToken(String description) {
        return new DeviceApiException(401, "invalid_token", description);
    }

    /** The answer to a decision on a challenge someone (this device, another, the browser) already settled. */
    public static DeviceApiException alreadyDecided() {
        return new DeviceApiException(409, "already_decided", "this challenge was already decided");
    }
}
