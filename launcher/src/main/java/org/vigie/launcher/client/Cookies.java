package org.vigie.launcher.client;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser's cookies for one server, kept by hand: Keycloak marks them Secure, which the JDK's
 * cookie manager refuses to send over http even on loopback (browsers treat loopback as secure).
 * Not thread-safe: one per browser.
 */
public final class Cookies {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Keeps what a response sets; an empty value or {@code Max-Age=0} removes the cookie. */
    public void keep(HttpHeaders headers) {
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

    /** The {@code Cookie} request header, if any cookie is kept. */
    public Optional<String> header() {
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }
}
