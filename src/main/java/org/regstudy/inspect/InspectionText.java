package org.regstudy.inspect;

import static org.regstudy.common.TerminalText.printable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aligned text tables of inspections: one table per model ({@link #single}), and a side-by-side
 * comparison with one row per layer/parameter and one column per model ({@link #compare}).
 */
public final class InspectionText {

    private InspectionText() {
    }

    /** The table of one model, with a short header. */
    public static String single(ModelInspection m, SparsityThreshold t) {
        StringBuilder sb = new StringBuilder();
        sb.append("model: ").append(printable(m.source())).append(" (").append(m.modelType()).append(", ")
                .append(m.totalParameters()).append(" parameters, penalty term ").append(num(m.totalPenalty()))
                .append(")\n");
        sb.append("updater: ").append(printable(orDash(m.updater()))).append('\n');
        sb.append("input: ").append(printable(orDash(m.inputType()))).append('\n');
        sb.append("normalizer: ").append(printable(orDash(m.normalizer()))).append('\n');
        sb.append("sparsity: fraction of |w| < epsilon (").append(t.describe()).append("); zeros: exactly 0\n\n");
        // the non-finite column appears only when some array has NaN or infinite entries
        boolean nonFinite = m.layers().stream().flatMap(l -> l.allStats().stream()).anyMatch(s -> s.nonFinite() > 0);
        List<String> header = new ArrayList<>(List.of("#", "layer", "type", "act", "param", "shape", "count",
                "regularization", "L1", "L2(F)", "max|w|", "spectral", "epsilon", "sparsity", "zeros"));
        if (nonFinite) {
            header.add("non-finite");
        }
        header.addAll(List.of("penalty", "histogram"));
        Table table = new Table(header.toArray(String[]::new));
        List<String> notes = new ArrayList<>();
        for (LayerInspection l : m.layers()) {
            List<WeightStats> stats = l.allStats();
            if (stats.isEmpty()) {
                List<String> cells = new ArrayList<>(List.of(String.valueOf(l.index()), l.name(), l.type(),
                        orDash(l.activation()), "-", "-", "0", regs(l.weightRegularization()), "", "", "", "", "", "", ""));
                if (nonFinite) {
                    cells.add("");
                }
                cells.addAll(List.of(num(l.penaltyTerm()), ""));
                table.row(cells.toArray(String[]::new));
                continue;
            }
            boolean first = true;
            for (WeightStats s : stats) {
                boolean isBias = s == l.bias();
                List<String> cells = new ArrayList<>(List.of(first ? String.valueOf(l.index()) : "", first ? l.name() : "",
                        first ? l.type() : "", first ? orDash(l.activation()) : "", s.param(), s.shapeText(),
                        String.valueOf(s.count()), regs(isBias ? l.biasRegularization() : l.weightRegularization()),
                        num(s.l1()), num(s.l2()), num(s.maxAbs()), num(s.spectralNorm()), num(s.epsilon()),
                        pct(s.sparsity()), String.valueOf(s.exactZeros())));
                if (nonFinite) {
                    cells.add(String.valueOf(s.nonFinite()));
                }
                cells.addAll(List.of(first ? num(l.penaltyTerm()) : "", "|" + s.histogram().sparkline() + "|"));
                table.row(cells.toArray(String[]::new));
                if (s.nonFinite() > 0) {
                    notes.add(nonFiniteWarning(l.name(), s));
                }
                first = false;
            }
        }
        sb.append(table.render());
        for (String note : notes) {
            sb.append(printable(note)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The warning for an array with NaN or infinite entries, e.g. "warning: layer0 W has 2 of 32
     * values NaN or infinite; its L1, L2, max|w|, sparsity and histogram cover the 30 finite values,
     * and it has no spectral norm" (a matrix; a vector has none anyway); the text table and the HTML page show it.
     */
    public static String nonFiniteWarning(String layer, WeightStats s) {
        return "warning: " + layer + " " + s.param() + " has " + s.nonFinite() + " of " + s.count()
                + " values NaN or infinite; its L1, L2, max|w|, sparsity and histogram cover the "
                + (s.count() - s.nonFinite()) + " finite values" + (WeightStats.isVector(s.shape()) ? "" : ", and it has no spectral norm");
    }

    /** Side-by-side comparison: summary rows, then one section per statistic. */
    public static String compare(List<ModelInspection> models) {
        List<String> names = columnNames(models);
        StringBuilder sb = new StringBuilder();
        sb.append("comparison of ").append(models.size()).append(" models\n");
        for (int i = 0; i < models.size(); i++) {
            sb.append("  ").append(printable(names.get(i))).append(" = ").append(printable(models.get(i).source()))
                    .append('\n');
        }
        sb.append('\n');
        Table summary = new Table(header("", names));
        summary.row(row("model type", models, ModelInspection::modelType));
        summary.row(row("parameters", models, m -> String.valueOf(m.totalParameters())));
        summary.row(row("penalty term", models, m -> num(m.totalPenalty())));
        summary.row(row("updater", models, m -> orDash(m.updater())));
        summary.row(row("normalizer", models, m -> orDash(m.normalizer())));
        sb.append(summary.render()).append('\n');

        // layer-level rows
        Map<String, Map<Integer, LayerInspection>> layerRows = new LinkedHashMap<>();
        Map<String, Map<Integer, WeightStats>> paramRows = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            for (LayerInspection l : models.get(i).layers()) {
                String lk = l.index() + " " + l.name();
                layerRows.computeIfAbsent(lk, k -> new LinkedHashMap<>()).put(i, l);
                for (WeightStats s : l.allStats()) {
                    paramRows.computeIfAbsent(lk + " " + s.param(), k -> new LinkedHashMap<>()).put(i, s);
                }
            }
        }
        sb.append("regularization on weights | on bias\n");
        Table regs = new Table(header("layer", names));
        for (var e : layerRows.entrySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(e.getKey());
            for (int i = 0; i < models.size(); i++) {
                LayerInspection l = e.getValue().get(i);
                cells.add(l == null ? "-" : regs(l.weightRegularization()) + " | " + regs(l.biasRegularization()));
            }
            regs.row(cells.toArray(String[]::new));
        }
        sb.append(regs.render()).append('\n');
        sb.append("penalty term\n");
        Table pen = new Table(header("layer", names, "max/min"));
        for (var e : layerRows.entrySet()) {
            double[] v = new double[models.size()];
            List<String> cells = new ArrayList<>();
            cells.add(e.getKey());
            for (int i = 0; i < models.size(); i++) {
                LayerInspection l = e.getValue().get(i);
                v[i] = l == null ? Double.NaN : l.penaltyTerm();
                cells.add(l == null ? "-" : num(l.penaltyTerm()));
            }
            cells.add(ratio(v));
            pen.row(cells.toArray(String[]::new));
        }
        sb.append(pen.render());
        record Stat(String title, Function<WeightStats, Double> f, boolean percent) {
        }
        List<Stat> stats = List.of(
                new Stat("L2 (Frobenius) norm", WeightStats::l2, false),
                new Stat("L1 norm", WeightStats::l1, false),
                new Stat("max |w|", WeightStats::maxAbs, false),
                new Stat("spectral norm", WeightStats::spectralNorm, false),
                new Stat("sparsity (|w| < epsilon)", WeightStats::sparsity, true),
                new Stat("exact zeros", s -> (double) s.exactZeros(), false));
        if (paramRows.values().stream().flatMap(r -> r.values().stream()).anyMatch(s -> s.nonFinite() > 0)) {
            stats = new ArrayList<>(stats);
            stats.add(new Stat("non-finite values (NaN or infinite; left out of the statistics above)",
                    s -> (double) s.nonFinite(), false));
        }
        for (Stat st : stats) {
            sb.append('\n').append(st.title()).append('\n');
            Table t = new Table(header("layer param", names, "max/min"));
            for (var e : paramRows.entrySet()) {
                double[] v = new double[models.size()];
                List<String> cells = new ArrayList<>();
                cells.add(e.getKey());
                for (int i = 0; i < models.size(); i++) {
                    WeightStats s = e.getValue().get(i);
                    v[i] = s == null ? Double.NaN : st.f().apply(s);
                    cells.add(s == null ? "-" : st.percent() ? pct(v[i]) : num(v[i]));
                }
                cells.add(ratio(v));
                t.row(cells.toArray(String[]::new));
            }
            sb.append(t.render());
        }
        return sb.toString();
    }

    private static List<String> columnNames(List<ModelInspection> models) {
        List<String> names = new ArrayList<>();
        for (ModelInspection m : models) {
            Path p = Path.of(m.source()).getFileName();
            names.add(p == null ? m.source() : p.toString());
        }
        if (names.stream().distinct().count() < names.size()) {
            for (int i = 0; i < names.size(); i++) {
                names.set(i, (i + 1) + ":" + names.get(i));
            }
        }
        return names;
    }

    private static String[] header(String first, List<String> names, String... extra) {
        List<String> h = new ArrayList<>();
        h.add(first);
        h.addAll(names);
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    private static String[] row(String label, List<ModelInspection> models, Function<ModelInspection, String> f) {
        List<String> r = new ArrayList<>();
        r.add(label);
        models.forEach(m -> r.add(f.apply(m)));
        return r.toArray(String[]::new);
    }

    /** max/min of the finite values when all are > 0; "=" when all equal; else "-". */
    static String ratio(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isNaN(x)) {
                return "-";
            }
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (lo == hi) {
            return "=";
        }
        if (lo <= 0) {
            return "-";
        }
        return num(hi / lo) + "x";
    }

    static String regs(List<RegularizationInfo> regs) {
        if (regs.isEmpty()) {
            return "none";
        }
        return regs.stream().map(RegularizationInfo::shortText).collect(Collectors.joining(" + "));
    }

    static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : num(100 * fraction) + "%";
    }

    /** A number with at most 4 significant digits: "0.0123", "0.0001", "1.235e-05", "-" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return b.toPlainString();
        }
        String s = String.format(java.util.Locale.ROOT, "%.3e", v);
        int e = s.indexOf('e');
        String mant = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mant + s.substring(e);
    }



    /** The first line of a message, trimmed. */
    public static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** A text table: left-aligned text, right-aligned numbers. */
    static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = printableAll(header);
        }

        void row(String... cells) {
            rows.add(printableAll(cells));
        }

        /** Cells come from the model file (names, types): escaped, so that each row stays one aligned line. */
        private static String[] printableAll(String[] cells) {
            String[] out = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                out[i] = printable(cells[i]);
            }
            return out;
        }

        String render() {
            int[] w = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                w[i] = header[i].length();
            }
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            boolean[] numeric = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                boolean all = !rows.isEmpty();
                for (String[] r : rows) {
                    if (!r[i].isEmpty() && !r[i].matches("[-+0-9.e%x=inf]+")) {
                        all = false;
                    }
                }
                numeric[i] = all;
            }
            StringBuilder sb = new StringBuilder();
            line(sb, header, w, numeric);
            String[] rule = new String[header.length];
            for (int i = 0; i < header.length; i++) {
                rule[i] = "-".repeat(w[i]);
            }
            line(sb, rule, w, numeric);
            for (String[] r : rows) {
                line(sb, r, w, numeric);
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] numeric) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    l.append("  ");
                }
                String c = cells[i];
                String pad = " ".repeat(w[i] - c.length());
                l.append(numeric[i] ? pad + c : c + pad);
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
    }
}
