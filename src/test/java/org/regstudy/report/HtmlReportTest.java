package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final String EVIL = "<script>alert('x')</script> & \"q\"";
    private static final String EVIL_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";

    @Test
    void escapesEveryStringItIsGiven() {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put(EVIL, EVIL);
        LineChart chart = LineChart.builder(EVIL, "x <b>", "y \"quoted\"")
                .series(Series.line(EVIL, new double[] {1, 2}, new double[] {1, 2})).build();
        String html = new HtmlReport(EVIL)
                .heading(2, EVIL).paragraph(EVIL).preformatted(EVIL).keyValues(EVIL, kv)
                .table(EVIL, List.of(EVIL), List.of(List.of(EVIL)))
                .chart(chart, EVIL)
                .alerts(EVIL, List.of(EVIL))
                .toHtml();
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element may appear");
        assertFalse(html.contains("x <b>"), "markup in an axis label is escaped");
        // title, h1, toc, h2, p, pre, caption, th, td, table caption, th, td, figcaption, alert title, alert item = 15 places
        assertEquals(15, count(html, EVIL_ESCAPED), html);
        // attribute values are escaped too
        assertTrue(html.contains("data-x-label=\"x &lt;b&gt;\" data-y-label=\"y &quot;quoted&quot;\""), html);
        // the chart title and legend inside the SVG are XML-escaped by JFreeSVG
        assertTrue(html.contains("&lt;script&gt;alert("), html);
    }

    @Test
    void escapeHandlesAllFiveCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;", HtmlReport.escape("<a href=\"x\">&'</a>"));
        assertEquals("", HtmlReport.escape(null));
        assertEquals("λ = 10⁻⁶", HtmlReport.escape("λ = 10⁻⁶"));
    }

    @Test
    void pageIsSelfContainedAndPrintable() {
        String html = DemoCharts.report().toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        Matcher m = Pattern.compile("https?://[^'\"\\s)]*").matcher(html);
        while (m.find()) {
            assertEquals("http://www.w3.org/2000/svg", m.group(), "only the SVG namespace may be a URL");
        }
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "@import", "@font-face", "src=")) {
            assertFalse(html.contains(forbidden), "page contains " + forbidden);
        }
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), "CSP forbids loading anything");
        assertTrue(html.contains("@media print"));
        assertEquals(6, count(html, "<svg "), "six charts inline");
        assertEquals(6, count(html, "<figure class=\"chart\""));
        assertTrue(html.contains("<b>Figure 6.</b>"));
        // table of contents lists the seven level-2 headings
        assertEquals(7, count(html, "<li><a href=\"#s"), html);
    }

    @Test
    void numericCellsAreRightAligned() {
        String html = new HtmlReport("t").table(null, List.of("a", "b", "c", "d", "e"),
                List.of(List.of("0.123", "-1.5e-6", "NaN", "abc", "12%"))).toHtml();
        assertTrue(html.contains("<td class=\"num\">0.123</td><td class=\"num\">-1.5e-6</td><td class=\"num\">NaN</td><td>abc</td>"
                + "<td class=\"num\">12%</td>"), html);
    }

    @Test
    void badTablesAndHeadingsAreRejected() {
        HtmlReport r = new HtmlReport("t");
        var e = assertThrows(IllegalArgumentException.class, () -> r.table("runs", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertEquals("table 'runs': row 1 has 1 cells for 2 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.heading(1, "x"));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
        // an empty alert list adds nothing
        assertFalse(r.alerts("Diverged runs", List.of()).toHtml().contains("class=\"alerts\""));
    }

    @Test
    void writesPageAndPngsAtomically(@TempDir Path dir) throws Exception {
        HtmlReport r = DemoCharts.report();
        Path page = dir.resolve("out/report.html");
        r.write(page);
        assertEquals(r.toHtml(), Files.readString(page, StandardCharsets.UTF_8));
        List<Path> pngs = r.writePngs(dir.resolve("png"));
        assertEquals(6, pngs.size());
        assertEquals(dir.resolve("png/figure-01.png"), pngs.get(0));
        for (Path p : pngs) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertEquals(HtmlReport.CHART_WIDTH, img.getWidth(), p.toString());
            assertEquals(HtmlReport.CHART_HEIGHT, img.getHeight(), p.toString());
        }
        try (var s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(page), s.toList(), "no temporary files left");
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
