package org.regstudy.diagnosis;

/**
 * Thresholds of the verdict rules (see {@link VerdictRules}).
 *
 * @param underfitRatio UNDERFITTING when {@code L_tr > underfitRatio * L_0}; finite, {@code > 0} (default 0.5)
 * @param gapRatio      OVERFITTING when {@code (L_va - L_tr) > gapRatio * L_0}; finite, {@code >= 0} (default 0.1)
 * @param riseRatio     OVERFITTING when {@code L_va > riseRatio * L_min} while the training loss kept falling;
 *                      finite, {@code >= 1} (default 1.1)
 * @param confidence    confidence level of the Student-t intervals across repeats; in (0, 1) (default 0.95)
 */
public record Thresholds(double underfitRatio, double gapRatio, double riseRatio, double confidence) {

    public Thresholds {
        if (!(Double.isFinite(underfitRatio) && underfitRatio > 0)) {
            throw new IllegalArgumentException("underfitRatio must be finite and > 0, got " + underfitRatio);
        }
        if (!(Double.isFinite(gapRatio) && gapRatio >= 0)) {
            throw new IllegalArgumentException("gapRatio must be finite and >= 0, got " + gapRatio);
        }
        if (!(Double.isFinite(riseRatio) && riseRatio >= 1)) {
            throw new IllegalArgumentException("riseRatio must be finite and >= 1, got " + riseRatio);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** The documented defaults: 0.5, 0.1, 1.1, 0.95. */
    public static Thresholds defaults() {
        return new Thresholds(0.5, 0.1, 1.1, 0.95);
    }
}
