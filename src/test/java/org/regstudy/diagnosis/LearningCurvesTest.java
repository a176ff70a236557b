package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    private static final Thresholds T = Thresholds.defaults();
    private static final double L0 = 0.7;

    private static LearningCurvePoint p(double f, int size, double tr, double va) {
        return new LearningCurvePoint(f, size, tr, 0.01, va, 0.02);
    }

    @Test
    void largeFinalGapIsHighVariance() {
        // final (size 40): L_tr/L_0 = 0.15/0.7 = 0.2143 <= 0.5; gap (0.35-0.15)/0.7 = 0.2857 > 0.1 -> HIGH_VARIANCE
        // given out of order: the rule sorts by size
        LearningCurveReading r = LearningCurves.read(List.of(p(1.0, 40, 0.15, 0.35), p(0.25, 10, 0.05, 0.60),
                p(0.5, 20, 0.10, 0.45)), L0, T);
        assertEquals(LearningCurveReading.HIGH_VARIANCE, r.reading());
        assertTrue(r.explanation().contains("0.2857") && r.explanation().contains("still fell"), r.explanation());
    }

    @Test
    void highFinalTrainingLossIsHighBias() {
        // final: 0.45/0.7 = 0.6429 > 0.5 -> HIGH_BIAS (gap 0.03/0.7 = 0.0429)
        LearningCurveReading r = LearningCurves.read(List.of(p(0.5, 20, 0.40, 0.50), p(1.0, 40, 0.45, 0.48)), L0, T);
        assertEquals(LearningCurveReading.HIGH_BIAS, r.reading());
        assertTrue(r.explanation().contains("0.6429"), r.explanation());
    }

    @Test
    void bothIsHighBias() {
        // final: 0.40/0.7 = 0.5714 > 0.5 and gap (0.60-0.40)/0.7 = 0.2857 > 0.1 -> HIGH_BIAS
        assertEquals(LearningCurveReading.HIGH_BIAS,
                LearningCurves.read(List.of(p(1.0, 40, 0.40, 0.60)), L0, T).reading());
    }

    @Test
    void smallGapAndLowTrainingLossIsGood() {
        // final: 0.10/0.7 = 0.1429; gap 0.04/0.7 = 0.0571 -> GOOD
        LearningCurveReading r = LearningCurves.read(List.of(p(0.5, 20, 0.05, 0.30), p(1.0, 40, 0.10, 0.14)), L0, T);
        assertEquals(LearningCurveReading.GOOD, r.reading());
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningCurves.read(List.of(p(1.0, 40, 0.1, 0.1)), 0, T));
        assertTrue(e.getMessage().contains("trivialLoss"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p(1.5, 40, 0.1, 0.1));
        assertTrue(e.getMessage().contains("fraction") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningCurves.read(List.of(), L0, T));
    }
}
