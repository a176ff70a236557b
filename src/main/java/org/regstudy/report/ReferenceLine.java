package org.regstudy.report;

/**
 * A labelled horizontal line at {@code y} on a {@link LineChart}. The conventional use is the
 * strength-0 baseline on a log strength axis, where 0 has no position: its loss is drawn as a
 * horizontal line labelled e.g. {@code "no penalty (λ = 0)"}. The axis range is widened to show it.
 */
public record ReferenceLine(double y, String label) {
    public ReferenceLine {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("reference line y must be finite, got " + y);
        }
        Checks.requireText("label", label);
    }
}
