package org.regstudy.report;

/**
 * An immutable description of one chart; {@link Charts} renders it to SVG or PNG.
 * The kinds are closed so that rendering can be checked exhaustively.
 */
public sealed interface Chart permits LineChart, HistogramChart, BarChart {
    /** The title shown above the plot. */
    String title();

    /** The horizontal axis label, with its unit. */
    String xLabel();

    /** The vertical axis label, with its unit. */
    String yLabel();
}
