package org.regstudy.report;

import java.util.List;
import java.util.Random;

/**
 * Synthetic but realistic study results (seeded), shaped like what a penalty-strength study of
 * a small MLP produces: a U-shaped validation curve over strengths 1e-6..1, training curves,
 * weight histograms, per-layer norms and a learning curve. Used by the chart and browser tests.
 */
final class DemoCharts {
    private DemoCharts() {
    }

    /** Strengths 10^-6, 10^-5.5, ..., 10^0: 13 values. */
    static double[] strengths() {
        double[] s = new double[13];
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.pow(10, -6 + 0.5 * k);
        }
        return s;
    }

    static double trainLoss(double strength) {
        double s = Math.log10(strength);
        return 0.08 + 0.55 / (1 + Math.exp(-2 * (s + 1.5)));
    }

    static double valLoss(double strength) {
        double s = Math.log10(strength);
        return trainLoss(strength) + 0.35 / (1 + Math.exp(2 * (s + 3.5)));
    }

    /** Validation curve with bands, best and 1-SE markers, verdict regions and the λ = 0 baseline. */
    static LineChart validationCurve(long seed) {
        Random rnd = new Random(seed);
        double[] x = strengths();
        double[] tr = new double[x.length];
        double[] trSd = new double[x.length];
        double[] va = new double[x.length];
        double[] vaSd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            tr[i] = trainLoss(x[i]) + 0.005 * rnd.nextGaussian();
            trSd[i] = 0.01 + 0.005 * rnd.nextDouble();
            va[i] = valLoss(x[i]) + 0.01 * rnd.nextGaussian();
            vaSd[i] = 0.02 + 0.02 * rnd.nextDouble();
        }
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (va[i] < va[best]) {
                best = i;
            }
        }
        int oneSe = best;
        for (int i = best + 1; i < x.length; i++) {
            if (va[i] <= va[best] + vaSd[best] / Math.sqrt(5)) {
                oneSe = i;
            }
        }
        return LineChart.builder("Validation curve (L2 on all dense layers, 5 repeats)", "penalty strength λ (log scale)",
                        "data loss (cross-entropy, nats)")
                .logX()
                .series(Series.meanStd("training", x, tr, trSd).asDashed())
                .series(Series.meanStd("validation", x, va, vaSd))
                .marker(x[best], "best λ = " + String.format(java.util.Locale.ROOT, "%.1e", x[best]))
                .marker(x[oneSe], "1-SE λ = " + String.format(java.util.Locale.ROOT, "%.1e", x[oneSe]))
                .region(x[0], 1e-4, "OVERFITTING")
                .region(1e-4, 1e-2, "GOOD")
                .region(1e-2, x[x.length - 1], "UNDERFITTING")
                .reference(valLoss(1e-9), "validation, no penalty (λ = 0)")
                .build();
    }

    /** Data loss per epoch for the unregularized and the best candidate; the unregularized one overfits. */
    static LineChart trainingCurves() {
        int epochs = 40;
        double[] ep = new double[epochs];
        double[] tr0 = new double[epochs];
        double[] va0 = new double[epochs];
        double[] trB = new double[epochs];
        double[] vaB = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            ep[e] = e + 1;
            tr0[e] = 0.05 + 0.65 * Math.exp(-e / 6.0);
            va0[e] = 0.30 + 0.40 * Math.exp(-e / 5.0) + 0.004 * e;
            trB[e] = 0.15 + 0.55 * Math.exp(-e / 7.0);
            vaB[e] = 0.22 + 0.48 * Math.exp(-e / 6.0);
        }
        return LineChart.builder("Training curves", "epoch", "data loss (cross-entropy, nats)")
                .series(Series.line("λ = 0, training", ep, tr0).asDashed().withColour(1))
                .series(Series.line("λ = 0, validation", ep, va0).withColour(1))
                .series(Series.line("best λ, training", ep, trB).asDashed().withColour(0))
                .series(Series.line("best λ, validation", ep, vaB).withColour(0))
                .build();
    }

    /** Penalty term per epoch, spanning decades: a log y axis. A diverged run's NaN tail is dropped. */
    static LineChart penaltyTerm() {
        int epochs = 40;
        double[] ep = new double[epochs];
        double[] best = new double[epochs];
        double[] strong = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            ep[e] = e + 1;
            best[e] = 2e-3 * (1 + 3 * (1 - Math.exp(-e / 8.0)));
            strong[e] = e < 30 ? 0.5 * Math.exp(e / 6.0) : Double.NaN; // diverged at epoch 31
        }
        return LineChart.builder("Penalty term per epoch", "epoch", "penalty 0.5·λ·‖W‖² (nats)")
                .logY()
                .series(Series.line("best λ", ep, best))
                .series(Series.line("strongest λ (diverged)", ep, strong))
                .build();
    }

    /** Weight histograms of the unregularized and the best model (seeded Gaussian samples). */
    static HistogramChart weightHistograms(long seed) {
        Random rnd = new Random(seed);
        int bins = 40;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = -1.5 + 3.0 * b / bins;
        }
        double[] none = new double[bins];
        double[] best = new double[bins];
        for (int i = 0; i < 4352; i++) { // 2*64 + 64*64 + 64*2 weights
            add(none, edges, 0.45 * rnd.nextGaussian());
            add(best, edges, 0.18 * rnd.nextGaussian());
        }
        return new HistogramChart("Weight histograms, all layers", "weight value", "number of weights",
                List.of(new HistogramSeries("λ = 0", edges, none), new HistogramSeries("best λ", edges, best)));
    }

    private static void add(double[] counts, double[] edges, double v) {
        int b = (int) Math.floor((v - edges[0]) / (edges[1] - edges[0]));
        if (b >= 0 && b < counts.length) {
            counts[b]++;
        }
    }

    /** Per-layer weight L2 norm, unregularized vs best. */
    static BarChart layerNorms() {
        return new BarChart("Weight L2 norm per layer", "layer", "‖W‖₂ (Frobenius norm)",
                List.of("dense_0 (2→64)", "dense_1 (64→64)", "output (64→2)"),
                List.of(new BarSeries("λ = 0", new double[] {6.1, 28.9, 5.2}),
                        new BarSeries("best λ", new double[] {3.4, 11.7, 3.0})));
    }

    /** Loss against training-set size (log x). */
    static LineChart learningCurve() {
        double[] n = {50, 100, 200, 400, 800, 1600};
        double[] train = new double[n.length];
        double[] val = new double[n.length];
        double[] sd = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            train[i] = 0.25 - 0.15 / Math.sqrt(n[i] / 50);
            val[i] = 0.25 + 0.5 / Math.sqrt(n[i] / 50);
            sd[i] = 0.1 / Math.sqrt(n[i] / 50);
        }
        return LineChart.builder("Learning curve at the best λ", "training examples (log scale)", "data loss (cross-entropy, nats)")
                .logX()
                .series(Series.line("training", n, train).asDashed())
                .series(Series.meanStd("validation", n, val, sd))
                .build();
    }

    /** All demo charts in report order. */
    static List<Chart> all() {
        return List.of(validationCurve(42), trainingCurves(), penaltyTerm(), weightHistograms(7), layerNorms(), learningCurve());
    }

    /** A whole demo study report: summary, charts, verdict table, leaderboard and a diverged run. */
    static HtmlReport report() {
        HtmlReport r = new HtmlReport("Study: half-moons, L2 on dense layers (demo data)");
        java.util.Map<String, String> summary = new java.util.LinkedHashMap<>();
        summary.put("data", "moons.csv, 1000 rows, 2 features, 2 classes (SHA-256 3f2a…)");
        summary.put("split", "holdout 60/20/20, stratified, seed 42");
        summary.put("network", "MLP 2-64-64-2, ReLU, Adam lr 0.01, 40 epochs, batch 64");
        summary.put("penalty", "L2 on dense_0, dense_1, output; 13 strengths 10⁻⁶ … 1 plus λ = 0; 5 repeats");
        summary.put("best (min validation loss)", "λ = 3.2e-3, test accuracy 0.962 ± 0.006");
        summary.put("1-SE choice", "λ = 3.2e-3, test accuracy 0.962 ± 0.006");
        summary.put("verdicts", "OVERFITTING 5, GOOD 4, UNDERFITTING 4, DIVERGED 1");
        summary.put("note from the spec", "<script>alert('x')</script> & \"quotes\"");
        r.heading(2, "Summary").keyValues("Setup and choice", summary);
        r.alerts("Diverged and failed runs", List.of("λ = 1, seed 3: diverged at epoch 31 (data loss became NaN)",
                "λ = 1, seed 4: failed: out of memory <simulated>"));
        r.heading(2, "Validation curve")
                .chart(validationCurve(42), "Training and validation data loss (without the penalty) against strength; "
                        + "mean ± 1 std over 5 repeats. The dashed horizontal line is the unregularized baseline (λ = 0).");
        r.heading(2, "Training curves")
                .chart(trainingCurves(), "Data loss per epoch for λ = 0 and the best λ.")
                .chart(penaltyTerm(), "Penalty term per epoch (log scale); the strongest candidate diverged at epoch 31.");
        r.heading(2, "Learning curve").chart(learningCurve(), "Data loss against training-set size at the best λ.");
        r.heading(2, "Weights")
                .chart(layerNorms(), "Frobenius norm of each layer's weight matrix.")
                .chart(weightHistograms(7), "All weights of the unregularized and the best model.");
        r.heading(2, "Verdicts").table("Verdict per strength", List.of("λ", "train loss", "val loss", "gap", "verdict", "evidence"),
                List.of(List.of("1.0e-6", "0.085", "0.437", "0.352", "OVERFITTING", "gap > 0.1 and val > λ=0 val − 2 se"),
                        List.of("3.2e-3", "0.145", "0.168", "0.023", "GOOD", "minimum validation loss"),
                        List.of("1.0e+0", "NaN", "NaN", "", "DIVERGED", "loss NaN at epoch 31 (seed 3)")));
        r.heading(2, "Provenance").preformatted("regstudy 0.1.0, DL4J 1.0.0-M2.1, Java 17, Linux amd64, OMP_NUM_THREADS=1");
        return r;
    }
}
