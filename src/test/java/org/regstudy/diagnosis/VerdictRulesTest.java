package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

    private static final Thresholds T = Thresholds.defaults();

    private static LossHistory h(double l0, double[] train, double[] val) {
        int[] ep = new int[train.length];
        for (int i = 0; i < ep.length; i++) {
            ep[i] = i * 10;
        }
        return new LossHistory(ep, train, val, l0);
    }

    private static boolean anyStartsWith(List<String> findings, String prefix) {
        return findings.stream().anyMatch(s -> s.startsWith(prefix));
    }

    // L_0 = 2: at the last epoch (40) L_tr = 0.12, L_va = 0.30.
    // L_tr/L_0 = 0.06 <= 0.5; gap (0.30-0.12)/2 = 0.09 <= 0.1 (gap rule silent);
    // L_min = 0.25 at epoch 20, L_va/L_min = 0.30/0.25 = 1.2 > 1.1 and L_tr fell 0.20 -> 0.12: rise rule fires.
    private static final double[] RISE_TRAIN = {0.40, 0.30, 0.20, 0.15, 0.12};
    private static final double[] RISE_VAL = {0.45, 0.35, 0.25, 0.28, 0.30};

    /**
     * Epochs 0, 10, ..., 100 (h's spacing, 11 records): the last tenth starts at c = 0.9 * 100 = 90,
     * a record. With L_0 = 1 the threshold is a fall of 0.01 from epoch 90 to 100.
     */
    @Test
    void stillImprovingIsAFallOverTheLastTenthOfTrainingThatEndedThere() {
        double[] train = {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.42, 0.40, 0.38, 0.36};
        double[] falling = {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.42, 0.40, 0.38, 0.365};   // 0.38 - 0.365 = 0.015 > 0.01
        double[] flat = {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.42, 0.40, 0.38, 0.375};      // 0.005 <= 0.01
        assertTrue(VerdictRules.stillImproving(h(1.0, train, falling), 100));
        assertFalse(VerdictRules.stillImproving(h(1.0, train, flat), 100));
        // the same fall, but the run keeps epoch 90's weights (early stopping): it did not end improving
        assertFalse(VerdictRules.stillImproving(h(1.0, train, falling), 90));
        // with L_0 = 2 the threshold is 0.02: the fall of 0.015 is not enough
        assertFalse(VerdictRules.stillImproving(h(2.0, train, falling), 100));
        assertFalse(VerdictRules.stillImproving(h(1.0, new double[] {0.5}, new double[] {0.5}), 0), "one record");

        RepeatDiagnosis rd = VerdictRules.diagnoseRepeats(List.of(h(1.0, train, falling), h(1.0, train, flat)), T);
        assertEquals(rd, rd.withStillImproving(0));
        RepeatDiagnosis noted = rd.withStillImproving(1);
        assertEquals(rd.verdict(), noted.verdict());
        assertEquals(rd.findings().size() + 1, noted.findings().size());
        assertTrue(noted.findings().get(noted.findings().size() - 1).startsWith("still improving in 1 of 2 runs"),
                noted.findings().toString());
    }

    /**
     * Records every 19 epochs and at the last (19, 38, 57, 76, 95, 100: 100 epochs at k = 19), L_0 = 1,
     * L_va falling linearly, so the interpolated L_va(90) between epochs 76 and 95 is exact: at
     * 0.00025 per epoch the last tenth falls 10 * 0.00025 = 0.0025 <= 0.01 (the record at 76 against
     * 100 would have read 0.006, and a rule on records alone would depend on k); at 0.002 per epoch it
     * falls 0.02 > 0.01. Records at 1000 and 1001 only: none at or before c = 900.9, so no reading.
     */
    @Test
    void stillImprovingInterpolatesAtTheStartOfTheLastTenth() {
        int[] ep = {19, 38, 57, 76, 95, 100};
        double[] slow = new double[ep.length];
        double[] fast = new double[ep.length];
        for (int i = 0; i < ep.length; i++) {
            slow[i] = 0.5 - 0.00025 * ep[i];
            fast[i] = 0.5 - 0.002 * ep[i];
        }
        assertFalse(VerdictRules.stillImproving(new LossHistory(ep, slow, slow, 1.0), 100));
        assertTrue(VerdictRules.stillImproving(new LossHistory(ep, fast, fast, 1.0), 100));
        assertFalse(VerdictRules.stillImproving(new LossHistory(new int[] {1000, 1001}, new double[] {0.5, 0.1},
                new double[] {0.5, 0.1}, 1.0), 1001));
    }

    @Test
    void risingValidationLossIsOverfitting() {
        Diagnosis d = VerdictRules.diagnose(h(2.0, RISE_TRAIN, RISE_VAL), T);
        assertEquals(Verdict.OVERFITTING, d.verdict());
        Evidence e = d.evidence();
        assertEquals(40, e.epoch());
        assertEquals(0.25, e.minValidationLoss(), 0);
        assertEquals(20, e.minValidationEpoch());
        assertEquals(0.06, e.trainRatio(), 1e-12);
        assertEquals(0.09, e.gapRatio(), 1e-12);
        assertEquals(1.2, e.riseRatio(), 1e-12);
        assertTrue(e.trainKeptFallingAfterMin());
        assertTrue(e.riseRule());
        assertFalse(e.gapRule());
        assertFalse(e.underfitRule());
        assertTrue(anyStartsWith(e.findings(), "OVERFIT (rising validation loss)"), e.findings().toString());
        assertTrue(e.findings().stream().anyMatch(s -> s.contains("1.2000")), e.findings().toString());
    }

    @Test
    void risingValidationLossWithoutFallingTrainingLossIsNotOverfitting() {
        // Same validation losses, but the training loss stays at 0.20 after epoch 20 (it did not keep falling):
        // rise rule silent; gap (0.30-0.20)/2 = 0.05 <= 0.1; L_tr/L_0 = 0.1 -> GOOD_FIT.
        double[] flatTrain = {0.40, 0.30, 0.20, 0.20, 0.20};
        Diagnosis d = VerdictRules.diagnose(h(2.0, flatTrain, RISE_VAL), T);
        assertEquals(Verdict.GOOD_FIT, d.verdict());
        assertFalse(d.evidence().trainKeptFallingAfterMin());
        assertEquals(1.2, d.evidence().riseRatio(), 1e-12);
    }

    @Test
    void earlyStoppingHistoryIsEvaluatedAtTheRestoredEpoch() {
        // upTo(20): L_tr = 0.20, L_va = 0.25 = L_min; gap (0.25-0.20)/2 = 0.025 -> GOOD_FIT
        LossHistory full = h(2.0, RISE_TRAIN, RISE_VAL);
        Diagnosis d = VerdictRules.diagnoseAt(full, 20, T);
        assertEquals(Verdict.GOOD_FIT, d.verdict());
        assertEquals(20, d.evidence().epoch());
        assertEquals(0.025, d.evidence().gapRatio(), 1e-12);
    }

    @Test
    void flatHighTrainingLossIsUnderfitting() {
        // L_0 = 0.6931 (ln 2, balanced binary). L_tr = 0.55: 0.55/0.6931 = 0.7935 > 0.5.
        // gap (0.56-0.55)/0.6931 = 0.0144 <= 0.1; L_min = 0.56 (first at epoch 10) = L_va: ratio 1 -> rise silent.
        Diagnosis d = VerdictRules.diagnose(h(0.6931, new double[] {0.60, 0.55, 0.55, 0.55},
                new double[] {0.58, 0.56, 0.56, 0.56}), T);
        assertEquals(Verdict.UNDERFITTING, d.verdict());
        assertEquals(0.7935, d.evidence().trainRatio(), 1e-4);
        assertEquals(0.0144, d.evidence().gapRatio(), 1e-4);
        assertEquals(10, d.evidence().minValidationEpoch());
        assertTrue(d.evidence().underfitRule());
        assertFalse(d.evidence().gapRule());
        assertFalse(d.evidence().riseRule());
        assertTrue(anyStartsWith(d.evidence().findings(), "UNDERFIT"));
    }

    @Test
    void bothRulesGiveUnderfittingWithBothFindings() {
        // L_0 = 1: L_tr = 0.6 > 0.5 (underfit); gap 0.8 - 0.6 = 0.2 > 0.1 (overfit) -> UNDERFITTING, both findings.
        Diagnosis d = VerdictRules.diagnose(h(1.0, new double[] {0.8, 0.7, 0.6}, new double[] {0.9, 0.85, 0.8}), T);
        assertEquals(Verdict.UNDERFITTING, d.verdict());
        assertTrue(d.evidence().underfitRule());
        assertTrue(d.evidence().gapRule());
        assertTrue(anyStartsWith(d.evidence().findings(), "UNDERFIT"), d.evidence().findings().toString());
        assertTrue(anyStartsWith(d.evidence().findings(), "OVERFIT (gap)"), d.evidence().findings().toString());
        assertTrue(d.evidence().findings().stream().anyMatch(s -> s.startsWith("both")));
    }

    @Test
    void goodFit() {
        // L_0 = 1: L_tr = 0.1 (ratio 0.1 <= 0.5), gap 0.15 - 0.1 = 0.05 <= 0.1, L_min is the last value -> GOOD_FIT
        Diagnosis d = VerdictRules.diagnose(h(1.0, new double[] {0.5, 0.2, 0.1}, new double[] {0.55, 0.25, 0.15}), T);
        assertEquals(Verdict.GOOD_FIT, d.verdict());
        assertEquals(0.05, d.evidence().gapRatio(), 1e-12);
        assertFalse(d.evidence().trainKeptFallingAfterMin());
        assertEquals(3, d.evidence().findings().size());
    }

    @Test
    void thresholdsAreHonoured() {
        // Same good-fit history, gapRatio 0.04: gap 0.05 > 0.04 -> OVERFITTING
        Diagnosis d = VerdictRules.diagnose(h(1.0, new double[] {0.5, 0.2, 0.1}, new double[] {0.55, 0.25, 0.15}),
                new Thresholds(0.5, 0.04, 1.1, 0.95));
        assertEquals(Verdict.OVERFITTING, d.verdict());
    }

    // ---- repeats ----

    private static LossHistory one(double l0, double train, double val) {
        return new LossHistory(new int[] {0}, new double[] {train}, new double[] {val}, l0);
    }

    @Test
    void noisyRepeatsAreInconclusive() {
        // L_0 = 1, L_tr = 0.3 in every run (ratio interval [0.3, 0.3] <= 0.5: underfit ABSENT).
        // gap ratios 0.02, 0.18, 0.07: single-run verdicts GOOD, OVER, GOOD.
        // mean 0.09; deviations -0.07, 0.09, -0.02; ss = 0.0049+0.0081+0.0004 = 0.0134; s^2 = 0.0067;
        // s = 0.0818535; SE = s/sqrt(3) = 0.0472582; half = 4.302653*0.0472582 = 0.203336
        // interval [-0.113336, 0.293336] straddles 0.1 -> INCONCLUSIVE
        RepeatDiagnosis r = VerdictRules.diagnoseRepeats(List.of(one(1, 0.3, 0.32), one(1, 0.3, 0.48),
                one(1, 0.3, 0.37)), T);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertEquals(List.of(Verdict.GOOD_FIT, Verdict.OVERFITTING, Verdict.GOOD_FIT),
                r.runs().stream().map(Diagnosis::verdict).toList());
        assertTrue(r.hasInterval());
        assertEquals(0.09, r.gapRatio().mean(), 1e-9);
        assertEquals(-0.113336, r.gapRatio().low(), 1e-5);
        assertEquals(0.293336, r.gapRatio().high(), 1e-5);
        assertEquals(0.3, r.trainRatio().high(), 1e-12);
        assertTrue(r.findings().stream().anyMatch(s -> s.startsWith("INCONCLUSIVE")), r.findings().toString());
    }

    @Test
    void consistentRepeatsGiveTheVerdict() {
        // gap ratios 0.30, 0.32, 0.34 (L_tr 0.1): mean 0.32, s = 0.02, half = 4.302653*0.02/sqrt(3) = 0.049683
        // -> [0.270317, 0.369683] wholly above 0.1 -> OVERFITTING
        RepeatDiagnosis over = VerdictRules.diagnoseRepeats(List.of(one(1, 0.1, 0.40), one(1, 0.1, 0.42),
                one(1, 0.1, 0.44)), T);
        assertEquals(Verdict.OVERFITTING, over.verdict());
        assertEquals(0.270317, over.gapRatio().low(), 1e-5);
        // gap ratios 0.02, 0.03, 0.04 (L_tr 0.2): mean 0.03, s = 0.01, half = 0.024841 -> [0.005159, 0.054841] <= 0.1
        RepeatDiagnosis good = VerdictRules.diagnoseRepeats(List.of(one(1, 0.2, 0.22), one(1, 0.2, 0.23),
                one(1, 0.2, 0.24)), T);
        assertEquals(Verdict.GOOD_FIT, good.verdict());
        assertEquals(0.054841, good.gapRatio().high(), 1e-5);
        // train ratios 0.60, 0.65, 0.70: mean 0.65, s = 0.05, half = 4.302653*0.05/sqrt(3) = 0.124207
        // -> [0.525793, 0.774207] wholly above 0.5 -> UNDERFITTING (gap 0.05 each, irrelevant)
        RepeatDiagnosis under = VerdictRules.diagnoseRepeats(List.of(one(1, 0.60, 0.65), one(1, 0.65, 0.70),
                one(1, 0.70, 0.75)), T);
        assertEquals(Verdict.UNDERFITTING, under.verdict());
        assertEquals(0.525793, under.trainRatio().low(), 1e-5);
        // train ratios 0.3, 0.5, 0.7: mean 0.5, s = 0.2, half = 0.496828 -> [0.003172, 0.996828] straddles 0.5
        RepeatDiagnosis unsure = VerdictRules.diagnoseRepeats(List.of(one(1, 0.3, 0.3), one(1, 0.5, 0.5),
                one(1, 0.7, 0.7)), T);
        assertEquals(Verdict.INCONCLUSIVE, unsure.verdict());
    }

    private static LossHistory rising(double lastVal) {
        // L_0 = 4, train 0.40, 0.20, 0.12 (keeps falling after epoch 10), val 0.45, 0.25 (= L_min), lastVal
        return new LossHistory(new int[] {0, 10, 20}, new double[] {0.40, 0.20, 0.12},
                new double[] {0.45, 0.25, lastVal}, 4.0);
    }

    @Test
    void risingValidationAcrossRepeatsNeedsItsIntervalAboveTheThreshold() {
        // gaps (L_va - 0.12)/4 are all < 0.05 -> gap rule ABSENT (interval well below 0.1). Train ratio 0.03.
        // consistent: L_va/L_min = 0.30/0.25, 0.31/0.25, 0.305/0.25 = 1.20, 1.24, 1.22: mean 1.22, s = 0.02,
        // half = 0.049683 -> [1.170317, 1.269683] > 1.1, training kept falling in 3 of 3 -> OVERFITTING
        RepeatDiagnosis r = VerdictRules.diagnoseRepeats(List.of(rising(0.30), rising(0.31), rising(0.305)), T);
        assertEquals(Verdict.OVERFITTING, r.verdict());
        assertEquals(1.170317, r.riseRatio().low(), 1e-5);
        // noisy: ratios 1.20, 1.24, 1.04: mean 1.16; deviations 0.04, 0.08, -0.12; ss = 0.0224; s^2 = 0.0112;
        // s = 0.105830; SE = 0.061101; half = 0.262898 -> [0.897102, 1.422898] straddles 1.1 -> INCONCLUSIVE;
        // its low end is cut to 1, below which no L_va/L_min lies (the verdict the same)
        RepeatDiagnosis n = VerdictRules.diagnoseRepeats(List.of(rising(0.30), rising(0.31), rising(0.26)), T);
        assertEquals(Verdict.INCONCLUSIVE, n.verdict());
        assertEquals(1.0, n.riseRatio().low(), 0.0);
        assertEquals(1.16, n.riseRatio().mean(), 1e-12);
        assertEquals(1.422898, n.riseRatio().high(), 1e-5);
    }

    @Test
    void singleRepeatIsTheSingleRunVerdictWithoutInterval() {
        RepeatDiagnosis r = VerdictRules.diagnoseRepeats(List.of(one(1, 0.1, 0.40)), T);
        assertEquals(Verdict.OVERFITTING, r.verdict());
        assertFalse(r.hasInterval());
        assertTrue(Double.isNaN(r.gapRatio().low()));
        assertEquals(0.3, r.gapRatio().mean(), 1e-12);
        assertEquals(1, r.n());
    }

    @Test
    void metricGapIsReportedBesideTheVerdict() {
        // accuracy train 0.95, 0.97, 0.99; validation 0.80 each: gaps 0.15, 0.17, 0.19: mean 0.17, s = 0.02,
        // half = 0.049683 -> [0.120317, 0.219683]
        RepeatDiagnosis r = VerdictRules.diagnoseRepeats(List.of(one(1, 0.1, 0.40), one(1, 0.1, 0.42),
                one(1, 0.1, 0.44)), T);
        RepeatDiagnosis m = r.withMetricGap("accuracy", new double[] {0.95, 0.97, 0.99},
                new double[] {0.80, 0.80, 0.80}, 0.95);
        assertEquals(r.verdict(), m.verdict());
        assertEquals(r.findings().size() + 1, m.findings().size());
        assertEquals("accuracy gap (train - validation): mean 0.1700, 95% CI [0.1203, 0.2197], n=3",
                m.findings().get(m.findings().size() - 1));
        assertThrows(IllegalArgumentException.class, () -> r.withMetricGap("accuracy", new double[] {1},
                new double[] {1}, 0.95));
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerdictRules.diagnoseRepeats(List.of(), T));
        assertTrue(e.getMessage().contains("runs"), e.getMessage());
    }
}
