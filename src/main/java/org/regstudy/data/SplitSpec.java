package org.regstudy.data;

/**
 * How to divide a dataset into train, validation and test parts.
 *
 * <p>{@code validation} and {@code test} are each either a <b>fraction</b> of all rows (a value in
 * {@code [0, 1)}; the count is {@code round(fraction * n)}, half up) or a <b>count</b> of rows (a
 * whole number {@code >= 1}, e.g. {@code 70}; so {@code 1.0} means one row). Train gets the rest
 * and must keep at least one row. A part of size 0 is absent ({@code null} in the {@link Split}).
 *
 * @param shuffle false keeps file order: train is the first rows, then validation, then test
 *     (the half-moons tutorial's "first 30 train, last 70 validation" is
 *     {@code new SplitSpec(70, 0, false, false)}); true permutes the rows with the seed
 * @param stratify keep each class's share in every part (classification only): every part's
 *     count of class {@code c} is the floor or the ceiling of {@code partSize * n_c / n}
 */
public record SplitSpec(double validation, double test, boolean shuffle, boolean stratify) {

    public SplitSpec {
        check("validation", validation);
        check("test", test);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v < 0 || (v >= 1 && v != Math.rint(v))) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1) or a whole count >= 1, got " + v);
        }
    }

    /** Shuffled, stratified split by fractions. */
    public static SplitSpec fractions(double validation, double test) {
        return new SplitSpec(validation, test, true, true);
    }

    /** Split by row counts, in file order when {@code shuffle} is false. */
    public static SplitSpec counts(int validation, int test, boolean shuffle) {
        if (validation < 0 || test < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got validation=" + validation + " test=" + test);
        }
        return new SplitSpec(validation, test, shuffle, false);
    }

    /** The validation row count for {@code n} rows. */
    public int validationCount(int n) {
        return count(validation, n);
    }

    /** The test row count for {@code n} rows. */
    public int testCount(int n) {
        return count(test, n);
    }

    static int count(double v, int n) {
        // in decimal, as the fraction is written: 0.29 * 50 is 14.499999999999998 in binary, 14.5 -> 15 here
        return v >= 1 ? (int) v : new java.math.BigDecimal(Double.toString(v)).multiply(java.math.BigDecimal.valueOf(n))
                .setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }
}
