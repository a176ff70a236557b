package org.regstudy.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.regstudy.common.AtomicFiles;

/**
 * Assembles one self-contained, printable HTML page: inline CSS with print rules, charts as
 * inline SVG, no scripts, and no fonts, images or styles from elsewhere (a Content-Security-Policy
 * meta tag forbids loading anything, so a mistake shows up as a browser console error rather than
 * as a silent network request). Every string given to this class is HTML-escaped; only SVG
 * produced by {@link Charts} is inserted as markup.
 *
 * <p>Sections appear in the order they are added; level-2 headings also make up the table of
 * contents at the top. Figures are numbered from 1, and each chart's {@code <figure>} carries
 * {@code data-x-label} and {@code data-y-label} attributes so that tests can check the rendered
 * SVG shows its axis labels. Not thread-safe: one report is built by one thread.
 *
 * <pre>{@code
 * HtmlReport r = new HtmlReport("Study: moons, L2");
 * r.heading(2, "Summary").keyValues("Setup", Map.of("data", "moons.csv (1000 rows)"));
 * r.chart(validationCurve, "Validation loss against strength, mean ± 1 std over 5 repeats.");
 * r.alerts("Diverged runs", List.of("λ = 1, seed 3: loss became NaN at epoch 31"));
 * r.write(dir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    /**
     * The head line every page carries: {@code report} and {@code inspect --html} replace an existing
     * file only when it has it (or, for pages written before it, this page's Content-Security-Policy line).
     */
    public static final String GENERATOR = "<meta name=\"generator\" content=\"RegStudy\">";
    /** The Content-Security-Policy line of every page (see {@link #GENERATOR}). */
    public static final String CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";

    /** Default chart size in CSS pixels; charts scale down to the page width. */
    public static final int CHART_WIDTH = 800;
    public static final int CHART_HEIGHT = 450;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d,]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?%?|[-+]?(NaN|Infinity|∞)");

    private final String title;
    private final List<Object> parts = new ArrayList<>(); // String (finished markup) or Heading
    private final List<Chart> charts = new ArrayList<>();
    private int headingCount;

    private record Heading(int level, String text, String id) {
    }

    /** A new, empty report whose page title and top heading are {@code title}. */
    public HtmlReport(String title) {
        this.title = Checks.requireText("title", title);
    }

    /** A section heading; {@code level} 2 (section) to 4. Level-2 headings are listed in the table of contents. */
    public HtmlReport heading(int level, String text) {
        if (level < 2 || level > 4) {
            throw new IllegalArgumentException("heading level must be 2, 3 or 4 (1 is the report title), got " + level);
        }
        Checks.requireText("text", text);
        parts.add(new Heading(level, text, "s" + (++headingCount)));
        return this;
    }

    /** A paragraph of plain text (escaped; line breaks are kept). */
    public HtmlReport paragraph(String text) {
        Objects.requireNonNull(text, "text");
        parts.add("<p>" + escape(text).replace("\n", "<br>") + "</p>\n");
        return this;
    }

    /** Preformatted text in a monospace box, e.g. the study specification. */
    public HtmlReport preformatted(String text) {
        Objects.requireNonNull(text, "text");
        parts.add("<pre>" + escape(text) + "</pre>\n");
        return this;
    }

    /**
     * A two-column table of names and values, in the map's iteration order (pass a
     * {@link java.util.LinkedHashMap} to control it).
     *
     * @param caption shown above the table, or null for none
     */
    public HtmlReport keyValues(String caption, Map<String, String> rows) {
        Objects.requireNonNull(rows, "rows");
        StringBuilder sb = new StringBuilder("<table class=\"kv\">");
        appendCaption(sb, caption);
        sb.append("<tbody>");
        for (Map.Entry<String, String> e : rows.entrySet()) {
            sb.append("<tr><th scope=\"row\">").append(escape(e.getKey())).append("</th>");
            appendCell(sb, e.getValue());
            sb.append("</tr>");
        }
        sb.append("</tbody></table>\n");
        parts.add(sb.toString());
        return this;
    }

    /**
     * A data table. Cells that look like numbers are right-aligned; a null cell shows as empty.
     *
     * @param caption shown above the table, or null for none
     * @param header  column names
     * @param rows    each row has exactly {@code header.size()} cells
     */
    public HtmlReport table(String caption, List<String> header, List<List<String>> rows) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(rows, "rows");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("table '" + caption + "' needs at least one column");
        }
        StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table class=\"data\">");
        appendCaption(sb, caption);
        sb.append("<thead><tr>");
        for (String h : header) {
            sb.append("<th scope=\"col\">").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table '" + caption + "': row " + r + " has " + row.size() + " cells for "
                        + header.size() + " columns");
            }
            sb.append("<tr>");
            for (String cell : row) {
                appendCell(sb, cell);
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></div>\n");
        parts.add(sb.toString());
        return this;
    }

    /** A chart at the default size with a numbered caption. */
    public HtmlReport chart(Chart chart, String caption) {
        return chart(chart, caption, CHART_WIDTH, CHART_HEIGHT);
    }

    /** A chart of {@code width x height} CSS pixels (scaled down to fit the page) with a numbered caption. */
    public HtmlReport chart(Chart chart, String caption, int width, int height) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(caption, "caption");
        int n = charts.size() + 1;
        String svg = Charts.toSvg(chart, width, height, "fig" + n);
        charts.add(chart);
        parts.add("<figure class=\"chart\" id=\"figure-" + n + "\" data-x-label=\"" + escape(chart.xLabel()) + "\" data-y-label=\""
                + escape(chart.yLabel()) + "\">\n" + svg + "\n<figcaption><b>Figure " + n + ".</b> " + escape(caption)
                + "</figcaption></figure>\n");
        return this;
    }

    /**
     * A highlighted box listing problems a reader must not miss (diverged or failed runs, warnings).
     * Nothing is added when {@code messages} is empty.
     */
    public HtmlReport alerts(String title, List<String> messages) {
        Checks.requireText("title", title);
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return this;
        }
        StringBuilder sb = new StringBuilder("<section class=\"alerts\" role=\"alert\"><h4>").append(escape(title)).append("</h4><ul>");
        for (String m : messages) {
            sb.append("<li>").append(escape(m)).append("</li>");
        }
        sb.append("</ul></section>\n");
        parts.add(sb.toString());
        return this;
    }

    /** The charts added so far, in figure order (figure n is element n-1). */
    public List<Chart> charts() {
        return List.copyOf(charts);
    }

    /** The whole page. */
    public String toHtml() {
        StringBuilder body = new StringBuilder();
        StringBuilder toc = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Heading h) {
                body.append("<h").append(h.level()).append(" id=\"").append(h.id()).append("\">").append(escape(h.text()))
                        .append("</h").append(h.level()).append(">\n");
                if (h.level() == 2) {
                    toc.append("<li><a href=\"#").append(h.id()).append("\">").append(escape(h.text())).append("</a></li>");
                }
            } else {
                body.append((String) p);
            }
        }
        StringBuilder sb = new StringBuilder(body.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(GENERATOR).append('\n')
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(CSP).append('\n')
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        if (!toc.isEmpty()) {
            sb.append("<nav class=\"toc\"><ol>").append(toc).append("</ol></nav>\n");
        }
        sb.append(body).append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** Writes the page to {@code file} atomically (UTF-8). */
    public void write(Path file) {
        write(file, null);
    }

    /**
     * Writes the page to {@code file} and, when {@code pngDir} is not null, every chart as
     * {@code figure-NN.png} into it, as one step ({@link AtomicFiles#writeAll}): when one of them
     * cannot be written, none is replaced or left half-written.
     */
    public void write(Path file, Path pngDir) {
        Objects.requireNonNull(file, "file");
        Map<Path, AtomicFiles.Writer> files = new java.util.LinkedHashMap<>();
        String html = toHtml();
        files.put(file, out -> out.write(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (pngDir != null) {
            putPngs(pngDir, files);
        }
        AtomicFiles.writeAll(files);
    }

    /** The files {@link #writePngs} writes into {@code dir}: {@code figure-01.png}, ... in figure order. */
    public List<Path> pngFiles(Path dir) {
        Objects.requireNonNull(dir, "dir");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            files.add(dir.resolve(String.format(Locale.ROOT, "figure-%02d.png", i + 1)));
        }
        return files;
    }

    /**
     * Writes every chart as {@code figure-NN.png} into {@code dir} (created if missing) at the
     * default size, for slides and papers, all or none; returns the files in figure order.
     */
    public List<Path> writePngs(Path dir) {
        Map<Path, AtomicFiles.Writer> files = new java.util.LinkedHashMap<>();
        putPngs(dir, files);
        AtomicFiles.writeAll(files);
        return List.copyOf(files.keySet());
    }

    private void putPngs(Path dir, Map<Path, AtomicFiles.Writer> files) {
        List<Path> targets = pngFiles(dir);
        for (int i = 0; i < targets.size(); i++) {
            files.put(targets.get(i), Charts.png(charts.get(i), CHART_WIDTH, CHART_HEIGHT));
        }
    }

    /** Escapes {@code & < > " '} so that {@code text} is safe in HTML element content and quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void appendCaption(StringBuilder sb, String caption) {
        if (caption != null && !caption.isBlank()) {
            sb.append("<caption>").append(escape(caption)).append("</caption>");
        }
    }

    private static void appendCell(StringBuilder sb, String value) {
        String v = value == null ? "" : value;
        sb.append(NUMBER.matcher(v.trim()).matches() ? "<td class=\"num\">" : "<td>").append(escape(v)).append("</td>");
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; background: #fff; color: #111;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
            main { max-width: 960px; margin: 0 auto; padding: 16px 24px 48px; }
            h1 { font-size: 1.7em; margin: 0.4em 0 0.3em; }
            h2 { font-size: 1.35em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid #ccc; }
            h3 { font-size: 1.12em; margin: 1.2em 0 0.4em; }
            h4 { font-size: 1em; margin: 0 0 0.3em; }
            nav.toc { background: #f6f6f6; border: 1px solid #ddd; padding: 6px 16px; margin: 8px 0 16px; }
            nav.toc ol { margin: 4px 0; padding-left: 20px; columns: 2; }
            a { color: #0060a0; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.93em; }
            caption { text-align: left; font-weight: 600; padding: 4px 0; }
            th, td { border: 1px solid #d0d0d0; padding: 3px 8px; text-align: left; vertical-align: top; }
            thead th { background: #eef2f6; }
            table.kv { max-width: 100%; }
            table.kv th { background: #f6f6f6; font-weight: 600; min-width: 10em; max-width: 22em; }
            table.kv td { overflow-wrap: anywhere; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tbody tr:nth-child(even) td { background: #fafafa; }
            .scroll { overflow-x: auto; }
            pre { background: #f6f6f6; border: 1px solid #ddd; padding: 8px; overflow-x: auto; font-size: 0.85em; }
            figure.chart { margin: 16px 0 24px; }
            figure.chart svg { display: block; width: 100%; max-width: 800px; height: auto; border: 1px solid #e4e4e4; }
            figcaption { font-size: 0.92em; color: #333; margin-top: 6px; max-width: 800px; }
            .alerts { border: 2px solid #d55e00; background: #fff4ec; padding: 8px 16px; margin: 12px 0; }
            .alerts h4 { color: #9a3f00; }
            .alerts ul { margin: 4px 0; padding-left: 20px; }
            @page { size: A4; margin: 14mm; }
            @media print {
              body { font-size: 10pt; }
              main { max-width: none; padding: 0; }
              nav.toc { display: none; }
              a { color: inherit; text-decoration: none; }
              h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
              figure.chart, table, .alerts, pre { break-inside: avoid; page-break-inside: avoid; }
              figure.chart svg { border: none; max-width: 100%; }
              .scroll { overflow: visible; }
              tbody tr:nth-child(even) td { background: none; }
            }
            """;
}
