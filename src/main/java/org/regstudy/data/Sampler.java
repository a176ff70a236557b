package org.regstudy.data;

import java.util.Locale;

/**
 * The random source of a generator: RegStudy's own ({@link java.util.SplittableRandom}, every
 * generator) or numpy's legacy {@code RandomState} as scikit-learn draws it ({@link NumpyRandomState};
 * moons only, to reproduce {@code sklearn.datasets.make_moons} exactly).
 */
public enum Sampler {
    REGSTUDY,
    SKLEARN;

    /** The name used in specs and on the command line: {@code regstudy} or {@code sklearn}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code regstudy} or {@code sklearn} (any case). */
    public static Sampler parse(String s) {
        for (Sampler v : values()) {
            if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown sampler '" + s + "' (expected regstudy or sklearn)");
    }
}
