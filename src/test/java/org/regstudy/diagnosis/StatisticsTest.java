package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void tIntervalOfOneTwoThreeMatchesHandComputation() {
        // values 1,2,3: mean 2; s^2 = ((1-2)^2 + 0 + (3-2)^2) / 2 = 1, s = 1; SE = 1/sqrt(3) = 0.577350
        // t_{0.975,2} = 4.302653 (tables); half-width = 4.302653 / sqrt(3) = 2.484138
        // interval [2 - 2.484138, 2 + 2.484138] = [-0.484138, 4.484138]
        double[] v = {1, 2, 3};
        assertEquals(2.0, Statistics.mean(v), 1e-12);
        assertEquals(1.0, Statistics.std(v), 1e-12);
        assertEquals(0.5773503, Statistics.standardError(v), 1e-7);
        assertEquals(4.302653, Statistics.tQuantile(0.95, 2), 1e-6);
        Interval iv = Statistics.tInterval(v, 0.95);
        assertEquals(2.0, iv.mean(), 1e-12);
        assertEquals(-0.484138, iv.low(), 1e-5);
        assertEquals(4.484138, iv.high(), 1e-5);
        assertEquals(2.484138, iv.halfWidth(), 1e-5);
        assertEquals(3, iv.n());
        assertTrue(iv.hasBounds());
    }

    @Test
    void tIntervalWithManyValuesApproachesNormal() {
        // 90% two-sided, dof 9: t_{0.95,9} = 1.833113 (tables). Values 0..9: mean 4.5,
        // s^2 = sum((i-4.5)^2)/9 = 82.5/9 = 9.1667, s = 3.027650, SE = 0.957427; half = 1.833113*0.957427 = 1.755071
        double[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Interval iv = Statistics.tInterval(v, 0.90);
        assertEquals(4.5 - 1.755071, iv.low(), 1e-5);
        assertEquals(4.5 + 1.755071, iv.high(), 1e-5);
    }

    @Test
    void singleValueHasNoInterval() {
        Interval iv = Statistics.tInterval(new double[] {0.7}, 0.95);
        assertEquals(0.7, iv.mean(), 0);
        assertTrue(Double.isNaN(iv.low()));
        assertTrue(Double.isNaN(iv.high()));
        assertFalse(iv.hasBounds());
        assertTrue(Double.isNaN(Statistics.std(new double[] {0.7})));
    }

    @Test
    void identicalValuesGiveDegenerateInterval() {
        Interval iv = Statistics.tInterval(new double[] {0.3, 0.3, 0.3}, 0.95);
        assertEquals(0.3, iv.low(), 1e-15);
        assertEquals(0.3, iv.high(), 1e-15);
    }

    @Test
    void badArgumentsNameParameterAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Statistics.tInterval(new double[] {1, Double.NaN}, 0.95));
        assertTrue(e.getMessage().contains("values[1]") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Statistics.tInterval(new double[] {1, 2}, 1.0));
        assertTrue(e.getMessage().contains("confidence") && e.getMessage().contains("1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Statistics.mean(new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
