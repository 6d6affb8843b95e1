package org.vigie.push;

import com.google.crypto.tink.apps.webpush.WebPushHybridEncrypt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.vigie.device.DeviceCredentialModel;

/**
 * Web Push: the payload encrypted for the subscription with RFC 8291 {@code aes128gcm} (Tink's
 * apps-webpush), POSTed to the subscription's endpoint (RFC 8030) with a VAPID JWT (RFC 8292).
 */
final class WebPushProvider implements PushProvider {

    private final HttpClient http;
    private final boolean allowPrivateEndpoints;

    WebPushProvider(HttpClient http, boolean allowPrivateEndpoints) {
        this.http = http;
        this.allowPrivateEndpoints = allowPrivateEndpoints;
    }

    @Override
    public PushOutcome send(KeycloakSession session, RealmModel realm, PushSettings settings,
                            DeviceCredentialModel.PushData target, PushMessage message) {
        long now = Time.currentTime();
        byte[] body;
        try {
            body = new WebPushHybridEncrypt.Builder()
                    .withAuthSecret(Base64.getUrlDecoder().decode(target.auth))
                    .withRecipientPublicKey(Base64.getUrlDecoder().decode(target.p256dh))
                    .build()
                    .encrypt(message.json(), null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return PushOutcome.failed(0, "subscription keys unusable");
        }
        VapidKeys vapid;
        try {
            vapid = VapidKeys.of(session, realm, settings);
        } catch (IllegalStateException e) {
            // The operator's key pair is not one: no try will do better.
            return PushOutcome.failed(0, e.getMessage());
        }
        URI endpoint = URI.create(target.endpoint);
        String unsafe = PushAddresses.sendProblem(endpoint.getHost(), allowPrivateEndpoints);
        if (unsafe != null) {
            return PushOutcome.failed(0, unsafe);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(AbstractPushProviderFactory.REQUEST_TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("TTL", Long.toString(message.ttlSeconds(now)))
                .header("Urgency", "high")
                .header("Authorization", vapid.authorization(target.endpoint, settings.vapidSubject(), wallClock()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = PushHttp.exchange(http, request);
            return PushOutcome.ofHttpStatus(response.statusCode(), brief(response.body()));
        } catch (IOException e) {
            return PushOutcome.retry(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushOutcome.retry(0, "interrupted");
        }
    }

    /**
     * The push service checks the JWT's {@code exp} against its own clock: the real time, not
     * Keycloak's (which tests may shift); lifetimes of logins stay on Keycloak's.
     */
    static long wallClock() {
        return System.currentTimeMillis() / 1000;
    }

    private static String brief(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
    }
}
