package org.vigie.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PushDispatcherTest {

    @Test
    void backoffDoublesFromOneSecondUpToThirtySeconds() {
        assertEquals(1000, PushDispatcher.backoffMillis(2));
        assertEquals(2000, PushDispatcher.backoffMillis(3));
        assertEquals(4000, PushDispatcher.backoffMillis(4));
        assertEquals(30_000, PushDispatcher.backoffMillis(10));
        assertEquals(30_000, PushDispatcher.backoffMillis(1000));
    }

    @Test
    void thePayloadIsTheChallengeReferenceOnly() {
        PushMessage message = new PushMessage("0123456789abcdef0123456789abcdef", 1000);
        assertEquals("{\"type\":\"vigie.challenge\",\"challenge\":\"0123456789abcdef0123456789abcdef\"}",
                new String(message.json(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(100, message.ttlSeconds(900));
        assertEquals(0, message.ttlSeconds(2000));
        assertThrows(IllegalArgumentException.class, () -> new PushMessage("\"}", 1000).json());
    }
}
