package org.vigie.health.identity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The ID token quarkus-oidc verified (signature against Vigie's JWKS, issuer, audience, expiry,
 * nonce): its raw form, its decoded header and claims. Only a verified token reaches this class.
 */
public record IdToken(String raw, JsonObject header, JsonObject claims) {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    public static IdToken decode(String raw) {
        String[] parts = raw.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return new IdToken(raw, json(parts[0]), json(parts[1]));
    }

    public String prettyHeader() {
        return pretty(header);
    }

    public String prettyClaims() {
        return pretty(claims);
    }

    public static String pretty(jakarta.json.JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }

    private static JsonObject json(String base64Url) {
        String text = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
