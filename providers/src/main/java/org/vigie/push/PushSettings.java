package org.vigie.push;

import java.util.List;
import java.util.Map;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The approval step's push settings (admin console: the step's gear), read once per login. The
 * secrets (VAPID private key, FCM service account) are password fields: the console masks them and
 * Vigie never logs them. Without VAPID keys the realm's generated pair is used (see {@link VapidKeys}).
 */
public record PushSettings(String provider, String vapidSubject, String vapidPublicKey, String vapidPrivateKey,
                           String fcmServiceAccount, String fcmTokenEndpoint, String fcmSendUrl) {

    public static final String PROVIDER = "pushProvider";
    public static final String VAPID_SUBJECT = "pushVapidSubject";
    public static final String VAPID_PUBLIC_KEY = "pushVapidPublicKey";
    public static final String VAPID_PRIVATE_KEY = "pushVapidPrivateKey";
    public static final String FCM_SERVICE_ACCOUNT = "pushFcmServiceAccount";
    public static final String FCM_TOKEN_ENDPOINT = "pushFcmTokenEndpoint";
    public static final String FCM_SEND_URL = "pushFcmSendUrl";

    public static final String NONE = "none";
    public static final String DEFAULT_VAPID_SUBJECT = "mailto:security@vigie.invalid";
    /** {@code {project}} is replaced by the service account's {@code project_id}. */
    public static final String DEFAULT_FCM_SEND_URL = "https://fcm.googleapis.com/v1/projects/{project}/messages:send";

    public static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(PROVIDER).label("Push service")
            .helpText("How the practitioner's phone is woken up when a login waits: webpush (RFC 8030/8291/8292, UnifiedPush "
                    + "and browsers), fcm (Firebase Cloud Messaging HTTP v1), none. The app may always poll the device API.")
            .type(ProviderConfigProperty.LIST_TYPE).options(WebPushProviderFactory.ID, FcmProviderFactory.ID, NONE)
            .defaultValue(WebPushProviderFactory.ID).add()
            .property().name(VAPID_SUBJECT).label("Web Push: VAPID contact")
            .helpText("The 'sub' of the VAPID JWT (RFC 8292): a mailto: or https: URL where push services can reach the operator.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_VAPID_SUBJECT).add()
            .property().name(VAPID_PUBLIC_KEY).label("Web Push: VAPID public key")
            .helpText("P-256 public key, uncompressed point in base64url (65 bytes). Empty: the realm's generated key pair.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(VAPID_PRIVATE_KEY).label("Web Push: VAPID private key")
            .helpText("P-256 private key, the 32-byte scalar in base64url, paired with the public key above;"
                    + " better ${vault.name}, read from Keycloak's vault (admins who may view the realm read this field).")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(FCM_SERVICE_ACCOUNT).label("FCM: service account key (JSON)")
            .helpText("The Firebase project's service account key file (client_email, private_key, project_id, token_uri);"
                    + " better ${vault.name}, read from Keycloak's vault (admins who may view the realm read this field).")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(FCM_TOKEN_ENDPOINT).label("FCM: OAuth token endpoint")
            .helpText("Where the service account's signed assertion is exchanged for an access token. Empty: the key file's token_uri.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(FCM_SEND_URL).label("FCM: send URL")
            .helpText("The HTTP v1 messages:send URL; {project} is replaced by the project id. Default " + DEFAULT_FCM_SEND_URL)
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_FCM_SEND_URL).add()
            .build();

    public static PushSettings of(Map<String, String> values) {
        Map<String, String> config = values == null ? Map.of() : values;
        String provider = trimmed(config, PROVIDER, WebPushProviderFactory.ID).toLowerCase(java.util.Locale.ROOT);
        if (!List.of(WebPushProviderFactory.ID, FcmProviderFactory.ID, NONE).contains(provider)) {
            provider = NONE;
        }
        return new PushSettings(provider,
                trimmed(config, VAPID_SUBJECT, DEFAULT_VAPID_SUBJECT),
                trimmed(config, VAPID_PUBLIC_KEY, ""),
                trimmed(config, VAPID_PRIVATE_KEY, ""),
                config.getOrDefault(FCM_SERVICE_ACCOUNT, "").trim(),
                trimmed(config, FCM_TOKEN_ENDPOINT, ""),
                trimmed(config, FCM_SEND_URL, DEFAULT_FCM_SEND_URL));
    }

    public boolean enabled() {
        return !NONE.equals(provider);
    }

    private static String trimmed(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "PushSettings[provider=" + provider + ", vapidSubject=" + vapidSubject + ", vapidPublicKey=" + vapidPublicKey
                + ", fcmTokenEndpoint=" + fcmTokenEndpoint + ", fcmSendUrl=" + fcmSendUrl + "]";
    }
}
