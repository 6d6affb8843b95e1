package org.vigie.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.device.DeviceCredentialModel;

class PushSettingsTest {

    @Test
    void defaultsToWebPushWithTheGeneratedKeys() {
        PushSettings settings = PushSettings.of(null);
        assertEquals("webpush", settings.provider());
        assertTrue(settings.enabled());
        assertEquals("", settings.vapidPrivateKey());
        assertEquals(PushSettings.DEFAULT_FCM_SEND_URL, settings.fcmSendUrl());
    }

    @Test
    void anUnknownServiceSendsNothing() {
        assertEquals("none", PushSettings.of(Map.of(PushSettings.PROVIDER, "apns")).provider());
        assertFalse(PushSettings.of(Map.of(PushSettings.PROVIDER, "none")).enabled());
        assertEquals("fcm", PushSettings.of(Map.of(PushSettings.PROVIDER, " FCM ")).provider());
    }

    @Test
    void secretsAreNotPrinted() {
        PushSettings settings = PushSettings.of(Map.of(PushSettings.VAPID_PRIVATE_KEY, "private-scalar",
                PushSettings.FCM_SERVICE_ACCOUNT, "{\"private_key\":\"secret\"}"));
        assertFalse(settings.toString().contains("private-scalar"), settings.toString());
        assertFalse(settings.toString().contains("secret"), settings.toString());
    }

    @Test
    void registrationsMustBeForTheRealmsService() throws Exception {
        PushSettings webPush = PushSettings.of(Map.of());
        Map<String, Object> subscription = Map.of("type", "webpush", "endpoint", "https://push.example.org/x",
                "p256dh", PushEndpointsTest.P256DH, "auth", PushEndpointsTest.AUTH);
        DeviceCredentialModel.PushData data = PushRegistrations.parse(subscription, webPush, false);
        assertEquals("https://push.example.org/x", data.address());
        assertEquals(null, PushRegistrations.parse(null, webPush, false));
        assertThrows(PushRegistrations.Invalid.class, () -> PushRegistrations.parse(Map.of("type", "fcm", "token", "t"), webPush, false));
        assertThrows(PushRegistrations.Invalid.class, () -> PushRegistrations.parse("webpush", webPush, false));
        assertThrows(PushRegistrations.Invalid.class,
                () -> PushRegistrations.parse(subscription, PushSettings.of(Map.of(PushSettings.PROVIDER, "none")), false));
        PushSettings fcm = PushSettings.of(Map.of(PushSettings.PROVIDER, "fcm"));
        assertEquals("tok:en", PushRegistrations.parse(Map.of("type", "fcm", "token", "tok:en"), fcm, false).address());
    }

    @Test
    void anOperatorsVapidPairThatIsNotOneIsAClearMisconfigurationNotACrash() {
        PushSettings broken = PushSettings.of(Map.of("pushVapidPublicKey", "AAAA", "pushVapidPrivateKey", "AAAA"));
        PushRegistrations.Misconfigured e = assertThrows(PushRegistrations.Misconfigured.class,
                () -> PushRegistrations.describe(null, null, broken, null));
        assertTrue(e.getMessage().contains("VAPID"), e.getMessage());
        assertFalse(e.getMessage().contains("AAAA"), "the keys are never echoed");
    }
}
