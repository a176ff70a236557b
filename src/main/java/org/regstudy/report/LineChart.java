package org.regstudy.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines (with optional bands) against a numeric x axis, with vertical {@link Marker}s, shaded
 * {@link Region}s and horizontal {@link ReferenceLine}s. Used for validation curves (strength on a
 * log x axis), training curves (epochs) and learning curves (training-set size).
 *
 * <p>On a log axis only positive values have a position: points with a non-positive coordinate are
 * left out and counted in a subtitle, and a band's non-positive lower edge is raised to the point's
 * own value. Markers and regions on a log x axis must be positive.
 *
 * @param title      chart title
 * @param xLabel     x axis label with unit
 * @param yLabel     y axis label with unit
 * @param logX       base-10 log x axis
 * @param logY       base-10 log y axis
 * @param series     the lines, at least one; colours follow {@link Palette#series} in this order
 *                   unless a series names its own ({@link Series#withColour})
 * @param markers    vertical lines
 * @param regions    shaded x ranges
 * @param references horizontal lines
 */
public record LineChart(String title, String xLabel, String yLabel, boolean logX, boolean logY,
                        List<Series> series, List<Marker> markers, List<Region> regions,
                        List<ReferenceLine> references) implements Chart {

    public LineChart {
        Checks.requireText("title", title);
        Checks.requireText("xLabel", xLabel);
        Checks.requireText("yLabel", yLabel);
        series = List.copyOf(series);
        markers = List.copyOf(markers);
        regions = List.copyOf(regions);
        references = List.copyOf(references);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line chart '" + title + "' needs at least one series");
        }
        Checks.requireUniqueNames(title, series.stream().map(s -> s.name()).toList());
        if (logX) {
            for (Marker m : markers) {
                if (m.x() <= 0) {
                    throw new IllegalArgumentException("marker '" + m.label() + "' at x=" + m.x() + " cannot sit on a log x axis");
                }
            }
            for (Region r : regions) {
                if (r.from() <= 0) {
                    throw new IllegalArgumentException("region '" + r.label() + "' from=" + r.from() + " cannot sit on a log x axis");
                }
            }
        }
        if (logY) {
            for (ReferenceLine r : references) {
                if (r.y() <= 0) {
                    throw new IllegalArgumentException("reference line '" + r.label() + "' at y=" + r.y() + " cannot sit on a log y axis");
                }
            }
        }
    }

    /** Starts a chart with the required title and axis labels. */
    public static Builder builder(String title, String xLabel, String yLabel) {
        return new Builder(title, xLabel, yLabel);
    }

    /** Collects the optional parts of a {@link LineChart}. */
    public static final class Builder {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private boolean logX;
        private boolean logY;
        private final List<Series> series = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();
        private final List<Region> regions = new ArrayList<>();
        private final List<ReferenceLine> references = new ArrayList<>();

        private Builder(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Base-10 log x axis. */
        public Builder logX() {
            this.logX = true;
            return this;
        }

        /** Base-10 log y axis. */
        public Builder logY() {
            this.logY = true;
            return this;
        }

        public Builder series(Series s) {
            series.add(s);
            return this;
        }

        public Builder marker(double x, String label) {
            markers.add(new Marker(x, label));
            return this;
        }

        public Builder region(double from, double to, String label) {
            regions.add(new Region(from, to, label));
            return this;
        }

        public Builder reference(double y, String label) {
            references.add(new ReferenceLine(y, label));
            return this;
        }

        public LineChart build() {
            return new LineChart(title, xLabel, yLabel, logX, logY, series, markers, regions, references);
        }
    }
}
