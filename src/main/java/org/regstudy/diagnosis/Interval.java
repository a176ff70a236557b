package org.regstudy.diagnosis;

/**
 * A mean with a two-sided Student-t confidence interval:
 * {@code mean +- t_{1-(1-c)/2, n-1} * s / sqrt(n)}. For {@code n = 1} the bounds are NaN (no interval).
 *
 * @param mean the sample mean
 * @param low  lower bound (NaN when n = 1)
 * @param high upper bound (NaN when n = 1)
 * @param n    number of values
 */
public record Interval(double mean, double low, double high, int n) {

    public Interval {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    /** True when the interval has bounds (n >= 2). */
    public boolean hasBounds() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Half the width ({@code (high - low) / 2}); NaN when n = 1. */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
