package org.regstudy.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict over n repeats of one configuration (see {@link VerdictRules#diagnoseRepeats}).
 *
 * @param verdict     the combined verdict; INCONCLUSIVE when an interval straddles its threshold
 * @param trainRatio  mean and t-interval of the per-run {@code L_tr / L_0}, its lower bound at least 0
 * @param gapRatio    mean and t-interval of the per-run {@code (L_va - L_tr) / L_0}
 * @param runs        the single-run diagnoses, in input order
 * @param hasInterval false when n = 1 (the verdict is then the single-run verdict)
 * @param findings    human-readable lines with the numbers that decided the verdict
 * @param riseRatio   mean and t-interval of the per-run {@code L_va / L_min}, its lower bound at least 1 where every ratio lies (bounds NaN when n = 1 or a ratio is infinite)
 * @param stillImprovingRuns how many of the runs were still improving when training ended (set by
 *                    {@link #withStillImproving}; 0 until then)
 */
public record RepeatDiagnosis(Verdict verdict, Interval trainRatio, Interval gapRatio, List<Diagnosis> runs,
                              boolean hasInterval, List<String> findings, Interval riseRatio, int stillImprovingRuns) {

    /** How the finding of {@link #withStillImproving} starts. */
    private static final String STILL_IMPROVING = "still improving in ";

    public RepeatDiagnosis {
        Objects.requireNonNull(verdict, "verdict");
        runs = List.copyOf(runs);
        findings = List.copyOf(findings);
        if (stillImprovingRuns < 0 || stillImprovingRuns > runs.size()) {
            throw new IllegalArgumentException("stillImprovingRuns must be in [0, " + runs.size() + "], got "
                    + stillImprovingRuns);
        }
    }

    /** A diagnosis with no run counted as still improving. */
    public RepeatDiagnosis(Verdict verdict, Interval trainRatio, Interval gapRatio, List<Diagnosis> runs,
                           boolean hasInterval, List<String> findings, Interval riseRatio) {
        this(verdict, trainRatio, gapRatio, runs, hasInterval, findings, riseRatio, 0);
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
        return withFinding(line);
    }

    /**
     * A copy with one more finding noting that {@code improving} of the {@link #n()} runs were still
     * improving when training ended ({@link VerdictRules#stillImproving}); the verdict is unchanged.
     * Itself when {@code improving} is 0.
     */
    public RepeatDiagnosis withStillImproving(int improving) {
        if (improving <= 0) {
            return this;
        }
        String line = String.format(Locale.ROOT, STILL_IMPROVING + "%d of %d runs: the validation loss fell by more"
                + " than %.0f%% of L_0 over the last tenth of training, which ended there; more epochs may lower the"
                + " losses and change this verdict", improving, n(), VerdictRules.STILL_IMPROVING_FALL * 100);
        List<String> f = new ArrayList<>(findings);
        f.add(line);
        return new RepeatDiagnosis(verdict, trainRatio, gapRatio, runs, hasInterval, f, riseRatio, improving);
    }

    /** "k of n" runs still improving when training ended ({@link #withStillImproving}), or null when none was. */
    public String stillImproving() {
        return stillImprovingRuns == 0 ? null : stillImprovingRuns + " of " + n();
    }

    private RepeatDiagnosis withFinding(String line) {
        List<String> f = new ArrayList<>(findings);
        f.add(line);
        return new RepeatDiagnosis(verdict, trainRatio, gapRatio, runs, hasInterval, f, riseRatio, stillImprovingRuns);
    }
}
