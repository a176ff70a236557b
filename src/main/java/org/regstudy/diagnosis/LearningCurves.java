package org.regstudy.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The high-variance / high-bias reading of a learning curve (losses against training-set size).
 *
 * <p>Rule, at the largest training size (the final point), with {@code L_0} the trivial loss on the full
 * training part and the same thresholds as the verdicts:
 * <ul>
 *   <li>HIGH_BIAS when {@code L_tr(final) > underfitRatio * L_0};</li>
 *   <li>otherwise HIGH_VARIANCE when {@code (L_va(final) - L_tr(final)) > gapRatio * L_0};</li>
 *   <li>otherwise GOOD.</li>
 * </ul>
 * Why: as the training set grows the mean training loss rises and the validation loss falls towards a
 * common asymptote. The final training loss is therefore (in expectation) a lower bound of what more data
 * can bring the validation loss down to: if it is already high relative to {@code L_0}, more data cannot
 * help (bias); if it is low but the gap is large, the curves have not met yet and more data (or a stronger
 * penalty) should help (variance). When both hold, bias is reported, as in {@link VerdictRules}. The
 * explanation adds the gap at the smallest size and whether the validation loss still fell over the last
 * step. The reading uses means only (learning curves usually have few repeats per size).
 */
public final class LearningCurves {

    private LearningCurves() {
    }

    /**
     * @param points      at least one point; order does not matter (sorted by trainSize)
     * @param trivialLoss {@code L_0}, finite and {@code > 0}
     * @param t           thresholds (underfitRatio, gapRatio used)
     */
    public static LearningCurveReading read(List<LearningCurvePoint> points, double trivialLoss, Thresholds t) {
        Objects.requireNonNull(t, "t");
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("points must hold at least one learning-curve point, got "
                    + (points == null ? "null" : "none"));
        }
        if (!(Double.isFinite(trivialLoss) && trivialLoss > 0)) {
            throw new IllegalArgumentException("trivialLoss must be finite and > 0, got " + trivialLoss);
        }
        List<LearningCurvePoint> ps = new ArrayList<>(points);
        for (int i = 0; i < ps.size(); i++) {
            Objects.requireNonNull(ps.get(i), "points[" + i + "]");
        }
        ps.sort(Comparator.comparingInt(LearningCurvePoint::trainSize)
                .thenComparingDouble(LearningCurvePoint::fraction));
        LearningCurvePoint first = ps.get(0);
        LearningCurvePoint last = ps.get(ps.size() - 1);
        double trRatio = last.meanTrainLoss() / trivialLoss;
        double gapRatio = (last.meanValidationLoss() - last.meanTrainLoss()) / trivialLoss;
        double firstGap = (first.meanValidationLoss() - first.meanTrainLoss()) / trivialLoss;
        String reading;
        if (trRatio > t.underfitRatio()) {
            reading = LearningCurveReading.HIGH_BIAS;
        } else if (gapRatio > t.gapRatio()) {
            reading = LearningCurveReading.HIGH_VARIANCE;
        } else {
            reading = LearningCurveReading.GOOD;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "at the largest training size %d (fraction %.3g): L_tr/L_0 = %.6g/%.6g = %.4f (%s %.4g), "
                        + "(L_va-L_tr)/L_0 = (%.6g-%.6g)/%.6g = %.4f (%s %.4g)",
                last.trainSize(), last.fraction(), last.meanTrainLoss(), trivialLoss, trRatio,
                trRatio > t.underfitRatio() ? ">" : "<=", t.underfitRatio(), last.meanValidationLoss(),
                last.meanTrainLoss(), trivialLoss, gapRatio, gapRatio > t.gapRatio() ? ">" : "<=", t.gapRatio()));
        if (ps.size() > 1) {
            LearningCurvePoint prev = ps.get(ps.size() - 2);
            boolean stillFalling = last.meanValidationLoss() < prev.meanValidationLoss();
            sb.append(String.format(Locale.ROOT,
                    "; gap/L_0 went from %.4f at size %d to %.4f; validation loss %s over the last step (%.6g -> %.6g)",
                    firstGap, first.trainSize(), gapRatio, stillFalling ? "still fell" : "did not fall",
                    prev.meanValidationLoss(), last.meanValidationLoss()));
        }
        switch (reading) {
            case LearningCurveReading.HIGH_BIAS -> sb.append(
                    "; HIGH_BIAS: the training loss is high even on the most data, so more data cannot help much; "
                            + "try a larger model or a weaker penalty");
            case LearningCurveReading.HIGH_VARIANCE -> sb.append(
                    "; HIGH_VARIANCE: large gap at the most data; more data or a stronger penalty should help");
            default -> sb.append("; GOOD: low training loss and a small gap");
        }
        return new LearningCurveReading(reading, sb.toString());
    }
}
