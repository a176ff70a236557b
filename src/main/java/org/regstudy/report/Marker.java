package org.regstudy.report;

/**
 * A labelled vertical line at {@code x} on a {@link LineChart}, e.g. the best strength or the
 * strength chosen by the one-standard-error rule.
 */
public record Marker(double x, String label) {
    public Marker {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("marker x must be finite, got " + x);
        }
        Checks.requireText("label", label);
    }
}
