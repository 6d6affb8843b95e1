package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's stop rule and the spread of repeated windows. No server. */
class StabilityTest {

    @Test
    void theWarmUpIsStableOnlyWhenItsLastWindowsAgree() {
        assertTrue(Double.isNaN(WarmUp.spread(List.of(50.0, 51.0))), "fewer windows than the rule asks for: not stable");
        assertEquals(2.0 / 51, WarmUp.spread(List.of(50.0, 52.0, 51.0)), 1e-9);
        assertTrue(WarmUp.spread(List.of(41.0, 60.0, 67.0)) > WarmUp.STABLE_SPREAD, "the drift issue 12 saw is not stable");
        assertTrue(Double.isNaN(WarmUp.spread(List.of(50.0, Double.NaN, 51.0))), "a window without logins is not stable");
    }

    @Test
    void repeatedWindowsAreReportedAsMedianAndRange() {
        Saturation.Spread s = Saturation.Spread.of(List.of(0.9, 0.7, Double.NaN, 0.8, 1.1));
        assertEquals(4, s.n());
        assertEquals(0.7, s.min(), 1e-9);
        assertEquals(0.85, s.median(), 1e-9);
        assertEquals(1.1, s.max(), 1e-9);
        assertEquals("0.85 [0.70 – 1.10]", Targets.range(s, "%.2f"));
        assertEquals("n/a", Targets.range(Saturation.Spread.of(List.of()), "%.2f"));
    }
}
