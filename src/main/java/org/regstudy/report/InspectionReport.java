package org.regstudy.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.regstudy.inspect.InspectionText;
import org.regstudy.inspect.LayerInspection;
import org.regstudy.inspect.ModelInspection;
import org.regstudy.inspect.RegularizationInfo;
import org.regstudy.inspect.SparsityThreshold;
import org.regstudy.inspect.WeightStats;

/**
 * The HTML page of {@code regstudy inspect --html}: per model a summary, a table of its layers'
 * regularization and penalty terms, a table of every parameter array's statistics and a histogram
 * chart per weight array; with several models also a side-by-side table of per-layer weight norms
 * and overlaid histograms (one colour per model) of each weight array the models share.
 */
public final class InspectionReport {
    private InspectionReport() {
    }

    /** Builds the page for one or more inspections (in the order given). */
    public static HtmlReport build(List<ModelInspection> models, SparsityThreshold threshold) {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(threshold, "threshold");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must hold at least one inspection, got none");
        }
        List<String> names = names(models);
        HtmlReport r = new HtmlReport(models.size() == 1 ? "Model inspection: " + names.get(0)
                : "Model inspection: " + models.size() + " models");
        for (int i = 0; i < models.size(); i++) {
            model(r, models.get(i), names.get(i), threshold, models.size() == 1);
        }
        if (models.size() > 1) {
            compare(r, models, names);
        }
        return r;
    }

    /** Short, unique display names: the file name of each source, numbered when two are equal. */
    static List<String> names(List<ModelInspection> models) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            String src = models.get(i).source() == null ? "model" : models.get(i).source();
            int slash = Math.max(src.lastIndexOf('/'), src.lastIndexOf('\\'));
            String name = src.substring(slash + 1);
            if (name.isBlank()) {
                name = "model";
            }
            out.add(out.contains(name) ? (i + 1) + ": " + name : name);
        }
        return out;
    }

    private static void model(HtmlReport r, ModelInspection m, String name, SparsityThreshold t, boolean withHistograms) {
        r.heading(2, "Model " + name);
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("source", m.source());
        kv.put("type", m.modelType());
        kv.put("parameters", Long.toString(m.totalParameters()));
        kv.put("updater", m.updater());
        kv.put("input", m.inputType());
        kv.put("normalizer", m.normalizer() == null ? "none stored" : m.normalizer());
        kv.put("total penalty term", InspectionText.num(m.totalPenalty()));
        kv.put("sparsity threshold", t.describe());
        r.keyValues(null, kv);
        List<String> nonFinite = new ArrayList<>();
        for (LayerInspection l : m.layers()) {
            for (WeightStats w : l.allStats()) {
                if (w.nonFinite() > 0) {
                    nonFinite.add(InspectionText.nonFiniteWarning(l.name(), w));
                }
            }
        }
        r.alerts("NaN or infinite weights", nonFinite);
        List<List<String>> layers = new ArrayList<>();
        for (LayerInspection l : m.layers()) {
            layers.add(List.of(Integer.toString(l.index()), l.name(), l.type(), l.activation() == null ? "-" : l.activation(),
                    l.nIn() == null ? "-" : l.nIn().toString(), l.nOut() == null ? "-" : l.nOut().toString(),
                    Long.toString(l.parameterCount()), regs(l.weightRegularization()), regs(l.biasRegularization()),
                    InspectionText.num(l.penaltyTerm())));
        }
        r.table("Layers and their regularization", List.of("#", "layer", "type", "activation", "nIn", "nOut", "parameters",
                "weight penalty", "bias penalty", "penalty term"), layers);
        List<List<String>> stats = new ArrayList<>();
        for (LayerInspection l : m.layers()) {
            for (WeightStats w : l.allStats()) {
                List<String> row = new ArrayList<>(List.of(l.name(), w.param(), shape(w.shape()), Long.toString(w.count()),
                        InspectionText.num(w.l1()), InspectionText.num(w.l2()), InspectionText.num(w.maxAbs()),
                        InspectionText.num(w.spectralNorm()), String.format(Locale.ROOT, "%.2f%%", 100 * w.sparsity()),
                        Long.toString(w.exactZeros())));
                if (!nonFinite.isEmpty()) {
                    row.add(Long.toString(w.nonFinite()));
                }
                stats.add(row);
            }
        }
        List<String> header = new ArrayList<>(List.of("layer", "param", "shape", "count", "L1", "L2", "max |w|", "spectral",
                "sparsity", "exact zeros"));
        if (!nonFinite.isEmpty()) {
            header.add("NaN or infinite");
        }
        r.table("Parameter statistics over the finite values (L1 = Σ|w|, L2 = sqrt(Σw²), spectral = largest singular value;"
                + " sparsity: |w| < ε or 0)", header, stats);
        if (withHistograms) {
            for (LayerInspection l : m.layers()) {
                for (WeightStats w : l.weights()) {
                    if (w.histogram() != null && w.count() > 0) {
                        r.chart(new HistogramChart("Weights of " + l.name() + " " + w.param(), "weight value", "count of weights",
                                List.of(StudyReport.histogramSeries(name, w.histogram()))),
                                "Histogram of the " + (w.count() - w.nonFinite()) + (w.nonFinite() > 0 ? " finite" : "")
                                        + " values of " + l.name() + " " + w.param() + " " + shape(w.shape())
                                        + (w.nonFinite() > 0 ? " (" + w.nonFinite() + " NaN or infinite left out)" : "") + ".",
                                HtmlReport.CHART_WIDTH, 360);
                    }
                }
            }
        }
    }

    private static void compare(HtmlReport r, List<ModelInspection> models, List<String> names) {
        r.heading(2, "Side by side");
        Map<String, List<WeightStats>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            for (LayerInspection l : models.get(i).layers()) {
                for (WeightStats w : l.weights()) {
                    List<WeightStats> row = byKey.computeIfAbsent(l.name() + " " + w.param(), k -> {
                        List<WeightStats> empty = new ArrayList<>();
                        for (int j = 0; j < models.size(); j++) {
                            empty.add(null);
                        }
                        return empty;
                    });
                    row.set(i, w);
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("weights"));
        for (String n : names) {
            header.add(n + " L2");
            header.add(n + " sparsity");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<WeightStats>> e : byKey.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            for (WeightStats w : e.getValue()) {
                row.add(w == null ? "-" : InspectionText.num(w.l2()));
                row.add(w == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * w.sparsity()));
            }
            rows.add(row);
        }
        List<String> penalty = new ArrayList<>(List.of("total penalty term"));
        for (ModelInspection m : models) {
            penalty.add(InspectionText.num(m.totalPenalty()));
            penalty.add("");
        }
        rows.add(penalty);
        r.table("Weight L2 norm and sparsity per layer, per model", header, rows);
        for (Map.Entry<String, List<WeightStats>> e : byKey.entrySet()) {
            List<HistogramSeries> series = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                WeightStats w = e.getValue().get(i);
                if (w != null && w.histogram() != null && w.count() > 0) {
                    series.add(StudyReport.densitySeries(names.get(i), w.histogram()));
                }
            }
            if (!series.isEmpty()) {
                r.chart(new HistogramChart("Weights of " + e.getKey() + ", all models", "weight value", StudyReport.DENSITY_LABEL,
                        series), "Overlaid histograms of " + e.getKey() + ", one colour per model, as densities (each"
                        + " histogram has its own bins over its own range and an area of 1, so models of different sizes"
                        + " compare by height).", HtmlReport.CHART_WIDTH, 360);
            }
        }
    }

    private static String regs(List<RegularizationInfo> regs) {
        return regs.isEmpty() ? "none" : String.join(", ", regs.stream().map(RegularizationInfo::shortText).toList());
    }

    private static String shape(long[] shape) {
        return java.util.Arrays.toString(shape).replace(" ", "");
    }
}
