package org.regstudy.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict over n repeats of one configuration (see {@link VerdictRules#diagnoseRepeats}).
 *
 * @param verdict     the combined verdict; INCONCLUSIVE when an interval straddles its threshold
 * @param trainRatio  mean and t-interval of the per-run {@code L_tr / L_0}
 * @param gapRatio    mean and t-interval of the per-run {@code (L_va - L_tr) / L_0}
 * @param runs        the single-run diagnoses, in input order
 * @param hasInterval false when n = 1 (the verdict is then the single-run verdict)
 * @param findings    human-readable lines with the numbers that decided the verdict
 * @param riseRatio   mean and t-interval of the per-run {@code L_va / L_min} (bounds NaN when n = 1 or a ratio is infinite)
 */
public record RepeatDiagnosis(Verdict verdict, Interval trainRatio, Interval gapRatio, List<Diagnosis> runs,
                              boolean hasInterval, List<String> findings, Interval riseRatio) {

    public RepeatDiagnosis {
        Objects.requireNonNull(verdict, "verdict");
        runs = List.copyOf(runs);
        findings = List.copyOf(findings);
    }

    /** Number of repeats. */
    public int n() {
        return runs.size();
    }

    /**
     * A copy with one more finding reporting a metric's train-validation gap beside the verdict (the verdict
     * itself is unchanged): mean and t-interval of {@code trainMetric[i] - validationMetric[i]} over repeats.
     *
     * @param metricName       e.g. "accuracy"
     * @param trainMetric      the metric on the training part, one per run, in the order of {@link #runs()}
     * @param validationMetric the metric on the validation part, one per run
     * @param confidence       interval level in (0, 1)
     */
    public RepeatDiagnosis withMetricGap(String metricName, double[] trainMetric, double[] validationMetric,
                                         double confidence) {
        Objects.requireNonNull(metricName, "metricName");
        if (trainMetric == null || validationMetric == null || trainMetric.length != runs.size()
                || validationMetric.length != runs.size()) {
            throw new IllegalArgumentException("trainMetric and validationMetric must hold one value per run ("
                    + runs.size() + "), got " + (trainMetric == null ? "null" : trainMetric.length) + " and "
                    + (validationMetric == null ? "null" : validationMetric.length));
        }
        double[] gap = new double[runs.size()];
        for (int i = 0; i < gap.length; i++) {
            gap[i] = trainMetric[i] - validationMetric[i];
        }
        Interval iv = Statistics.tInterval(gap, confidence);
        String line = iv.hasBounds()
                ? String.format(Locale.ROOT, "%s gap (train - validation): mean %.4f, %.0f%% CI [%.4f, %.4f], n=%d",
                        metricName, iv.mean(), confidence * 100, iv.low(), iv.high(), iv.n())
                : String.format(Locale.ROOT, "%s gap (train - validation): %.4f (n=1, no interval)",
                        metricName, iv.mean());
        List<String> f = new ArrayList<>(findings);
        f.add(line);
        return new RepeatDiagnosis(verdict, trainRatio, gapRatio, runs, hasInterval, f, riseRatio);
    }
}
