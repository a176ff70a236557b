package org.regstudy.diagnosis;

import org.apache.commons.math3.distribution.TDistribution;

/** Small sample statistics over repeats. All methods reject empty arrays and non-finite values. */
public final class Statistics {

    private Statistics() {
    }

    /** Arithmetic mean {@code sum(v) / n}. */
    public static double mean(double[] v) {
        check(v, "v");
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** Sample standard deviation {@code sqrt(sum((v - mean)^2) / (n - 1))}; NaN when n = 1. */
    public static double std(double[] v) {
        check(v, "v");
        if (v.length == 1) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** Standard error of the mean {@code std(v) / sqrt(n)}; NaN when n = 1. */
    public static double standardError(double[] v) {
        return std(v) / Math.sqrt(v.length);
    }

    /**
     * Two-sided Student-t interval for the mean: {@code mean +- t_{1-(1-confidence)/2, n-1} * s / sqrt(n)}.
     * For n = 1 the bounds are NaN.
     *
     * @param values     the sample (finite)
     * @param confidence level in (0, 1), e.g. 0.95
     */
    public static Interval tInterval(double[] values, double confidence) {
        check(values, "values");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        int n = values.length;
        double m = mean(values);
        if (n == 1) {
            return new Interval(m, Double.NaN, Double.NaN, 1);
        }
        double half = tQuantile(confidence, n - 1) * standardError(values);
        return new Interval(m, m - half, m + half, n);
    }

    /** The quantile {@code t_{1-(1-confidence)/2, dof}} of Student's t distribution. */
    public static double tQuantile(double confidence, int dof) {
        if (dof < 1) {
            throw new IllegalArgumentException("dof must be >= 1, got " + dof);
        }
        // null random generator: the distribution is only used for its quantile, never sampled,
        // so no (time-seeded) generator is created.
        TDistribution t = new TDistribution(null, dof);
        return t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    private static void check(double[] v, String name) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, got "
                    + (v == null ? "null" : "an empty array"));
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + v[i]);
            }
        }
    }
}
