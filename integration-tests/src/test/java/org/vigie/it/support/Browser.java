package org.vigie.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.vigie.launcher.client.Cookies;
import org.vigie.launcher.client.Forms;

/**
 * What a practitioner's browser does, over plain HTTP: keeps cookies, follows redirects inside
 * Keycloak, submits forms, and stops at the relying party's redirect URI.
 *
 * <p>Cookies are kept by hand ({@link Cookies}: Keycloak marks them Secure, which the JDK's cookie
 * manager refuses over http even on loopback).
 */
public final class Browser {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Cookies cookies = new Cookies();
    private final String stopAt;
    private String userAgent = "Mozilla/5.0 (X11; Linux x86_64) VigieIT/1.0";
    /** The client address a trusted proxy reports (X-Forwarded-For), or null: the socket's own. */
    private String forwardedFor;

    /** @param stopAt prefix of URLs that belong to the relying party: redirects there are not followed */
    public Browser(String stopAt) {
        this.stopAt = stopAt;
    }

    public Browser userAgent(String value) {
        this.userAgent = value;
        return this;
    }

    /**
     * Comes from this address, as the test server's trusted proxy on loopback reports it: how tests
     * play browsers at other addresses (loopback ones, as header values only: the realm requires
     * HTTPS from any other address).
     */
    public Browser from(String address) {
        this.forwardedFor = address;
        return this;
    }

    public Page get(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()), URI.create(url));
    }

    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on page " + page.url() + ":\n" + page.body());
        }
        String action = form.absUrl("action");
        return post(action, fields);
    }

    public Page post(String url, Map<String, String> fields) {
        return postRaw(url, "application/x-www-form-urlencoded", Forms.encode(fields));
    }

    public Page postRaw(String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return follow(send(request), URI.create(url));
    }

    private Page follow(HttpResponse<String> response, URI from) {
        URI current = from;
        for (int hops = 0; hops < 20; hops++) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return new Page(current.toString(), status, response.body(), response.headers());
            }
            String location = response.headers().firstValue("Location").orElseThrow();
            current = current.resolve(location);
            if (current.toString().startsWith(stopAt)) {
                return new Page(current.toString(), status, response.body(), response.headers());
            }
            response = send(HttpRequest.newBuilder(current).GET());
        }
        throw new AssertionError("Too many redirects from " + from);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.header("User-Agent", userAgent).timeout(Duration.ofSeconds(30));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        cookies.header().ifPresent(value -> request.header("Cookie", value));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            cookies.keep(response.headers());
            return response;
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A response as the browser ends up with it. */
    public record Page(String url, int status, String body, HttpHeaders headers) {
        public Document document() {
            return Jsoup.parse(body, url);
        }

        public String text() {
            return document().text();
        }

        public Map<String, String> query() {
            return Forms.query(url);
        }
    }
}
