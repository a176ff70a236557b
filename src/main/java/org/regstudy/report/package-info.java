/**
 * Reports a person can look at: immutable chart descriptions ({@link org.regstudy.report.LineChart},
 * {@link org.regstudy.report.HistogramChart}, {@link org.regstudy.report.BarChart}) rendered by
 * {@link org.regstudy.report.Charts} with JFreeChart to self-contained SVG (for inline embedding)
 * or PNG, and {@link org.regstudy.report.HtmlReport}, which assembles a self-contained, printable
 * HTML page (inline CSS, no scripts, fonts or images from elsewhere) from headings, paragraphs,
 * tables, charts and alert boxes. {@link org.regstudy.report.StudyReport} turns a study's or
 * search's result directory into that page ({@code report.html}); {@link org.regstudy.report.InspectionReport}
 * does the same for model inspections; {@link org.regstudy.report.SummaryText} gives the terminal views.
 *
 * <p>Conventions: colours come from the Okabe-Ito palette ({@link org.regstudy.report.Palette});
 * every axis has a label (with its unit); log axes show only positive values, so a strength-0
 * baseline is drawn as a horizontal {@link org.regstudy.report.ReferenceLine} rather than as a
 * point, and points that cannot be shown are counted in a subtitle instead of silently vanishing.
 */
package org.regstudy.report;
