package org.regstudy.diagnosis;

import java.util.Objects;

/**
 * One point of a validation curve: a candidate (one strength, or per-layer strengths) with its repeats
 * aggregated (mean and sample standard deviation over the n repeats).
 *
 * <p>Means may be NaN (no finite result, e.g. every repeat diverged; or no metric); standard deviations
 * are NaN when n = 1. {@code strength} orders candidates from weak to strong: the strength itself for a
 * single-strength sweep, the sum of per-layer strengths for a per-layer sweep, the total for elastic net
 * at a fixed ratio, 0 for the unpenalized baseline.
 *
 * @param candidateId identity of the candidate (unique within a curve)
 * @param strength    ordering key, finite and {@code >= 0}
 * @param n           number of repeats aggregated ({@code >= 1}; 0 for a candidate with no completed
 *                    run, whose means and standard deviations are all NaN)
 */
public record CurvePoint(String candidateId, double strength, int n, double meanTrainLoss, double stdTrainLoss,
                         double meanValidationLoss, double stdValidationLoss, double meanTrainMetric,
                         double stdTrainMetric, double meanValidationMetric, double stdValidationMetric) {

    public CurvePoint {
        Objects.requireNonNull(candidateId, "candidateId");
        if (candidateId.isBlank()) {
            throw new IllegalArgumentException("candidateId must not be blank, got '" + candidateId + "'");
        }
        if (!(Double.isFinite(strength) && strength >= 0)) {
            throw new IllegalArgumentException("strength of " + candidateId + " must be finite and >= 0, got " + strength);
        }
        if (n < 0 || (n == 0 && !(Double.isNaN(meanTrainLoss) && Double.isNaN(meanValidationLoss)))) {
            throw new IllegalArgumentException("n of " + candidateId + " must be >= 1 (or 0 with NaN means), got " + n);
        }
        checkStd(candidateId, "stdTrainLoss", stdTrainLoss);
        checkStd(candidateId, "stdValidationLoss", stdValidationLoss);
        checkStd(candidateId, "stdTrainMetric", stdTrainMetric);
        checkStd(candidateId, "stdValidationMetric", stdValidationMetric);
    }

    /**
     * Aggregates per-repeat values (one per repeat, all arrays the same length n).
     *
     * @param trainMetric      per-repeat training metric, or null when there is none (means/stds NaN)
     * @param validationMetric per-repeat validation metric, or null
     */
    public static CurvePoint of(String candidateId, double strength, double[] trainLoss, double[] validationLoss,
                                double[] trainMetric, double[] validationMetric) {
        if (trainLoss == null || validationLoss == null || trainLoss.length != validationLoss.length) {
            throw new IllegalArgumentException("trainLoss and validationLoss of " + candidateId
                    + " must be non-null and of equal length");
        }
        int n = trainLoss.length;
        if ((trainMetric != null && trainMetric.length != n) || (validationMetric != null && validationMetric.length != n)) {
            throw new IllegalArgumentException("metric arrays of " + candidateId + " must have length " + n);
        }
        return new CurvePoint(candidateId, strength, n, Statistics.mean(trainLoss), Statistics.std(trainLoss),
                Statistics.mean(validationLoss), Statistics.std(validationLoss),
                trainMetric == null ? Double.NaN : Statistics.mean(trainMetric),
                trainMetric == null ? Double.NaN : Statistics.std(trainMetric),
                validationMetric == null ? Double.NaN : Statistics.mean(validationMetric),
                validationMetric == null ? Double.NaN : Statistics.std(validationMetric));
    }

    /** Standard error of the mean validation loss, {@code stdValidationLoss / sqrt(n)}; NaN when n = 1. */
    public double standardErrorValidationLoss() {
        return n == 1 ? Double.NaN : stdValidationLoss / Math.sqrt(n);
    }

    private static void checkStd(String id, String name, double v) {
        if (!(Double.isNaN(v) || (Double.isFinite(v) && v >= 0))) {
            throw new IllegalArgumentException(name + " of " + id + " must be >= 0 or NaN, got " + v);
        }
    }
}
