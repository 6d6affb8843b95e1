package org.vigie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.vigie.launcher.client.Cookies;
import org.vigie.launcher.client.Forms;

/**
 * One browser's HTTP conversation: its own cookies, redirects followed inside Keycloak, stops at
 * the relying party's redirect URI. Cookies are kept by hand, as the integration tests' browser
 * keeps them ({@link Cookies}: Keycloak marks them Secure). Static resources (CSS, scripts) are not fetched, as in keycloak-benchmark.
 */
final class WebSession {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) VigieBench/1.0";

    private final HttpClient http;
    private final String stopAt;
    private final Cookies cookies = new Cookies();
    /** The browser's address as a trusted proxy on loopback reports it (X-Forwarded-For), or null. */
    private final String forwardedFor;

    WebSession(HttpClient http, String stopAt) {
        this(http, stopAt, null);
    }

    WebSession(HttpClient http, String stopAt, String forwardedFor) {
        this.http = http;
        this.stopAt = stopAt;
        this.forwardedFor = forwardedFor;
    }

    record Page(String url, int status, String body) {
        boolean atRelyingParty(String prefix) {
            return url.startsWith(prefix);
        }

        /** A query parameter of the page's URL (the relying party's callback). */
        String query(String name) {
            return Forms.query(url).get(name);
        }
    }

    Page get(String url) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        return follow(send(HttpRequest.newBuilder(uri).GET(), true), uri);
    }

    Page post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        return follow(send(request, true), uri);
    }

    /** A {@code fetch} without cookies, as the waiting page's script does ({@code credentials: "omit"}). */
    HttpResponse<String> fetchWithoutCookies(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET(), false);
    }

    static String form(Map<String, String> fields) {
        return Forms.encode(fields);
    }

    private Page follow(HttpResponse<String> response, URI from) throws IOException, InterruptedException {
        URI current = from;
        for (int hops = 0; hops < 10; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Page(current.toString(), status, response.body());
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("redirect without Location from " + from));
            current = current.resolve(location);
            if (current.toString().startsWith(stopAt)) {
                return new Page(current.toString(), status, response.body());
            }
            response = send(HttpRequest.newBuilder(current).GET(), true);
        }
        throw new IOException("Too many redirects from " + from);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean withCookies) throws IOException, InterruptedException {
        request.header("User-Agent", USER_AGENT).timeout(TIMEOUT);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (withCookies) {
            cookies.header().ifPresent(value -> request.header("Cookie", value));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (withCookies) {
            cookies.keep(response.headers());
        }
        return response;
    }
}
