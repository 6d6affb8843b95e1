package org.vigie.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushEndpointsTest {

    static final String P256DH = Base64.getUrlEncoder().withoutPadding().encodeToString(point());
    static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

    private static byte[] point() {
        byte[] point = new byte[65];
        point[0] = 0x04;
        return point;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://push.example.org/wpush/v2/abc", "https://updates.push.services.mozilla.com/x?y=1",
            "http://127.0.0.1:8080/push/1", "http://[::1]:9/p"})
    void acceptedEndpoints(String endpoint) {
        assertNull(PushEndpoints.webPushProblem(endpoint, P256DH, AUTH, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://push.example.org/x", "http://localhost:8080/x", "http://10.0.0.1/x", "ftp://push.example.org/x",
            "https://user:pw@push.example.org/x", "https://push.example.org/x#f", "not a url", "/relative", "https:///nohost"})
    void refusedEndpoints(String endpoint) {
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH, AUTH, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/x", "http://127.0.0.1:1/x", "https://127.0.0.1/x", "https://169.254.169.254/latest",
            "https://192.168.1.1/x", "https://172.16.0.1/x", "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::1]/x",
            "https://[::ffff:10.0.0.1]/x", "https://0.0.0.0/x", "https://224.0.0.1/x", "http://[::1]:9/p"})
    void privateAddressesAreRefusedUnlessTheServerAllowsThem(String endpoint) {
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH, AUTH, false));
        assertNull(PushEndpoints.webPushProblem("https://push.example.org/x", P256DH, AUTH, false));
        assertNull(PushEndpoints.webPushProblem("https://8.8.8.8/x", P256DH, AUTH, false));
    }

    @Test
    void aNameResolvingToAPrivateAddressIsNotPushedTo() {
        assertNotNull(PushAddresses.sendProblem("localhost", false));
        assertNotNull(PushAddresses.sendProblem("127.0.0.1", false));
        assertNull(PushAddresses.sendProblem("localhost", true));
        assertNull(PushAddresses.sendProblem("8.8.8.8", false));
    }

    @Test
    void keysMustHaveTheirSizes() {
        String endpoint = "https://push.example.org/x";
        assertNotNull(PushEndpoints.webPushProblem(endpoint, AUTH, AUTH, true));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH, P256DH, true));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH.replace('A', '+'), AUTH, true));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, null, AUTH, true));
        byte[] compressed = point();
        compressed[0] = 0x02;
        assertNotNull(PushEndpoints.webPushProblem(endpoint, Base64.getUrlEncoder().encodeToString(compressed), AUTH, true));
    }

    @Test
    void fcmTokens() {
        assertNull(PushEndpoints.fcmTokenProblem("dGVzdA:APA91bH-x_y.z"));
        assertNotNull(PushEndpoints.fcmTokenProblem(""));
        assertNotNull(PushEndpoints.fcmTokenProblem("a b"));
        assertNotNull(PushEndpoints.fcmTokenProblem("x".repeat(PushEndpoints.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void theVapidAudienceIsTheEndpointsOrigin() {
        assertEquals("https://push.example.org", PushEndpoints.origin("https://Push.Example.org/wpush/v2/abc?x=1"));
        assertEquals("http://127.0.0.1:8080", PushEndpoints.origin("http://127.0.0.1:8080/push/1"));
    }
}
