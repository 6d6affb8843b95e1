package org.vigie.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One browser's HTTP conversation: its own cookies, redirects followed inside Keycloak, stops at
 * the relying party's redirect URI. Cookies are kept by hand because Keycloak marks them Secure,
 * which the JDK's cookie manager refuses over http even on loopback (browsers treat loopback as
 * secure). Static resources (CSS, scripts) are not fetched, as in keycloak-benchmark.
 */
final class WebSession {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) VigieBench/1.0";

    private final HttpClient http;
    private final String stopAt;
    private final Map<String, String> cookies = new LinkedHashMap<>();
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
            String raw = URI.create(url).getRawQuery();
            if (raw == null) {
                return null;
            }
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
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
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
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
        if (withCookies && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (withCookies) {
            keepCookies(response.headers());
        }
        return response;
    }

    private void keepCookies(HttpHeaders headers) {
        for (String header : headers.allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
