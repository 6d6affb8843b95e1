package org.vigie.deviceapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.keycloak.util.JsonSerialization;

/** Reading what a device sends: bounded bodies, JSON objects, bounded text fields, each refusal a clear 4xx. */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private RequestBodies() {
    }

    static String read(InputStream body) throws DeviceApiException {
        if (body == null) {
            throw DeviceApiException.invalidRequest("a body is required");
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new DeviceApiException(413, "request_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DeviceApiException.invalidRequest("the body could not be read");
        }
    }

    static JsonNode json(InputStream body) throws DeviceApiException {
        try {
            JsonNode node = JsonSerialization.mapper.readTree(read(body));
            if (node == null || !node.isObject()) {
                throw DeviceApiException.invalidRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw DeviceApiException.invalidRequest("the body is not valid JSON");
        }
    }

    static String text(JsonNode request, String field, int maxLength) throws DeviceApiException {
        String value = optionalText(request, field, maxLength);
        if (value == null || value.isEmpty()) {
            throw DeviceApiException.invalidRequest(field + " is required");
        }
        return value;
    }

    static String optionalText(JsonNode request, String field, int maxLength) throws DeviceApiException {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > maxLength) {
            throw DeviceApiException.invalidRequest(field + " must be a string of at most " + maxLength + " characters");
        }
        return node.asText();
    }
}
