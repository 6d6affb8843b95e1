package org.vigie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.vigie.launcher.client.Pkce;

/**
 * A browser that opens Vigie's login and types an identifier, then leaves (or is left waiting):
 * how strangers, the timing probe and the anonymous load start logins. Only the identifier's
 * {@code POST} is timed: the request that looks the identifier up and creates the challenge.
 */
final class IdentifierStep {

    private IdentifierStep() {
    }

    /** What the waiting page gave: its status URL and code (null when there was no waiting page). */
    record Started(int status, long postNanos, String statusUrl, String code) {
        boolean waitingPage() {
            return statusUrl != null && code != null;
        }

        String challengeId() {
            return statusUrl == null ? null : statusUrl.replaceAll("^.*/status/([^/?]+).*$", "$1");
        }
    }

    static Started start(HttpClient http, String realmUrl, String identifier, String forwardedFor) throws IOException, InterruptedException {
        WebSession browser = new WebSession(http, Login.REDIRECT_URI, forwardedFor);
        WebSession.Page page = browser.get(new Pkce().authorizationUrl(realmUrl, Login.VIGIE_CLIENT, Login.REDIRECT_URI));
        String action = Html.attribute(page.body(), "vigie-identifier-form", "action").orElse(null);
        if (page.status() != 200 || action == null) {
            return new Started(page.status(), -1, null, null);
        }
        long t0 = System.nanoTime();
        page = browser.post(action, Map.of("identifier", identifier));
        long took = System.nanoTime() - t0;
        return new Started(page.status(), took, Html.attribute(page.body(), "vigie-waiting", "data-status-url").orElse(null),
                Html.text(page.body(), "vigie-code").orElse(null));
    }

    /** The waiting page's status, as its script reads it (no cookies): pending, decided, … or the HTTP status. */
    static String status(HttpClient http, String statusUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).header("Accept", "application/json")
                    .timeout(WebSession.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "http " + r.statusCode();
            }
            return Admin.parse(r.body()).path("status").asText("?");
        } catch (IOException e) {
            return "io error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
