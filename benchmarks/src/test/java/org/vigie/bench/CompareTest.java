package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CompareTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Compare.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Compare.median(new double[] {4, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> Compare.median(new double[0]));
    }

    @Test
    void hodgesLehmannIsTheMedianOfPairwiseDifferences() {
        // Differences: 1-0, 2-0, 3-0, 1-10, 2-10, 3-10 = 1, 2, 3, -9, -8, -7; median (-7 + 1) / 2.
        Compare.Interval hl = Compare.hodgesLehmann(new double[] {1, 2, 3}, new double[] {0, 10});
        assertEquals(-3.0, hl.estimate());
        // Too few values for any pair to be left out: the interval is the whole range.
        assertEquals(-9.0, hl.low());
        assertEquals(3.0, hl.high());
    }

    @Test
    void aKnownShiftIsFoundAndCoveredByBothIntervals() {
        Random random = new Random(42);
        double[] b = new double[300];
        double[] a = new double[300];
        for (int i = 0; i < b.length; i++) {
            b[i] = 5 + Math.abs(random.nextGaussian()) * 0.3;
            a[i] = 5 + Math.abs(random.nextGaussian()) * 0.3 + 1.0;
        }
        Compare.Interval boot = Compare.medianDifferenceBootstrap(a, b, 2_000, 7);
        Compare.Interval hl = Compare.hodgesLehmann(a, b);
        assertTrue(boot.contains(1.0), boot.toString());
        assertTrue(hl.contains(1.0), hl.toString());
        assertTrue(boot.low() > 0.8 && boot.high() < 1.2, boot.toString());
        assertTrue(hl.low() > 0.8 && hl.high() < 1.2, hl.toString());
        assertFalse(hl.within(0.1));
    }

    @Test
    void identicalDistributionsGiveIntervalsAroundZero() {
        Random random = new Random(1);
        double[] a = new double[300];
        double[] b = new double[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = 3 + random.nextDouble();
            b[i] = 3 + random.nextDouble();
        }
        Compare.Interval boot = Compare.medianDifferenceBootstrap(a, b, 2_000, 7);
        Compare.Interval hl = Compare.hodgesLehmann(a, b);
        assertTrue(boot.contains(0), boot.toString());
        assertTrue(hl.contains(0), hl.toString());
        assertTrue(boot.within(0.2) && hl.within(0.2), boot + " " + hl);
    }

    @Test
    void theBootstrapIsReproducibleForOneSeed() {
        double[] a = {1, 5, 2, 8, 3, 9, 4};
        double[] b = {2, 2, 7, 1, 6};
        assertEquals(Compare.medianDifferenceBootstrap(a, b, 500, 3), Compare.medianDifferenceBootstrap(a, b, 500, 3));
        assertEquals(Compare.median(a) - Compare.median(b), Compare.medianDifferenceBootstrap(a, b, 500, 3).estimate());
    }

    @Test
    void quantileInterpolatesBetweenRanks() {
        double[] sorted = {0, 10, 20, 30, 40};
        assertEquals(0.0, Compare.quantile(sorted, 0));
        assertEquals(40.0, Compare.quantile(sorted, 1));
        assertEquals(20.0, Compare.quantile(sorted, 0.5));
        assertEquals(5.0, Compare.quantile(sorted, 0.125));
    }
}
