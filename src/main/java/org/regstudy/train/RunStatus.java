package org.regstudy.train;

/** How a training run ended. */
public enum RunStatus {
    /** All epochs ran (or early stopping ended it normally). */
    COMPLETED,
    /** A loss or parameter became non-finite, or max |w| exceeded the divergence limit. */
    DIVERGED,
    /** Any other exception; its message is recorded. */
    FAILED
}
