package org.vigie.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.device.DeviceCredentialModel;

/**
 * Firebase Cloud Messaging HTTP v1: the service account's signed assertion is exchanged for an
 * access token, then {@code messages:send} carries a data message (the challenge reference only)
 * with high priority, so that Android and iOS wake the app. A token is fetched per push: simple,
 * and a login's push is rare enough. {@code UNREGISTERED} means the app's token is gone.
 */
final class FcmProvider implements PushProvider {

    private final HttpClient http;

    FcmProvider(HttpClient http) {
        this.http = http;
    }

    @Override
    public PushOutcome send(KeycloakSession session, RealmModel realm, PushSettings settings,
                            DeviceCredentialModel.PushData target, PushMessage message) {
        FcmServiceAccount account;
        try {
            account = FcmServiceAccount.parse(PushSecrets.resolve(session, settings.fcmServiceAccount()));
        } catch (FcmServiceAccount.Unusable e) {
            return PushOutcome.failed(0, e.getMessage());
        }
        long now = Time.currentTime();
        String tokenEndpoint = settings.fcmTokenEndpoint().isEmpty() ? account.tokenUri() : settings.fcmTokenEndpoint();
        try {
            String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&assertion=" + account.assertion(tokenEndpoint, WebPushProvider.wallClock());
            HttpResponse<String> token = PushHttp.exchange(http, HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .timeout(AbstractPushProviderFactory.REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (token.statusCode() != 200) {
                PushOutcome outcome = PushOutcome.ofHttpStatus(token.statusCode(), "token endpoint: " + brief(token.body()));
                // A token endpoint's 404 says nothing about the device's token.
                return outcome.result() == PushOutcome.Result.GONE ? PushOutcome.failed(outcome.status(), outcome.detail()) : outcome;
            }
            String accessToken = text(JsonSerialization.readValue(token.body(), JsonNode.class), "access_token");
            if (accessToken.isEmpty()) {
                return PushOutcome.failed(token.statusCode(), "token endpoint: no access_token");
            }
            String sendUrl = settings.fcmSendUrl().replace("{project}", account.projectId());
            HttpResponse<String> sent = PushHttp.exchange(http, HttpRequest.newBuilder(URI.create(sendUrl))
                    .timeout(AbstractPushProviderFactory.REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header("Authorization", "Bearer " + accessToken)
                    .POST(HttpRequest.BodyPublishers.ofString(body(target.token, message, now))).build());
            return outcomeOf(sent.statusCode(), sent.body());
        } catch (IOException e) {
            return PushOutcome.retry(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushOutcome.retry(0, "interrupted");
        } catch (IllegalArgumentException e) {
            return PushOutcome.failed(0, "FCM URL unusable");
        }
    }

    static String body(String token, PushMessage message, long now) throws IOException {
        long ttl = message.ttlSeconds(now);
        Map<String, Object> msg = Map.of(
                "token", token,
                "data", Map.of("type", PushMessage.TYPE, "challenge", message.challenge()),
                "android", Map.of("priority", "HIGH", "ttl", ttl + "s"),
                "apns", Map.of("headers", Map.of("apns-priority", "10", "apns-push-type", "background",
                                "apns-expiration", Long.toString(WebPushProvider.wallClock() + ttl)),
                        "payload", Map.of("aps", Map.of("content-available", 1))));
        return JsonSerialization.writeValueAsString(Map.of("message", msg));
    }

    /** FCM says a token is gone with {@code UNREGISTERED} (HTTP 404), in {@code error.details[].errorCode}. */
    static PushOutcome outcomeOf(int status, String body) {
        if (status == 200) {
            return PushOutcome.delivered(status);
        }
        String errorCode = "";
        try {
            JsonNode details = JsonSerialization.readValue(body, JsonNode.class).path("error").path("details");
            for (JsonNode detail : details.isArray() ? details : List.<JsonNode>of()) {
                if (detail.hasNonNull("errorCode")) {
                    errorCode = detail.get("errorCode").asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not FCM's JSON: judged by the status alone.
        }
        if ("UNREGISTERED".equals(errorCode)) {
            return PushOutcome.gone(status, errorCode);
        }
        if ("INVALID_ARGUMENT".equals(errorCode) || "SENDER_ID_MISMATCH".equals(errorCode)) {
            return PushOutcome.failed(status, errorCode);
        }
        PushOutcome byStatus = PushOutcome.ofHttpStatus(status, errorCode.isEmpty() ? brief(body) : errorCode);
        // Only UNREGISTERED clears a token: a bare 404 may be a wrong send URL.
        return byStatus.result() == PushOutcome.Result.GONE ? PushOutcome.failed(status, byStatus.detail()) : byStatus;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    private static String brief(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
    }
}
