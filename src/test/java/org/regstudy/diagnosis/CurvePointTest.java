package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A candidate whose runs all diverged has a point with n = 0 and NaN means; n = 0 with numbers is refused. */
class CurvePointTest {
    @Test
    void noCompletedRunIsNZeroWithNaN() {
        double nan = Double.NaN;
        CurvePoint p = new CurvePoint("s02", 100, 0, nan, nan, nan, nan, nan, nan, nan, nan);
        assertEquals(0, p.n());
        assertTrue(Double.isNaN(p.meanValidationLoss()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CurvePoint("s02", 100, 0, 0.5, nan, 0.6, nan, nan, nan, nan, nan));
        assertEquals("n of s02 must be >= 1 (or 0 with NaN means), got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CurvePoint("s02", 100, -1, nan, nan, nan, nan, nan, nan, nan, nan));
    }
}
