package org.vigie.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A challenge waiting for the practitioner's decision; {@code json} is the server's object as sent. */
public record PendingChallenge(String id, String clientId, String clientName, long createdAt, long expiresAt,
        String ipAddress, String userAgent, String codeMode, List<String> codeChoices, JsonNode json) {

    static PendingChallenge from(JsonNode json) {
        List<String> choices = new ArrayList<>();
        json.path("codeChoices").forEach(choice -> choices.add(choice.asText()));
        return new PendingChallenge(json.path("id").textValue(), json.path("clientId").textValue(),
                json.path("clientName").textValue(), json.path("createdAt").asLong(), json.path("expiresAt").asLong(),
                json.path("ipAddress").textValue(), json.path("userAgent").textValue(),
                json.path("codeMode").textValue(), List.copyOf(choices), json);
    }
}
