package org.regstudy.data;

/** Feature scaling fitted on the training part. */
public enum NormalizationKind {
    /** Features unchanged. */
    NONE,
    /** {@code x' = (x - mean) / std} per feature (DL4J {@code NormalizerStandardize}). */
    STANDARDIZE,
    /** {@code x' = (x - min) / (max - min)} per feature into [0, 1] (DL4J {@code NormalizerMinMaxScaler}). */
    MIN_MAX
}
