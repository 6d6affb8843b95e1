package org.vigie.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device API's push registration (docs/device-api.md, "Push notifications"): what the app
 * needs to subscribe ({@code GET /push}) and its endpoint, signed by the device key ({@code POST /push}).
 */
public final class PushClient {

    private final DeviceClient device;

    public PushClient(DeviceClient device) {
        this.device = device;
    }

    /** {@code {"provider": "webpush", "vapidPublicKey": "…", "registered": {…} | null}}. */
    public HttpResult settings() {
        return device.get("/push", device.deviceJwt());
    }

    /** The server's VAPID public key (base64url point), to subscribe with; fails when the realm does not use Web Push. */
    public String vapidPublicKey() {
        HttpResult settings = settings();
        JsonNode key = settings.json().path("vapidPublicKey");
        if (!settings.ok() || !key.isTextual()) {
            throw new IllegalStateException("no VAPID key from the server: " + settings);
        }
        return key.asText();
    }

    public HttpResult registerWebPush(String endpoint, String p256dh, String auth) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("type", "webpush");
        push.put("endpoint", endpoint);
        push.put("p256dh", p256dh);
        push.put("auth", auth);
        return register(push);
    }

    public HttpResult registerFcm(String token) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("type", "fcm");
        push.put("token", token);
        return register(push);
    }

    public HttpResult unregister() {
        return register(null);
    }

    /** Signs {@code {"push": push}} with the usual claims ({@code sub}, {@code aud}, {@code iat}, {@code jti}). */
    public HttpResult register(Object push) {
        return device.send("POST", "/push", DeviceClient.JOSE_TYPE, device.decisionJws(claims(push)), null);
    }

    /** The claims of a registration, mutable so tests can spoil one. */
    public Map<String, Object> claims(Object push) {
        Map<String, Object> claims = device.deviceJwtClaims();
        claims.remove("exp");
        claims.put("push", push);
        return claims;
    }
}
