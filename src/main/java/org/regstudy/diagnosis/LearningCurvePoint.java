package org.regstudy.diagnosis;

/**
 * One point of a learning curve: losses (mean and std over repeats) after training on a fraction of the
 * training part. Validated: fraction in (0, 1], trainSize {@code >= 1}, means finite and {@code >= 0},
 * stds {@code >= 0} or NaN (n = 1).
 */
public record LearningCurvePoint(double fraction, int trainSize, double meanTrainLoss, double stdTrainLoss,
                                 double meanValidationLoss, double stdValidationLoss) {

    public LearningCurvePoint {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (trainSize < 1) {
            throw new IllegalArgumentException("trainSize must be >= 1, got " + trainSize);
        }
        if (!(Double.isFinite(meanTrainLoss) && meanTrainLoss >= 0)) {
            throw new IllegalArgumentException("meanTrainLoss must be finite and >= 0, got " + meanTrainLoss);
        }
        if (!(Double.isFinite(meanValidationLoss) && meanValidationLoss >= 0)) {
            throw new IllegalArgumentException("meanValidationLoss must be finite and >= 0, got " + meanValidationLoss);
        }
        if (!(Double.isNaN(stdTrainLoss) || stdTrainLoss >= 0) || Double.isInfinite(stdTrainLoss)) {
            throw new IllegalArgumentException("stdTrainLoss must be >= 0 or NaN, got " + stdTrainLoss);
        }
        if (!(Double.isNaN(stdValidationLoss) || stdValidationLoss >= 0) || Double.isInfinite(stdValidationLoss)) {
            throw new IllegalArgumentException("stdValidationLoss must be >= 0 or NaN, got " + stdValidationLoss);
        }
    }
}
