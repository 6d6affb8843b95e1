package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility engine, injected into the page under test and run there.
 *
 * <p>The script is the npm package's {@code axe.min.js} as Deque republishes it on Maven Central
 * ({@code com.deque.html.axe-core:selenium}, used for that file only: its own classes and
 * dependencies are excluded, see the pom). Rules: WCAG 2.0 and 2.1, levels A and AA, the basis of
 * France's RGAA. A page fails on any violation of impact {@code serious} or {@code critical}; all
 * violations, of any impact, are written to a JSON report next to the screenshots.
 */
public final class Axe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final String SOURCE = load();

    private Axe() {
    }

    /** What axe found on one page. */
    public record Result(String version, int passes, List<JsonNode> violations) {
        public List<JsonNode> serious() {
            return violations.stream().filter(v -> FAILING_IMPACTS.contains(v.path("impact").asText())).toList();
        }

        public void assertNoSeriousViolation(String page) {
            List<JsonNode> serious = serious();
            if (!serious.isEmpty()) {
                StringBuilder out = new StringBuilder("axe-core " + version + ": " + serious.size()
                        + " serious/critical WCAG 2.1 AA violation(s) on page " + page + ":");
                for (JsonNode v : serious) {
                    out.append("\n- ").append(v.path("id").asText()).append(" (").append(v.path("impact").asText()).append("): ")
                            .append(v.path("help").asText());
                    for (JsonNode node : v.path("nodes")) {
                        out.append("\n    ").append(node.path("target")).append(' ').append(node.path("failureSummary").asText().replace('\n', ' '));
                    }
                }
                throw new AssertionError(out.toString());
            }
        }
    }

    public static Result run(WebDriver driver, Path report) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(SOURCE + "\n;window.__vigieAxe = axe;");
        Object raw = js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.__vigieAxe.run(document, {"
                        + "  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + "  resultTypes: ['violations']"
                        + "}).then(r => done(JSON.stringify({version: r.testEngine.version, url: r.url,"
                        + "  passes: r.passes.length, violations: r.violations})),"
                        + "  e => done(JSON.stringify({error: String(e)})));");
        try {
            JsonNode result = JSON.readTree(String.valueOf(raw));
            if (result.has("error")) {
                throw new AssertionError("axe-core failed to run: " + result.get("error").asText());
            }
            Files.createDirectories(report.getParent());
            Files.writeString(report, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            List<JsonNode> violations = new ArrayList<>();
            result.path("violations").forEach(violations::add);
            return new Result(result.path("version").asText(), result.path("passes").asInt(), violations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
