package org.regstudy.report;

/**
 * A shaded x-range {@code [from, to]} of a {@link LineChart} with a label, e.g. the strengths
 * whose verdict is OVERFITTING. The fill colour follows the label (see {@link Palette#region}).
 */
public record Region(double from, double to, String label) {
    public Region {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
            throw new IllegalArgumentException("region '" + label + "' needs finite from < to, got from=" + from + ", to=" + to);
        }
        Checks.requireText("label", label);
    }
}
