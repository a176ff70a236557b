package org.regstudy.diagnosis;

import java.util.Arrays;

/**
 * Recorded losses of one run: the recorded epochs, the training and validation DATA loss (no penalty)
 * at each, and {@code L_0}, the trivial predictor's data loss on the training part (class priors for
 * classification, the training mean for regression).
 *
 * <p>Validated: at least one entry; equal lengths; epochs strictly increasing and {@code >= 0};
 * losses finite and {@code >= 0}; {@code trivialLoss} finite and {@code > 0}. Arrays are copied in
 * and out, so the record is immutable; {@code equals} compares contents.
 *
 * @param epochs         recorded epochs, strictly increasing
 * @param trainLoss      training data loss at each recorded epoch (whole training part, inference mode)
 * @param validationLoss validation data loss at each recorded epoch
 * @param trivialLoss    {@code L_0}
 */
public record LossHistory(int[] epochs, double[] trainLoss, double[] validationLoss, double trivialLoss) {

    public LossHistory {
        if (epochs == null || trainLoss == null || validationLoss == null) {
            throw new IllegalArgumentException("epochs, trainLoss and validationLoss must not be null");
        }
        if (epochs.length == 0) {
            throw new IllegalArgumentException("epochs must hold at least one recorded epoch, got none");
        }
        if (trainLoss.length != epochs.length || validationLoss.length != epochs.length) {
            throw new IllegalArgumentException("epochs, trainLoss and validationLoss must have equal lengths, got "
                    + epochs.length + ", " + trainLoss.length + ", " + validationLoss.length);
        }
        epochs = epochs.clone();
        trainLoss = trainLoss.clone();
        validationLoss = validationLoss.clone();
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] < 0 || (i > 0 && epochs[i] <= epochs[i - 1])) {
                throw new IllegalArgumentException("epochs must be >= 0 and strictly increasing, got epochs["
                        + i + "]=" + epochs[i] + (i > 0 ? " after " + epochs[i - 1] : ""));
            }
            if (!(Double.isFinite(trainLoss[i]) && trainLoss[i] >= 0)) {
                throw new IllegalArgumentException("trainLoss[" + i + "] must be finite and >= 0, got " + trainLoss[i]);
            }
            if (!(Double.isFinite(validationLoss[i]) && validationLoss[i] >= 0)) {
                throw new IllegalArgumentException("validationLoss[" + i + "] must be finite and >= 0, got "
                        + validationLoss[i]);
            }
        }
        if (!(Double.isFinite(trivialLoss) && trivialLoss > 0)) {
            throw new IllegalArgumentException("trivialLoss must be finite and > 0, got " + trivialLoss);
        }
    }

    @Override
    public int[] epochs() {
        return epochs.clone();
    }

    @Override
    public double[] trainLoss() {
        return trainLoss.clone();
    }

    @Override
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    /** Number of recorded epochs. */
    public int size() {
        return epochs.length;
    }

    /** The last recorded epoch. */
    public int lastEpoch() {
        return epochs[epochs.length - 1];
    }

    /**
     * The history up to and including the recorded {@code epoch}, e.g. the best epoch whose weights early
     * stopping restored: {@link VerdictRules#diagnose} then evaluates the model the run keeps.
     *
     * @throws IllegalArgumentException when {@code epoch} was not recorded
     */
    public LossHistory upTo(int epoch) {
        int idx = Arrays.binarySearch(epochs, epoch);
        if (idx < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " was not recorded; recorded epochs are "
                    + epochs[0] + ".." + lastEpoch());
        }
        return new LossHistory(Arrays.copyOf(epochs, idx + 1), Arrays.copyOf(trainLoss, idx + 1),
                Arrays.copyOf(validationLoss, idx + 1), trivialLoss);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossHistory h && Arrays.equals(epochs, h.epochs) && Arrays.equals(trainLoss, h.trainLoss)
                && Arrays.equals(validationLoss, h.validationLoss)
                && Double.compare(trivialLoss, h.trivialLoss) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(epochs) + Arrays.hashCode(trainLoss))
                + Arrays.hashCode(validationLoss)) + Double.hashCode(trivialLoss);
    }

    @Override
    public String toString() {
        return "LossHistory[epochs=" + Arrays.toString(epochs) + ", trainLoss=" + Arrays.toString(trainLoss)
                + ", validationLoss=" + Arrays.toString(validationLoss) + ", trivialLoss=" + trivialLoss + "]";
    }
}
