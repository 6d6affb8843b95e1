package org.vigie.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A challenge waiting for the practitioner's decision; {@code json} is the server's object as sent. */
public record PendingChallenge(String id, String clientId, String clientName, long createdAt, long expiresAt,
        String ipAddress, String userAgent, String codeMode, List<String> codeChoices, JsonNode json) {

    /** {@code login}, {@code delegation}, or {@code ciba} for a login a service started by CIBA. */
    public String purpose() {
        return json.path("purpose").asText("login");
    }

    /**
     * The CIBA binding message the app shows beside the service's name (compare it with the
     * service's screen), or null when this is no CIBA login; empty when the service's message is
     * the code to type, which the app does not show.
     */
    public String bindingMessage() {
        JsonNode ciba = json.path("ciba");
        return ciba.isObject() ? ciba.path("bindingMessage").asText("") : null;
    }

    static PendingChallenge from(JsonNode json) {
        List<String> choices = new ArrayList<>();
        json.path("codeChoices").forEach(choice -> choices.add(choice.asText()));
        return new PendingChallenge(json.path("id").textValue(), json.path("clientId").textValue(),
                json.path("clientName").textValue(), json.path("createdAt").asLong(), json.path("expiresAt").asLong(),
                json.path("ipAddress").textValue(), json.path("userAgent").textValue(),
                json.path("codeMode").textValue(), List.copyOf(choices), json);
    }
}
