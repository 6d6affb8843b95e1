package org.vigie.push;

import java.nio.charset.StandardCharsets;

/**
 * What a notification says: an opaque reference to a waiting login, nothing else (no name, no
 * service, no address). The app fetches the details through the signed device API.
 *
 * @param challenge the challenge's random id (what {@code GET /challenges} lists as {@code id})
 * @param expiresAt when the login expires (epoch seconds): a push arriving later is useless
 */
public record PushMessage(String challenge, long expiresAt) {

    public static final String TYPE = "vigie.challenge";

    /** Seconds the push service may hold the message (Web Push {@code TTL}, FCM {@code ttl}). */
    public long ttlSeconds(long now) {
        return Math.max(0, expiresAt - now);
    }

    /** The JSON payload: {@code {"type":"vigie.challenge","challenge":"<id>"}}. */
    public byte[] json() {
        // The id is [A-Za-z0-9_-] only (ChallengeCodes.randomId), so nothing needs escaping; checked anyway.
        if (!challenge.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("not a challenge id");
        }
        return ("{\"type\":\"" + TYPE + "\",\"challenge\":\"" + challenge + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
