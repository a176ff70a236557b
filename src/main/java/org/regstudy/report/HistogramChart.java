package org.regstudy.report;

import java.util.List;

/**
 * Overlaid histograms (e.g. weights of the best model against the unregularized one), drawn as
 * translucent bars with solid outlines so that both stay visible where they overlap.
 *
 * @param title  chart title
 * @param xLabel x axis label with unit (e.g. "weight value")
 * @param yLabel y axis label with unit (e.g. "count of weights")
 * @param series one or more histograms; colours follow {@link Palette#series} in this order
 */
public record HistogramChart(String title, String xLabel, String yLabel, List<HistogramSeries> series) implements Chart {
    public HistogramChart {
        Checks.requireText("title", title);
        Checks.requireText("xLabel", xLabel);
        Checks.requireText("yLabel", yLabel);
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("histogram chart '" + title + "' needs at least one series");
        }
        Checks.requireUniqueNames(title, series.stream().map(s -> s.name()).toList());
    }
}
