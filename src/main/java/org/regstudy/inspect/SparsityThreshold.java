package org.regstudy.inspect;

/**
 * The epsilon below which a weight counts as (near) zero for sparsity.
 *
 * <p>Relative: {@code epsilon = value * max|w|} of the array being measured; absolute:
 * {@code epsilon = value}.
 *
 * @param value the relative factor or the absolute epsilon, finite and {@code >= 0}
 * @param relative whether {@code value} is a factor of the array's max |w|
 */
public record SparsityThreshold(double value, boolean relative) {

    /** The default relative factor: {@code 1e-3 x max|w|}. */
    public static final double DEFAULT_RELATIVE = 1e-3;

    public SparsityThreshold {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be finite and >= 0, got " + value);
        }
    }

    /** Relative epsilon {@code 1e-3 x max|w|} of each array. */
    public static SparsityThreshold defaults() {
        return new SparsityThreshold(DEFAULT_RELATIVE, true);
    }

    /** An absolute epsilon. */
    public static SparsityThreshold absolute(double eps) {
        return new SparsityThreshold(eps, false);
    }

    /** A relative epsilon: {@code factor x max|w|} of each array. */
    public static SparsityThreshold relative(double factor) {
        return new SparsityThreshold(factor, true);
    }

    /** The epsilon for an array whose largest absolute value is {@code maxAbs}. */
    public double epsilonFor(double maxAbs) {
        return relative ? value * maxAbs : value;
    }

    /** For example "relative 0.001 x max|w|" or "absolute 1.0E-4". */
    public String describe() {
        return relative ? "relative " + value + " x max|w|" : "absolute " + value;
    }
}
