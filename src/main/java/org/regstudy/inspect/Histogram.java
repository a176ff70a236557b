package org.regstudy.inspect;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts of values in {@code counts.length} equal-width bins over {@code [min, max]}; bin
 * {@code i} covers {@code [min + i*w, min + (i+1)*w)} with {@code w = (max-min)/bins}, and the
 * last bin includes {@code max}. Values outside the range, infinities and NaNs are not counted. When
 * {@code min == max} every value equal to it falls in the last bin.
 */
public record Histogram(double min, double max, long[] counts) {

    public Histogram {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("counts must have at least one bin, got "
                    + (counts == null ? "null" : "0 bins"));
        }
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("min must be <= max, got min=" + min + ", max=" + max);
        }
        counts = counts.clone();
    }

    /** A copy of the counts (records expose components; the array is copied so this stays immutable). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Histogram over the range of the array's finite values, [min(w), max(w)] over the finite w. */
    public static Histogram of(INDArray w, int bins) {
        double[] v = WeightStats.values(w);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (lo > hi) { // empty or no finite value
            lo = 0;
            hi = 0;
        }
        return of(v, bins, lo, hi);
    }

    /** Histogram over a given range (for example a range shared by several models). */
    public static Histogram of(INDArray w, int bins, double min, double max) {
        return of(WeightStats.values(w), bins, min, max);
    }

    static Histogram of(double[] values, int bins, double min, double max) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (Double.isNaN(min) || Double.isNaN(max) || min > max || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("need finite min <= max, got min=" + min + ", max=" + max);
        }
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (double x : values) {
            if (Double.isNaN(x) || x < min || x > max) {
                continue;
            }
            int i = width == 0 ? bins - 1 : (int) Math.floor((x - min) / width);
            if (i >= bins) {
                i = bins - 1;
            }
            counts[i]++;
        }
        return new Histogram(min, max, counts);
    }

    /** Total of all counts. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** One character per bin, from ' ' (empty) to '█' (the fullest bin). */
    public String sparkline() {
        final String levels = "▁▂▃▄▅▆▇█";
        long peak = Arrays.stream(counts).max().orElse(0);
        StringBuilder sb = new StringBuilder(counts.length);
        for (long c : counts) {
            if (c == 0 || peak == 0) {
                sb.append(' ');
            } else {
                int level = (int) Math.ceil((double) c / peak * levels.length()) - 1;
                sb.append(levels.charAt(Math.max(0, Math.min(levels.length() - 1, level))));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(min) + Double.hashCode(max)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[min=" + min + ", max=" + max + ", counts=" + Arrays.toString(counts) + "]";
    }
}
