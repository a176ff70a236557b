package org.regstudy.diagnosis;

/** The fit verdict of a run, of a set of repeats, or of one strength on a validation curve. */
public enum Verdict {
    /** The validation loss is clearly worse than the training loss (large gap, or rising validation loss). */
    OVERFITTING,
    /** The model does not fit its own training data well (or, on a sweep: over-regularized). */
    UNDERFITTING,
    /** Neither rule fires (or, on a sweep: within one standard error of the best). */
    GOOD_FIT,
    /** Repeats disagree: a confidence interval straddles a threshold. */
    INCONCLUSIVE
}
