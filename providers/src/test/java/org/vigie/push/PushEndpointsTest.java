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
        assertNull(PushEndpoints.webPushProblem(endpoint, P256DH, AUTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://push.example.org/x", "http://localhost:8080/x", "http://10.0.0.1/x", "ftp://push.example.org/x",
            "https://user:pw@push.example.org/x", "https://push.example.org/x#f", "not a url", "/relative", "https:///nohost"})
    void refusedEndpoints(String endpoint) {
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH, AUTH));
    }

    @Test
    void keysMustHaveTheirSizes() {
        String endpoint = "https://push.example.org/x";
        assertNotNull(PushEndpoints.webPushProblem(endpoint, AUTH, AUTH));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH, P256DH));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, P256DH.replace('A', '+'), AUTH));
        assertNotNull(PushEndpoints.webPushProblem(endpoint, null, AUTH));
        byte[] compressed = point();
        compressed[0] = 0x02;
        assertNotNull(PushEndpoints.webPushProblem(endpoint, Base64.getUrlEncoder().encodeToString(compressed), AUTH));
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
