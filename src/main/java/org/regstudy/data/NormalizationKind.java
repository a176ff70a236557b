package org.regstudy.data;

/** Feature scaling fitted on the training part. */
public enum NormalizationKind {
    /** Features unchanged. */
    NONE,
    /** {@code x' = (x - mean) / std} per feature (DL4J {@code NormalizerStandardize}). */
    STANDARDIZE,
    /** {@code x' = (x - min) / (max - min)} per feature into [0, 1] (DL4J {@code NormalizerMinMaxScaler}). */
    MIN_MAX,
    /**
     * {@code x' = (x - min) / (max - min)} with ONE min and max over all features of the training
     * part (e.g. digits' pixels 0..16 become x/16): keeps the features' relative scales, stored as a
     * DL4J {@code NormalizerMinMaxScaler} whose per-feature bounds are all equal.
     */
    GLOBAL_MIN_MAX
}
