package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's own parts: page reading, HTTP parsing, percentiles, identifiers. No server. */
class BenchPartsTest {

    @Test
    void readsFormActionsCodesAndStatusUrlsFromPages() {
        String page = """
                <div id="vigie-waiting" data-status-url="http://127.0.0.1:8381/realms/r/vigie-device/status/abc?token=x&amp;y" data-expires-in="120">
                <p id="vigie-code" class="vigie-code" aria-describedby="vigie-instruction">493027</p>
                <form id="vigie-approval-form" class="pf" action="http://h/realms/r/login-actions/authenticate?session_code=a&amp;execution=b&amp;tab_id=c" method="post">
                """;
        assertEquals("http://127.0.0.1:8381/realms/r/vigie-device/status/abc?token=x&y",
                Html.attribute(page, "vigie-waiting", "data-status-url").orElseThrow());
        assertEquals("493027", Html.text(page, "vigie-code").orElseThrow());
        assertEquals("http://h/realms/r/login-actions/authenticate?session_code=a&execution=b&tab_id=c",
                Html.attribute(page, "vigie-approval-form", "action").orElseThrow());
        assertTrue(Html.attribute(page, "kc-form-login", "action").isEmpty());
        assertEquals("a=b&c", Html.unescape("a&#61;b&#x26;c"));
    }

    @Test
    void readsContentLengthAndChunkedResponses() throws Exception {
        byte[] wire = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 20\r\n\r\n{\"status\":\"pending\"}"
                + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        var first = ParkedBrowsers.read(in);
        assertEquals(200, first.status());
        assertEquals("{\"status\":\"pending\"}", first.body());
        var second = ParkedBrowsers.read(in);
        assertEquals(404, second.status());
        assertEquals("hello world", second.body());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        assertEquals(50, Stats.percentile(values, 50));
        assertEquals(99, Stats.percentile(values, 99));
        assertEquals(100, Stats.percentile(values, 100));
        assertEquals(7, Stats.percentile(new long[] {7}, 99));
        Stats.Latency latency = Stats.Latency.of(List.of(1_000_000L, 3_000_000L, 2_000_000L));
        assertEquals(2.0, latency.p50Ms());
        assertEquals(3.0, latency.maxMs());
    }

    @Test
    void syntheticRppsPassLuhn() {
        for (int i = 0; i < 100; i++) {
            String rpps = Practitioner.randomRpps("19");
            assertEquals(11, rpps.length());
            assertTrue(org.vigie.identifier.Luhn.isValid(rpps), rpps);
        }
    }
}
