package org.regstudy.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One histogram given by its bin edges and counts: bin {@code i} covers
 * {@code [edges[i], edges[i+1])} and holds {@code counts[i]}; so {@code edges.length == counts.length + 1}.
 * Edges must be finite and strictly increasing, counts finite and non-negative (they may be
 * fractions, e.g. densities). Arrays are copied on the way in and out.
 */
public record HistogramSeries(String name, double[] edges, double[] counts) {

    public HistogramSeries {
        Checks.requireText("name", name);
        Objects.requireNonNull(edges, "edges");
        Objects.requireNonNull(counts, "counts");
        if (counts.length == 0 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("histogram '" + name + "': need edges.length == counts.length + 1 >= 2, got "
                    + edges.length + " edges and " + counts.length + " counts");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw new IllegalArgumentException("histogram '" + name + "': edges must be finite and strictly increasing, edges["
                        + i + "]=" + edges[i]);
            }
        }
        for (int i = 0; i < counts.length; i++) {
            if (!Double.isFinite(counts[i]) || counts[i] < 0) {
                throw new IllegalArgumentException("histogram '" + name + "': counts[" + i + "]=" + counts[i] + " must be finite and >= 0");
            }
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramSeries h && name.equals(h.name) && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(edges), Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "HistogramSeries[" + name + ", " + counts.length + " bins]";
    }
}
