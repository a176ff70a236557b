package org.regstudy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;
import org.regstudy.common.AtomicFiles;

/**
 * Renders {@link Chart} descriptions with JFreeChart: to an SVG element (JFreeSVG; text stays
 * text, no external fonts, images or scripts) for inline embedding in HTML, or to a PNG file.
 *
 * <p>Look: white background, light grey grid, sans-serif fonts (title 16 px bold, axis labels
 * 13 px bold, ticks and legend 12 px), Okabe-Ito colours ({@link Palette}), bands at 20 % opacity,
 * shaded regions as opaque 12 % tints of their verdict colour behind the data, markers as dashed
 * black lines with staggered labels, reference lines as dashed grey lines. Log axes are base 10 with tick labels {@code 10⁻⁶ ... 0.01, 0.1, 1, 10 ... 10⁴}.
 */
public final class Charts {
    private Charts() {
    }

    static {
        // JFreeChart draws rotated text (the y axis label) through TextLayout by default, a
        // workaround for old JDK bugs that turns the label into glyph outlines in SVG. Plain
        // drawString keeps it as searchable <text>; JDK 17 rotates text correctly.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** Smallest and largest accepted width or height in pixels. */
    public static final int MIN_SIZE = 50;
    public static final int MAX_SIZE = 10_000;

    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final float BAND_ALPHA = 0.2f;
    private static final float REGION_ALPHA = 0.12f;
    private static final int SHAPES_UP_TO = 25;
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 210);

    /**
     * Renders {@code chart} as an {@code <svg>} element with a unique id ({@code chartN}) and a
     * viewBox, so that several charts can sit in one page without their clip-path ids colliding.
     */
    public static String toSvg(Chart chart, int width, int height) {
        return toSvg(chart, width, height, "chart" + NEXT_ID.incrementAndGet());
    }

    /**
     * Renders {@code chart} as an {@code <svg>} element whose id is {@code id} and whose internal
     * definitions (clip paths) are prefixed with {@code id}; give each chart of a page its own id.
     * The output is deterministic for a given chart, size and id.
     *
     * @param id a letter followed by up to 63 letters, digits, '_' or '-'
     */
    public static String toSvg(Chart chart, int width, int height, String id) {
        checkSize(width, height);
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must match " + ID.pattern() + ", got " + id);
        }
        JFreeChart jfc = toJFreeChart(chart);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2)); // 2 decimals of a pixel: 3x smaller files
        jfc.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return dropUnusedNamespaces(g2.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null));
    }

    /**
     * JFreeSVG declares the xlink and jfreesvg namespaces on every root element; when the
     * document uses neither prefix the declarations are dropped, so that the only URL left
     * in the SVG is its own namespace.
     */
    static String dropUnusedNamespaces(String svg) {
        String out = svg;
        for (String prefix : new String[] {"xlink", "jfreesvg"}) {
            Matcher m = Pattern.compile(" xmlns:" + prefix + "=(['\"])[^'\"]*\\1").matcher(out);
            if (m.find() && !out.substring(m.end()).contains(prefix + ":")) {
                out = out.substring(0, m.start()) + out.substring(m.end());
            }
        }
        return out;
    }

    /** Renders {@code chart} as a {@code width x height} PNG written atomically to {@code file}. */
    public static void toPng(Chart chart, int width, int height, Path file) {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, png(chart, width, height));
    }

    /** What writes {@code chart} as a {@code width x height} PNG to a stream (for {@link AtomicFiles#writeAll}). */
    static AtomicFiles.Writer png(Chart chart, int width, int height) {
        checkSize(width, height);
        JFreeChart jfc = toJFreeChart(chart);
        return out -> ChartUtils.writeChartAsPNG(out, jfc, width, height);
    }

    /** The JFreeChart object for {@code chart}, styled as described above (for callers who need more). */
    public static JFreeChart toJFreeChart(Chart chart) {
        Objects.requireNonNull(chart, "chart");
        if (chart instanceof LineChart c) {
            return line(c);
        } else if (chart instanceof HistogramChart c) {
            return histogram(c);
        } else if (chart instanceof BarChart c) {
            return bars(c);
        }
        throw new IllegalArgumentException("unknown chart kind " + chart.getClass().getName());
    }

    private static void checkSize(int width, int height) {
        if (width < MIN_SIZE || width > MAX_SIZE) {
            throw new IllegalArgumentException("width must be in [" + MIN_SIZE + ", " + MAX_SIZE + "], got " + width);
        }
        if (height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("height must be in [" + MIN_SIZE + ", " + MAX_SIZE + "], got " + height);
        }
    }

    // ---------------------------------------------------------------- line charts

    private static JFreeChart line(LineChart c) {
        ValueAxis xAxis = c.logX() ? logAxis(c.xLabel()) : numberAxis(c.xLabel(), false);
        if (xAxis instanceof NumberAxis n && wholeNumbers(c.series())) {
            // epochs, fractions of rows counted whole: no tick at 0.9 or 2.5
            n.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        ValueAxis yAxis = c.logY() ? logAxis(c.yLabel()) : numberAxis(c.yLabel(), false);
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(BAND_ALPHA);
        int omitted = 0;
        List<Series> series = c.series();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            YIntervalSeries ys = new YIntervalSeries(s.name(), false, true);
            double[] x = s.x();
            double[] y = s.y();
            double[] lo = s.hasBand() ? s.yLow() : y;
            double[] hi = s.hasBand() ? s.yHigh() : y;
            for (int j = 0; j < x.length; j++) {
                if (!shown(x[j], c.logX()) || !shown(y[j], c.logY())) {
                    omitted++;
                    continue;
                }
                double l = Double.isFinite(lo[j]) ? lo[j] : y[j];
                double h = Double.isFinite(hi[j]) ? hi[j] : y[j];
                if (c.logY() && l <= 0) {
                    l = y[j];
                }
                ys.add(x[j], y[j], Math.min(l, y[j]), Math.max(h, y[j]));
            }
            data.addSeries(ys);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart jfc = finish(c.title(), plot); // the theme resets series styles, so style after it
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color colour = Palette.series(s.colour() >= 0 ? s.colour() : i);
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesFillPaint(i, colour);
            renderer.setSeriesStroke(i, s.dashed() ? dashed(2f, 6f, 4f) : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            renderer.setSeriesShapesVisible(i, s.size() <= SHAPES_UP_TO);
        }

        List<Double> xs = new ArrayList<>();
        List<Marker> markers = c.markers();
        for (int k = 0; k < markers.size(); k++) {
            Marker m = markers.get(k);
            ValueMarker vm = new ValueMarker(m.x(), Palette.BLACK, dashed(1.5f, 5f, 3f));
            vm.setLabel(m.label());
            vm.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            vm.setLabelPaint(Palette.BLACK);
            vm.setLabelBackgroundColor(LABEL_BACKGROUND);
            vm.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            vm.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            vm.setLabelOffset(new RectangleInsets(4 + 16 * (k % 4), 4, 4, 4)); // staggered so close markers stay readable
            plot.addDomainMarker(vm, Layer.FOREGROUND);
            xs.add(m.x());
        }
        for (Region r : c.regions()) {
            IntervalMarker im = new IntervalMarker(r.from(), r.to());
            Color colour = Palette.region(r.label());
            im.setPaint(tint(colour, REGION_ALPHA)); // opaque tint: JFreeChart would also fade the label with alpha
            im.setAlpha(1f);
            im.setLabel(r.label());
            im.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            im.setLabelPaint(colour.darker());
            im.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            im.setLabelAnchor(RectangleAnchor.BOTTOM);
            im.setLabelTextAnchor(TextAnchor.BOTTOM_CENTER);
            im.setLabelOffset(new RectangleInsets(4, 2, 4, 2));
            plot.addDomainMarker(im, Layer.BACKGROUND);
            xs.add(r.from());
            xs.add(r.to());
        }
        List<Double> ys = new ArrayList<>();
        for (ReferenceLine r : c.references()) {
            ValueMarker vm = new ValueMarker(r.y(), new Color(0x555555), dashed(1.5f, 8f, 4f));
            vm.setLabel(r.label());
            vm.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            vm.setLabelPaint(new Color(0x333333));
            vm.setLabelBackgroundColor(LABEL_BACKGROUND);
            vm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            vm.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            vm.setLabelOffset(new RectangleInsets(2, 6, 2, 6));
            // behind the series: a label's box must not hide data points drawn near the line
            plot.addRangeMarker(vm, Layer.BACKGROUND);
            ys.add(r.y());
        }
        includeInRange(xAxis, xs, c.logX());
        includeInRange(yAxis, ys, c.logY());
        if (omitted > 0) {
            jfc.addSubtitle(new TextTitle(omitted + (omitted == 1 ? " point" : " points")
                    + " not shown (non-finite" + (c.logX() || c.logY() ? ", or not positive on a log axis" : "") + ")",
                    new Font(Font.SANS_SERIF, Font.ITALIC, 11)));
        }
        return jfc;
    }

    private static boolean shown(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Widens the axis' (auto) range to include {@code values}, with a 5 % margin (in log space on a log axis). */
    private static void includeInRange(ValueAxis axis, List<Double> values, boolean log) {
        if (values.isEmpty()) {
            return;
        }
        Range r = axis.getRange();
        double lo = r.getLowerBound();
        double hi = r.getUpperBound();
        double newLo = lo;
        double newHi = hi;
        for (double v : values) {
            newLo = Math.min(newLo, v);
            newHi = Math.max(newHi, v);
        }
        if (newLo == lo && newHi == hi) {
            return;
        }
        if (log) {
            double a = Math.log10(newLo);
            double b = Math.log10(newHi);
            double pad = 0.05 * Math.max(b - a, 1e-9);
            axis.setRange(Math.pow(10, a - (newLo < lo ? pad : 0)), Math.pow(10, b + (newHi > hi ? pad : 0)));
        } else {
            double pad = 0.05 * Math.max(newHi - newLo, 1e-12);
            axis.setRange(newLo - (newLo < lo ? pad : 0), newHi + (newHi > hi ? pad : 0));
        }
    }

    // ---------------------------------------------------------------- histograms

    private static JFreeChart histogram(HistogramChart c) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYBarRenderer renderer = new XYBarRenderer(0.0);
        renderer.setUseYInterval(false);
        List<HistogramSeries> series = c.series();
        for (int i = 0; i < series.size(); i++) {
            HistogramSeries h = series.get(i);
            XYIntervalSeries s = new XYIntervalSeries(h.name(), false, true);
            double[] e = h.edges();
            double[] n = h.counts();
            for (int b = 0; b < n.length; b++) {
                s.add(0.5 * (e[b] + e[b + 1]), e[b], e[b + 1], n[b], n[b], n[b]);
            }
            data.addSeries(s);
        }
        NumberAxis xAxis = numberAxis(c.xLabel(), false);
        NumberAxis yAxis = numberAxis(c.yLabel(), true);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        JFreeChart jfc = finish(c.title(), plot);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        for (int i = 0; i < series.size(); i++) {
            Color colour = Palette.series(i);
            renderer.setSeriesPaint(i, Palette.withAlpha(colour, 0.45));
            renderer.setSeriesOutlinePaint(i, colour);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(1.2f));
        }
        return jfc;
    }

    // ---------------------------------------------------------------- bar charts

    private static JFreeChart bars(BarChart c) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        BarRenderer renderer = new BarRenderer();
        renderer.setItemMargin(0.05);
        renderer.setDrawBarOutline(false);
        List<BarSeries> series = c.series();
        List<String> categories = c.categories();
        for (int i = 0; i < series.size(); i++) {
            BarSeries s = series.get(i);
            double[] v = s.values();
            for (int k = 0; k < categories.size(); k++) {
                data.addValue(Double.isFinite(v[k]) ? Double.valueOf(v[k]) : null, s.name(), categories.get(k));
            }
        }
        CategoryAxis xAxis = new CategoryAxis(c.xLabel());
        // long category names wrap onto up to 3 lines instead of being cut ("exact zeros, lay...")
        xAxis.setMaximumCategoryLabelLines(3);
        if (categories.size() > 8) {
            xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis yAxis = numberAxis(c.yLabel(), true);
        CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
        JFreeChart jfc = finish(c.title(), plot);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, Palette.series(i));
        }
        return jfc;
    }

    // ---------------------------------------------------------------- shared styling

    private static JFreeChart finish(String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart jfc = new JFreeChart(title, plot);
        theme().apply(jfc);
        jfc.setBackgroundPaint(Color.WHITE);
        jfc.setAntiAlias(true);
        jfc.setTextAntiAlias(true);
        if (plot instanceof XYPlot p) {
            widenSingleValue(p.getDomainAxis());
            widenSingleValue(p.getRangeAxis());
        } else if (plot instanceof CategoryPlot p) {
            widenSingleValue(p.getRangeAxis());
        }
        return jfc;
    }

    /**
     * The range shown around a single value {@code v}, before margins: {@code v/2 .. 2v} on a log
     * axis (a factor of two either side, as the validation curve gives a lone strength), {@code v
     * ± |v|/2} on a linear one ({@code ±0.5} around 0). Every chart uses it for an axis whose data
     * hold one distinct value; the report also widens a lone strength's verdict region and a
     * histogram of equal weights by it.
     *
     * @return {lower, upper}
     */
    public static double[] aroundSingleValue(double v, boolean log) {
        if (!Double.isFinite(v) || (log && !(v > 0))) {
            throw new IllegalArgumentException("no range around " + v + (log ? " on a log axis" : ""));
        }
        if (log) {
            return new double[] {v / 2, v * 2};
        }
        double half = v == 0 ? 0.5 : Math.abs(v) / 2;
        return new double[] {v - half, v + half};
    }

    /**
     * When the data of {@code axis} (with zero, for an axis whose range includes zero) hold a single
     * distinct value, sets its range to {@link #aroundSingleValue} with a 5 % margin (in log space on
     * a log axis). JFreeChart would otherwise auto-range to a span of 10⁻⁸ and label every one of
     * its ticks with the same rounded number ("0.01" nine times, "1E1" twenty times). Markers,
     * regions and reference lines widen the range further afterwards ({@link #includeInRange}).
     */
    private static void widenSingleValue(ValueAxis axis) {
        if (axis == null || !(axis.getPlot() instanceof org.jfree.chart.plot.ValueAxisPlot p)) {
            return;
        }
        Range data = p.getDataRange(axis);
        if (data == null) {
            return;
        }
        boolean log = axis instanceof LogAxis;
        double lo = data.getLowerBound();
        double hi = data.getUpperBound();
        if (axis instanceof NumberAxis n && n.getAutoRangeIncludesZero()) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || (log && !(lo > 0))) {
            return;
        }
        boolean single = log ? hi <= lo * (1 + 1e-9) : hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi));
        if (!single) {
            return;
        }
        double[] r = aroundSingleValue(log ? Math.sqrt(lo * hi) : 0.5 * (lo + hi), log);
        if (log) {
            double a = Math.log10(r[0]);
            double b = Math.log10(r[1]);
            double pad = 0.05 * (b - a);
            axis.setRange(Math.pow(10, a - pad), Math.pow(10, b + pad));
        } else {
            double pad = 0.05 * (r[1] - r[0]);
            axis.setRange(r[0] - pad, r[1] + pad);
        }
    }

    /** A fresh theme (themes are mutable, so none is shared between threads). */
    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("RegStudy");
        t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(new Color(0x999999));
        t.setDomainGridlinePaint(new Color(0xDDDDDD));
        t.setRangeGridlinePaint(new Color(0xDDDDDD));
        t.setAxisLabelPaint(Color.BLACK);
        t.setTickLabelPaint(new Color(0x222222));
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    /** Whether every x value of every series is a whole number (an epoch, a count). */
    static boolean wholeNumbers(List<Series> series) {
        for (Series s : series) {
            for (double x : s.x()) {
                if (Double.isFinite(x) && x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static NumberAxis numberAxis(String label, boolean includeZero) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(includeZero);
        return a;
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new TextLogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-300);
        a.setNumberFormatOverride(new PowerOfTenFormat());
        a.setMinorTickMarksVisible(true);
        return a;
    }

    /** {@code c} mixed with white: {@code alpha*c + (1-alpha)*white}, opaque. */
    private static Color tint(Color c, float alpha) {
        return new Color(Math.round(alpha * c.getRed() + (1 - alpha) * 255), Math.round(alpha * c.getGreen() + (1 - alpha) * 255),
                Math.round(alpha * c.getBlue() + (1 - alpha) * 255));
    }

    private static BasicStroke dashed(float width, float on, float off) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {on, off}, 0f);
    }

    /**
     * A base-10 {@link LogAxis} with its own ticks and plain-string labels. Ticks: over 2.5 decades
     * or more, a labelled major tick at each power of ten (every n-th power when more than 12
     * decades) and unlabelled minor ticks at 2..9 times it; over fewer decades, labelled ticks at
     * 1, 2 and 5 times each power of ten. (JFreeChart's own LogAxis ticks fall at fractional powers
     * such as 63.1 on short ranges, and its attributed labels become glyph outlines in SVG;
     * {@link NumberTick} labels are drawn as SVG {@code <text>}.)
     */
    static final class TextLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        TextLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            List<Tick> ticks = decadeTicks(edge);
            return ticks != null ? ticks : plain(super.refreshTicksHorizontal(g2, dataArea, edge));
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            List<Tick> ticks = decadeTicks(edge);
            return ticks != null ? ticks : plain(super.refreshTicksVertical(g2, dataArea, edge));
        }

        /** The ticks described above, or null when the range is too short to hold two labelled ticks. */
        private List<Tick> decadeTicks(RectangleEdge edge) {
            double lo = Math.max(getRange().getLowerBound(), getSmallestValue());
            double hi = getRange().getUpperBound();
            if (!(hi > lo)) {
                return null;
            }
            double decades = Math.log10(hi) - Math.log10(lo);
            int step = decades > 12 ? (int) Math.ceil(decades / 10) : 1;
            boolean fine = decades < 2.5;
            TextAnchor anchor = edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                    : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                    : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List<Tick> ticks = new ArrayList<>();
            int labelled = 0;
            for (int k = (int) Math.floor(Math.log10(lo)); k <= (int) Math.ceil(Math.log10(hi)); k++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, k);
                    if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) {
                        continue;
                    }
                    boolean major = fine ? (m == 1 || m == 2 || m == 5) : (m == 1 && Math.floorMod(k, step) == 0);
                    if (major) {
                        ticks.add(new NumberTick(TickType.MAJOR, v, PowerOfTenFormat.label(v), anchor, anchor, 0.0));
                        labelled++;
                    } else if (step == 1) {
                        ticks.add(new NumberTick(TickType.MINOR, v, "", anchor, anchor, 0.0));
                    }
                }
            }
            return labelled >= 2 ? ticks : null;
        }

        private static List<Tick> plain(List<?> ticks) {
            List<Tick> out = new ArrayList<>(ticks.size());
            for (Object o : ticks) {
                if (o instanceof LogTick t) {
                    String text = t.getAttributedLabel() == null ? "" : PowerOfTenFormat.label(t.getValue());
                    out.add(new NumberTick(t.getTickType(), t.getValue(), text, t.getTextAnchor(), t.getRotationAnchor(), t.getAngle()));
                } else {
                    out.add((Tick) o);
                }
            }
            return out;
        }
    }

    /**
     * Tick labels for log axes: numbers from 0.01 to 99999 as plain decimals with up to three
     * significant digits (0.05, 2, 500), others as mantissa × power of ten with a Unicode
     * superscript exponent ({@code 10⁻⁶}, {@code 2×10⁻⁶}).
     */
    static final class PowerOfTenFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(label(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(label(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }

        static String label(double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                return String.format(Locale.ROOT, "%.3g", v);
            }
            BigDecimal rounded = new BigDecimal(v).round(new MathContext(3));
            int k = rounded.precision() - rounded.scale() - 1; // decimal exponent of the leading digit
            if (k >= -2 && k <= 4) {
                return rounded.stripTrailingZeros().toPlainString();
            }
            BigDecimal mantissa = rounded.movePointLeft(k).stripTrailingZeros();
            StringBuilder sb = new StringBuilder();
            if (mantissa.compareTo(BigDecimal.ONE) != 0) {
                sb.append(mantissa.toPlainString()).append('×');
            }
            sb.append("10");
            if (k < 0) {
                sb.append('⁻');
            }
            for (char ch : Integer.toString(Math.abs(k)).toCharArray()) {
                sb.append(SUPERSCRIPTS.charAt(ch - '0'));
            }
            return sb.toString();
        }
    }
}
