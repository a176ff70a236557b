package org.regstudy.report;

import java.util.List;

/**
 * Grouped vertical bars: one group per category (e.g. per layer), one bar per series in each
 * group (e.g. unregularized vs best model).
 *
 * @param title      chart title
 * @param xLabel     category axis label (e.g. "layer")
 * @param yLabel     value axis label with unit (e.g. "weight L2 norm ||W||_2")
 * @param categories category names, in display order, unique
 * @param series     one or more series, each with one value per category
 */
public record BarChart(String title, String xLabel, String yLabel, List<String> categories, List<BarSeries> series) implements Chart {
    public BarChart {
        Checks.requireText("title", title);
        Checks.requireText("xLabel", xLabel);
        Checks.requireText("yLabel", yLabel);
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs at least one category and one series, got "
                    + categories.size() + " and " + series.size());
        }
        if (categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("bar chart '" + title + "': categories must be unique, got " + categories);
        }
        Checks.requireUniqueNames(title, series.stream().map(BarSeries::name).toList());
        for (BarSeries s : series) {
            if (s.values().length != categories.size()) {
                throw new IllegalArgumentException("bar chart '" + title + "': series '" + s.name() + "' has " + s.values().length
                        + " values for " + categories.size() + " categories");
            }
        }
    }
}
