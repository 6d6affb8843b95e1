package org.vigie.push;

import java.net.InetAddress;
import java.net.URI;
import java.util.Base64;

/**
 * Checks what a device registers: a Web Push endpoint must be an https URL (RFC 8030) naming no
 * private address; only with the server setting {@code allow-private-endpoints} (a development
 * distributor, the tests' receiver) may it name one, or be plain http on the loopback. Keys and
 * tokens must have their protocol's shape. A device must not make the server call anything else.
 */
public final class PushEndpoints {

    public static final int MAX_ENDPOINT_LENGTH = 1024;
    public static final int MAX_TOKEN_LENGTH = 4096;

    private PushEndpoints() {
    }

    /** The problem with this Web Push subscription, or null when it is usable. */
    public static String webPushProblem(String endpoint, String p256dh, String auth, boolean allowPrivate) {
        if (endpoint == null || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            return "endpoint must be a URL of at most " + MAX_ENDPOINT_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException e) {
            return "endpoint is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
            return "endpoint must be an https URL (http only on the loopback address)";
        }
        InetAddress literal = PushAddresses.literal(uri.getHost());
        if (!allowPrivate && (scheme.equals("http") || literal != null && PushAddresses.isPrivate(literal))) {
            return "endpoint must be a public https URL: this server does not push to private addresses";
        }
        if (decodedLength(p256dh) != 65 || decodeOrNull(p256dh)[0] != 0x04) {
            return "p256dh must be an uncompressed P-256 point in base64url (65 bytes)";
        }
        if (decodedLength(auth) != 16) {
            return "auth must be 16 bytes in base64url";
        }
        return null;
    }

    /** The problem with this FCM registration token, or null. */
    public static String fcmTokenProblem(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !token.matches("[A-Za-z0-9_:.\\-]+")) {
            return "token must be an FCM registration token";
        }
        return null;
    }

    /** The origin of an endpoint, which the VAPID JWT names as its audience (RFC 8292 section 2). */
    public static String origin(String endpoint) {
        URI uri = URI.create(endpoint);
        String origin = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
    }

    static boolean isLoopback(String host) {
        // Names are not resolved here (a name may point anywhere later): only literal addresses.
        InetAddress literal = PushAddresses.literal(host);
        return literal != null && literal.isLoopbackAddress();
    }

    private static int decodedLength(String value) {
        byte[] bytes = decodeOrNull(value);
        return bytes == null ? -1 : bytes.length;
    }

    static byte[] decodeOrNull(String value) {
        if (value == null || value.length() > 128 || !value.matches("[A-Za-z0-9_-]+=*")) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
