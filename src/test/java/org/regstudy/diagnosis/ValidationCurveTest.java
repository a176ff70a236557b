package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationCurveTest {

    private static CurvePoint p(String id, double strength, int n, double meanVal, double stdVal) {
        return new CurvePoint(id, strength, n, 0.1, 0.01, meanVal, stdVal, 0.9, 0.01, 0.8, 0.02);
    }

    // n = 4 repeats each. Best: l2=0.01 with mean 0.30, std 0.04 -> SE = 0.04/sqrt(4) = 0.02; band <= 0.32.
    private static List<CurvePoint> curve() {
        return List.of(
                p("base", 0.0, 4, 0.50, 0.05),      // 0.50 > 0.32, weaker   -> OVERFITTING
                p("l2=0.001", 0.001, 4, 0.40, 0.04), // 0.40 > 0.32, weaker  -> OVERFITTING
                p("l2=0.01", 0.01, 4, 0.30, 0.04),   // best                 -> GOOD_FIT
                p("l2=0.1", 0.1, 4, 0.315, 0.06),    // 0.315 <= 0.32        -> GOOD_FIT, strongest in band: 1-SE
                p("l2=0.3", 0.3, 4, 0.321, 0.03),    // 0.321 > 0.32, stronger -> UNDERFITTING
                p("l2=1", 1.0, 4, 0.45, 0.02));      // 0.45 > 0.32, stronger -> UNDERFITTING
    }

    @Test
    void sweepReadingOnHandMadeCurve() {
        List<SweepReading> r = ValidationCurve.read(curve());
        assertEquals(List.of(Verdict.OVERFITTING, Verdict.OVERFITTING, Verdict.GOOD_FIT, Verdict.GOOD_FIT,
                Verdict.UNDERFITTING, Verdict.UNDERFITTING), r.stream().map(SweepReading::verdict).toList());
        assertEquals("l2=0.3", r.get(4).candidateId());
        assertTrue(r.get(4).reason().contains("0.321000 > best 0.300000 + SE 0.0200000 = 0.320000"), r.get(4).reason());
    }

    @Test
    void oneStandardErrorRuleOnHandMadeCurve() {
        List<CurvePoint> c = curve();
        Selection s = ValidationCurve.select(c);
        assertSame(c.get(2), s.best());
        assertSame(c.get(3), s.oneStandardError());
        assertEquals(0.02, s.bestStandardError(), 1e-12);
        assertTrue(s.explanation().contains("l2=0.1"), s.explanation());
    }

    @Test
    void singleRepeatHasNoStandardErrorSoOneSeIsTheBest() {
        // n = 1: SE undefined, taken as 0; band is mean <= 0.30 -> only the best
        List<CurvePoint> c = List.of(p("a", 0, 1, 0.35, Double.NaN), p("b", 0.1, 1, 0.30, Double.NaN),
                p("c", 1, 1, 0.301, Double.NaN));
        Selection s = ValidationCurve.select(c);
        assertSame(c.get(1), s.best());
        assertSame(c.get(1), s.oneStandardError());
        assertTrue(Double.isNaN(s.bestStandardError()));
        assertTrue(s.explanation().contains("undefined for n=1"), s.explanation());
        // and the reading cannot tell 0.301 (or 0.35) from the best's 0.30 without a standard error
        assertEquals(Verdict.INCONCLUSIVE, ValidationCurve.read(c).get(2).verdict());
        assertEquals(Verdict.INCONCLUSIVE, ValidationCurve.read(c).get(0).verdict());
        assertEquals(Verdict.GOOD_FIT, ValidationCurve.read(c).get(1).verdict());
    }

    @Test
    void tiesPreferTheStrongerCandidate() {
        List<CurvePoint> c = List.of(p("weak", 0.01, 3, 0.30, 0.0), p("strong", 0.1, 3, 0.30, 0.0));
        Selection s = ValidationCurve.select(c);
        assertEquals("strong", s.best().candidateId());
        assertEquals("strong", s.oneStandardError().candidateId());
    }

    @Test
    void nonFiniteCandidatesAreInconclusiveAndExcluded() {
        List<CurvePoint> c = new ArrayList<>(curve());
        c.add(p("diverged", 10, 4, Double.NaN, Double.NaN));
        List<SweepReading> r = ValidationCurve.read(c);
        assertEquals(Verdict.INCONCLUSIVE, r.get(6).verdict());
        assertEquals("l2=0.1", ValidationCurve.select(c).oneStandardError().candidateId());
        assertThrows(IllegalArgumentException.class,
                () -> ValidationCurve.select(List.of(p("x", 0, 2, Double.NaN, Double.NaN))));
    }

    @Test
    void candidatesThatDifferInMoreThanThePenaltyAreNotReadAgainstTheBest() {
        // the hand-made curve, but l2=0.001 and l2=1 come from another learning rate (family "B"):
        // outside the band they are INCONCLUSIVE, not under- or over-regularized; l2=0.1 is in the band
        // and the best's family, so still the 1-SE choice; were l2=0.1 of family B, the strongest of
        // the best's family in the band would be the best itself
        List<CurvePoint> c = curve();
        List<String> families = List.of("A", "B", "A", "A", "A", "B");
        List<SweepReading> r = ValidationCurve.read(c, families);
        assertEquals(List.of(Verdict.OVERFITTING, Verdict.INCONCLUSIVE, Verdict.GOOD_FIT, Verdict.GOOD_FIT,
                Verdict.UNDERFITTING, Verdict.INCONCLUSIVE), r.stream().map(SweepReading::verdict).toList());
        assertTrue(r.get(5).reason().contains("differs from the best in more than its penalty"), r.get(5).reason());
        Selection s = ValidationCurve.select(c, families);
        assertSame(c.get(3), s.oneStandardError());
        assertTrue(s.explanation().contains("differ from the best only in their penalty"), s.explanation());
        Selection other = ValidationCurve.select(c, List.of("A", "B", "A", "B", "A", "B"));
        assertSame(c.get(2), other.oneStandardError());
        // one family is the plain reading
        assertEquals(ValidationCurve.read(c), ValidationCurve.read(c, List.of("A", "A", "A", "A", "A", "A")));
        assertThrows(IllegalArgumentException.class, () -> ValidationCurve.read(c, List.of("A")));
    }

    @Test
    void curvePointAggregatesRepeats() {
        // validation 0.28, 0.32, 0.30, 0.30: mean 0.30; deviations -0.02, 0.02, 0, 0; ss = 0.0008;
        // s^2 = 0.0008/3 = 2.66667e-4; s = 0.0163299; SE = s/2 = 0.00816497
        CurvePoint cp = CurvePoint.of("x", 0.1, new double[] {0.1, 0.1, 0.1, 0.1},
                new double[] {0.28, 0.32, 0.30, 0.30}, null, null);
        assertEquals(0.30, cp.meanValidationLoss(), 1e-12);
        assertEquals(0.0163299, cp.stdValidationLoss(), 1e-7);
        assertEquals(0.00816497, cp.standardErrorValidationLoss(), 1e-8);
        assertTrue(Double.isNaN(cp.meanTrainMetric()));
        assertEquals(4, cp.n());
    }

    @Test
    void badPointsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationCurve.read(List.of(p("a", 0, 2, 0.3, 0.1), p("a", 1, 2, 0.3, 0.1))));
        assertTrue(e.getMessage().contains("duplicate candidateId 'a'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p("a", -1, 2, 0.3, 0.1));
        assertTrue(e.getMessage().contains("strength") && e.getMessage().contains("-1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValidationCurve.select(List.of()));
    }
}
