package org.vigie.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An HTTP answer as the device sees it. {@code json} is a {@link MissingNode} when the body is empty or not JSON
 * (a proxy's error page, say), so callers can navigate it without null checks.
 */
public record HttpResult(int status, JsonNode json, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpResult of(int status, String body) {
        JsonNode json = MissingNode.getInstance();
        if (body != null && !body.isBlank()) {
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                // Not JSON: keep the raw body for the message.
            }
        }
        return new HttpResult(status, json, body == null ? "" : body);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The {@code error} code of a refusal, or null. */
    public String error() {
        return json.path("error").textValue();
    }

    public String errorDescription() {
        return json.path("error_description").textValue();
    }

    /** {@code remaining_attempts} of a {@code wrong_pin} refusal, or null. */
    public Integer remainingAttempts() {
        JsonNode remaining = json.path("remaining_attempts");
        return remaining.isInt() ? remaining.intValue() : null;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
