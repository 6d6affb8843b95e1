package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.simulator.HttpResult;

/**
 * docs/device-api.openapi.yaml as a checker: an answer of the real server must be documented for
 * its operation (method, path, status) and its JSON body must validate against the schema the
 * document gives (JSON Schema 2020-12, OpenAPI 3.1's dialect). Remembers which documented
 * answers were seen, so a test can also demand that every operation was exercised.
 */
public final class DeviceApiSpec {

    /** The project's document, from the integration-tests module's folder (Maven's working directory). */
    public static final Path FILE = Path.of("..", "docs", "device-api.openapi.yaml");
    private static final String URI = "https://vigie.invalid/device-api.openapi.json";

    private final JsonNode spec;
    private final JsonSchemaFactory factory;
    private final Set<String> seen = new TreeSet<>();

    private DeviceApiSpec(JsonNode spec) {
        this.spec = spec;
        String json = spec.toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(URI, json))));
    }

    public static DeviceApiSpec load() {
        try {
            JsonNode spec = new YAMLMapper().readTree(Files.readString(FILE));
            if (!spec.path("openapi").asText().startsWith("3.1")) {
                throw new AssertionError(FILE + " is not an OpenAPI 3.1 document");
            }
            return new DeviceApiSpec(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** Checks one answer; {@code path} is the document's template, e.g. {@code /vigie-device/challenges/{id}/decision}. */
    public HttpResult check(String method, String path, HttpResult answer) {
        check(method, path, answer.status(), answer.body());
        return answer;
    }

    /** @throws AssertionError naming the disagreement */
    public void check(String method, String path, int status, String body) {
        String operation = method.toLowerCase(Locale.ROOT) + " " + path;
        JsonNode responses = spec.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses");
        if (responses.isMissingNode()) {
            throw new AssertionError("not in the spec: " + operation);
        }
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = responses.get(Integer.toString(status));
        if (response == null) {
            throw new AssertionError(operation + " answered " + status + ", which the spec does not document: " + body);
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = at(pointer);
        }
        JsonNode json = response.path("content").path("application/json");
        if (json.isMissingNode()) {
            if (body != null && !body.isBlank()) {
                throw new AssertionError(operation + " " + status + ": the spec documents no body, the server sent " + body);
            }
        } else {
            validate(operation + " " + status, pointer + "/content/application~1json/schema", body);
        }
        seen.add(operation + " " + status);
    }

    private void validate(String what, String schemaPointer, String body) {
        JsonNode value;
        try {
            value = new ObjectMapper().readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new AssertionError(what + ": the body is not JSON: " + body);
        }
        if (value == null || value.isMissingNode()) {
            throw new AssertionError(what + ": no JSON body");
        }
        // A schema that only refers to a component is loaded from there (a pointer free of path templates' braces).
        JsonNode node = at(schemaPointer);
        String pointer = node.size() == 1 && node.path("$ref").asText().startsWith("#/") ? node.get("$ref").asText().substring(1)
                : schemaPointer.replace("{", "%7B").replace("}", "%7D");
        JsonSchema schema = factory.getSchema(SchemaLocation.of(URI + "#" + pointer), SchemaValidatorsConfig.builder().build());
        Set<ValidationMessage> problems = schema.validate(value);
        if (!problems.isEmpty()) {
            throw new AssertionError(what + ": the body disagrees with the spec " + problems + ": " + body);
        }
    }

    /** Every documented operation, as "method path". */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method + " " + path.getKey()));
        }
        return operations;
    }

    /** The answers checked so far, as "method path status". */
    public Set<String> seen() {
        return Set.copyOf(seen);
    }

    private JsonNode at(String pointer) {
        JsonNode node = spec.at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError("the spec refers to " + pointer + ", which it does not hold");
        }
        return node;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
