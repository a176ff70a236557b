package org.regstudy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void svgHasTitleAxisLabelsAndLogTicksAsText() {
        LineChart c = DemoCharts.validationCurve(42);
        String svg = Charts.toSvg(c, 800, 450, "v1");
        assertTrue(svg.startsWith("<svg id='v1' xmlns='http://www.w3.org/2000/svg'"), svg.substring(0, 120));
        List<String> texts = texts(svg);
        assertTrue(texts.contains("penalty strength λ (log scale)"), texts.toString());
        assertTrue(texts.contains("data loss (cross-entropy, nats)"), texts.toString()); // rotated y label stays text
        assertTrue(texts.contains(c.title()), texts.toString());
        // strengths 1e-6 .. 1: one labelled tick per decade, small ones in superscript notation
        assertTrue(texts.containsAll(List.of("10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "0.01", "0.1", "1")), texts.toString());
        assertTrue(texts.containsAll(List.of("OVERFITTING", "GOOD", "UNDERFITTING", "validation, no penalty (λ = 0)")), texts.toString());
        assertTrue(texts.contains("training") && texts.contains("validation"), "legend entries: " + texts);
    }

    @Test
    void svgIsSelfContained() {
        for (Chart c : DemoCharts.all()) {
            String svg = Charts.toSvg(c, 640, 400);
            // the only URL is the SVG namespace
            Matcher m = Pattern.compile("https?:[^'\"\\s)]*").matcher(svg);
            List<String> urls = new java.util.ArrayList<>();
            while (m.find()) {
                urls.add(m.group());
            }
            assertEquals(List.of("http://www.w3.org/2000/svg"), urls, c.title());
            for (String forbidden : List.of("<image", "<script", "href", "@font-face", "@import", "<foreignObject")) {
                assertFalse(svg.contains(forbidden), c.title() + " contains " + forbidden);
            }
            // url(...) only points at the SVG's own clip paths
            Matcher u = Pattern.compile("url\\(([^)]*)\\)").matcher(svg);
            while (u.find()) {
                assertTrue(u.group(1).startsWith("#"), c.title() + ": " + u.group());
            }
        }
    }

    @Test
    void idsArePrefixedAndOutputIsDeterministic() {
        Chart c = DemoCharts.trainingCurves();
        String a = Charts.toSvg(c, 600, 400, "figA");
        assertEquals(a, Charts.toSvg(c, 600, 400, "figA"));
        Matcher m = Pattern.compile("id='([^']*)'").matcher(a);
        int ids = 0;
        while (m.find()) {
            ids++;
            assertTrue(m.group(1).startsWith("figA"), m.group(1));
        }
        assertTrue(ids >= 2, "svg id plus clip path ids, got " + ids);
        assertThrows(IllegalArgumentException.class, () -> Charts.toSvg(c, 600, 400, "bad id\"><script>"));
        assertThrows(IllegalArgumentException.class, () -> Charts.toSvg(c, 10, 400, "ok"));
    }

    @Test
    void pngHasRequestedSizeAndPaletteColours(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/validation.png");
        Charts.toPng(DemoCharts.validationCurve(42), 640, 360, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 50, "anti-aliased chart should have many colours, got " + colours.size());
        // series 0 is Okabe-Ito blue, series 1 vermillion; the lines (2 px wide) contain the exact colours
        assertTrue(colours.contains(0x0072B2), "Okabe-Ito blue line");
        assertTrue(colours.contains(0xD55E00), "Okabe-Ito vermillion line");
        try (var s = Files.list(dir.resolve("sub"))) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void seriesCanShareAColour() {
        // training curves: both λ = 0 lines vermillion (palette 1), both best-λ lines blue (palette 0);
        // no bluish green (palette 2, the automatic colour of the third series) appears
        String svg = Charts.toSvg(DemoCharts.trainingCurves(), 800, 450, "tc");
        assertTrue(svg.contains("stroke:rgb(213,94,0)") && svg.contains("stroke:rgb(0,114,178)"), "vermillion and blue lines");
        assertFalse(svg.contains("rgb(0,158,115)"), "no automatic third colour");
        assertTrue(svg.contains("stroke-dasharray"), "training lines dashed");
    }

    @Test
    void regionsAreOpaqueTintsOfTheirVerdictColour() {
        String svg = Charts.toSvg(DemoCharts.validationCurve(42), 800, 450, "r");
        // OVERFITTING = vermillion (213, 94, 0) mixed 12 % with white:
        // 0.12*213 + 0.88*255 = 249.96 -> 250; 0.12*94 + 224.4 = 235.68 -> 236; 0.12*0 + 224.4 -> 224
        assertTrue(svg.contains("rgb(250,236,224)"), "vermillion tint");
        // GOOD = bluish green (0, 158, 115): 224.4 -> 224; 18.96 + 224.4 = 243.36 -> 243; 13.8 + 224.4 = 238.2 -> 238
        assertTrue(svg.contains("rgb(224,243,238)"), "bluish green tint");
    }

    @Test
    void nonFinitePointsAreCountedNotSilentlyDropped() {
        // penalty term: the diverged series is NaN for epochs 31..40 = 10 points
        List<String> texts = texts(Charts.toSvg(DemoCharts.penaltyTerm(), 800, 450, "p"));
        assertTrue(texts.contains("10 points not shown (non-finite, or not positive on a log axis)"), texts.toString());
        LineChart ok = DemoCharts.trainingCurves();
        assertFalse(Charts.toSvg(ok, 800, 450, "q").contains("not shown"));
    }

    @Test
    void referenceLinesAndMarkersWidenTheAxes() {
        LineChart c = LineChart.builder("t", "x (units)", "y (units)")
                .series(Series.line("s", new double[] {1, 2, 3}, new double[] {1, 1.5, 2}))
                .reference(5, "baseline")
                .marker(10, "far marker")
                .build();
        JFreeChart jfc = Charts.toJFreeChart(c);
        XYPlot plot = (XYPlot) jfc.getPlot();
        assertTrue(plot.getRangeAxis().getUpperBound() >= 5, "y axis reaches the reference line at 5");
        assertTrue(plot.getDomainAxis().getUpperBound() >= 10, "x axis reaches the marker at 10");
        assertTrue(plot.getRangeAxis().getLowerBound() <= 1);
    }

    @Test
    void anAxisWithOneValueGetsARangeAroundIt() {
        // one recorded epoch (x = 10) with one loss (y = 0.929): JFreeChart alone auto-ranges each axis to a span of
        // 1e-8 and labels every tick "1E1" and "0.929"; the range is 10 ± 5 and 0.929 ± 0.4645, each with a 5 % margin
        LineChart linear = LineChart.builder("one epoch", "epoch", "loss")
                .series(Series.line("run", new double[] {10}, new double[] {0.929})).build();
        XYPlot plot = (XYPlot) Charts.toJFreeChart(linear).getPlot();
        assertEquals(4.5, plot.getDomainAxis().getLowerBound(), 1e-9);
        assertEquals(15.5, plot.getDomainAxis().getUpperBound(), 1e-9);
        assertEquals(0.929 / 2 - 0.0929 / 2, plot.getRangeAxis().getLowerBound(), 1e-9);
        assertEquals(0.929 * 1.5 + 0.0929 / 2, plot.getRangeAxis().getUpperBound(), 1e-9);
        List<String> texts = texts(Charts.toSvg(linear, 800, 450, "one"));
        assertNoRepeatedLabel(texts);
        assertTrue(texts.containsAll(List.of("5", "10", "15", "0.5", "1.4")), texts.toString());

        // one strength on a log x axis (a study with one strength: weight norms) and one penalty value on a log y
        // axis: v/2 .. 2v, labelled like the validation curve of one strength, 5×10⁻³, 0.01, 0.02
        LineChart log = LineChart.builder("one strength", "strength", "norm").logX().logY()
                .series(Series.line("layer0 W", new double[] {0.01}, new double[] {0.323}))
                .series(Series.line("output W", new double[] {0.01}, new double[] {0.323})).build();
        texts = texts(Charts.toSvg(log, 800, 450, "onelog"));
        assertNoRepeatedLabel(texts);
        assertTrue(texts.containsAll(List.of("5×10⁻³", "0.01", "0.02", "0.2", "0.5")), texts.toString());

        // bars that are all 0 on their zero-including axis: 0 ± 0.5
        BarChart zeros = new BarChart("sparsity", "layer", "fraction", List.of("a", "b"),
                List.of(new BarSeries("s", new double[] {0, 0})));
        org.jfree.chart.plot.CategoryPlot bars = (org.jfree.chart.plot.CategoryPlot) Charts.toJFreeChart(zeros).getPlot();
        assertEquals(-0.55, bars.getRangeAxis().getLowerBound(), 1e-9);
        assertEquals(0.55, bars.getRangeAxis().getUpperBound(), 1e-9);
        assertNoRepeatedLabel(texts(Charts.toSvg(zeros, 800, 450, "zeros")));

        // two distinct values keep JFreeChart's own range, and a reference line still widens a one-value axis
        LineChart two = LineChart.builder("two epochs", "epoch", "loss")
                .series(Series.line("run", new double[] {10, 20}, new double[] {0.9, 0.8})).build();
        assertTrue(((XYPlot) Charts.toJFreeChart(two).getPlot()).getDomainAxis().getLowerBound() > 9);
        LineChart ref = LineChart.builder("one epoch", "epoch", "loss")
                .series(Series.line("run", new double[] {10}, new double[] {0.929})).reference(3, "baseline").build();
        assertTrue(((XYPlot) Charts.toJFreeChart(ref).getPlot()).getRangeAxis().getUpperBound() >= 3);
    }

    @Test
    void epochAxesHaveWholeTicks() {
        // epochs 1, 2, 3: JFreeChart's own ticks fall every 0.1 (0.9, 1.0, 1.1, ... 3.1); with whole
        // x values the ticks are whole numbers; a strength axis with fractional values keeps its own
        LineChart epochs = LineChart.builder("three epochs", "epoch", "loss")
                .series(Series.line("run", new double[] {1, 2, 3}, new double[] {0.9, 0.8, 0.7})).build();
        List<String> texts = texts(Charts.toSvg(epochs, 800, 450, "epochs"));
        assertTrue(texts.containsAll(List.of("1", "2", "3")), texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.equals("1.5") || t.equals("2.5") || t.equals("1.25")), texts.toString());
        assertFalse(Charts.wholeNumbers(List.of(Series.line("s", new double[] {0.5, 1}, new double[] {1, 2}))));
    }

    /** No text of a chart (tick labels, legend, title) appears twice. */
    static void assertNoRepeatedLabel(List<String> texts) {
        Set<String> seen = new HashSet<>();
        for (String t : texts) {
            assertTrue(seen.add(t), "'" + t + "' drawn twice: " + texts);
        }
    }

    @Test
    void logTickLabels() {
        assertEquals("10⁻⁶", Charts.PowerOfTenFormat.label(1e-6));
        assertEquals("2×10⁻⁶", Charts.PowerOfTenFormat.label(2e-6));
        assertEquals("10⁻³", Charts.PowerOfTenFormat.label(0.001));
        assertEquals("0.05", Charts.PowerOfTenFormat.label(0.05));
        assertEquals("1", Charts.PowerOfTenFormat.label(1));
        assertEquals("500", Charts.PowerOfTenFormat.label(500));
        assertEquals("10000", Charts.PowerOfTenFormat.label(1e4));
        assertEquals("10⁵", Charts.PowerOfTenFormat.label(1e5));
        assertEquals("10¹²", Charts.PowerOfTenFormat.label(1e12));
    }

    @Test
    void learningCurveTicksAreRoundNumbers() {
        // sizes 50..1600 span 1.5 decades: ticks at 1, 2, 5 x 10^k, never at fractional powers like 63.1
        List<String> texts = texts(Charts.toSvg(DemoCharts.learningCurve(), 800, 450, "lc"));
        assertTrue(texts.containsAll(List.of("50", "100", "200", "500", "1000")), texts.toString());
        assertFalse(texts.contains("63.1") || texts.contains("158"), texts.toString());
    }

    @Test
    void histogramAndBarChartsRender(@TempDir Path dir) throws Exception {
        List<String> h = texts(Charts.toSvg(DemoCharts.weightHistograms(7), 800, 450, "h"));
        assertTrue(h.containsAll(List.of("weight value", "number of weights", "λ = 0", "best λ")), h.toString());
        List<String> b = texts(Charts.toSvg(DemoCharts.layerNorms(), 800, 450, "b"));
        assertTrue(b.containsAll(List.of("layer", "‖W‖₂ (Frobenius norm)", "dense_0 (2→64)", "output (64→2)")), b.toString());
        Path png = dir.resolve("bars.png");
        Charts.toPng(DemoCharts.layerNorms(), 300, 200, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
    }

    @Test
    void badChartDescriptionsAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("val", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("'val'") && e.getMessage().contains("x has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineChart.builder("t", "x", "y").logX()
                .series(Series.line("s", new double[] {1}, new double[] {1})).marker(0, "λ = 0").build());
        assertTrue(e.getMessage().contains("log x axis"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HistogramSeries("w", new double[] {0, 1, 1}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("edges[2]=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "layer", "norm", List.of("a", "b"),
                List.of(new BarSeries("s", new double[] {1}))));
        assertTrue(e.getMessage().contains("'s' has 1 values for 2 categories"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineChart.builder("t", " ", "y").build());
        assertTrue(e.getMessage().startsWith("xLabel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineChart.builder("t", "x", "y")
                .series(Series.line("s", new double[] {1}, new double[] {1})).series(Series.line("s", new double[] {2}, new double[] {2})).build());
        assertTrue(e.getMessage().contains("'s' appears twice"), e.getMessage());
    }

    @Test
    void seriesCopiesItsArrays() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Series s = Series.meanStd("m", x, y, new double[] {0.5, 1});
        x[0] = 99;
        assertEquals(1, s.x()[0]);
        s.y()[0] = 99;
        assertEquals(3, s.y()[0]);
        // mean ± std: 3 - 0.5 = 2.5, 4 + 1 = 5
        assertEquals(2.5, s.yLow()[0]);
        assertEquals(5, s.yHigh()[1]);
        assertEquals(s, Series.meanStd("m", new double[] {1, 2}, new double[] {3, 4}, new double[] {0.5, 1}));
    }

    /** The contents of all {@code <text>} elements, unescaped for &amp; &lt; &gt;. */
    static List<String> texts(String svg) {
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"));
        }
        return out;
    }
}
