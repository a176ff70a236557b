package org.regstudy.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.regstudy.common.BadInputException;
import org.regstudy.common.Provenance;
import org.regstudy.diagnosis.CurvePoint;
import org.regstudy.diagnosis.LearningCurvePoint;
import org.regstudy.diagnosis.Selection;
import org.regstudy.diagnosis.SweepReading;
import org.regstudy.inspect.Histogram;
import org.regstudy.inspect.WeightStats;
import org.regstudy.search.ResultStore;
import org.regstudy.search.RunRecord;
import org.regstudy.search.StudySummary;
import org.regstudy.search.StudySummary.CandidateSummary;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.RunStatus;

/**
 * The HTML report of a finished study or search, built from its result directory alone
 * ({@code job.json}, {@code summary.json}, {@code runs/*.json}, {@code spec.json}); it makes no
 * assumption about the kind of job, the number of layers or the parameter names, and tolerates
 * NaN values and candidates whose runs all diverged or failed.
 *
 * <p>Sections: summary (with alerts for diverged and failed runs), validation curve (data loss and
 * headline metric against strength), training curves, learning curve (when the study has one),
 * weights (per-layer L2 norm and sparsity against strength, histograms of the best against the
 * unregularized model), verdicts with their evidence, leaderboard, provenance and the spec.
 *
 * <p>The strength of a candidate on the x axes is its {@code strength} parameter as written in the
 * spec when every candidate has one (a study), otherwise the summed DL4J strength of its penalty
 * plan ({@link CandidateSummary#strength()}, a search). Strength 0 has no place on a log axis: the
 * unregularized candidate is drawn as a horizontal reference line.
 */
public final class StudyReport {
    /** Name of the report inside a result directory. */
    public static final String FILE_NAME = "report.html";
    /** Result files larger than this are refused (a result directory is untrusted input). */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** The summary rows counting the sweep readings and the rules verdicts, one of each per candidate. */
    static final String SWEEP_READINGS = "sweep readings (one per candidate)";
    static final String RULES_VERDICTS = "rules verdicts across repeats (one per candidate)";
    /** At most this many weight arrays get a histogram chart. */
    static final int MAX_HISTOGRAMS = 8;

    private StudyReport() {
    }

    /** What the report is built from: the summary and every stored run record of one result directory. */
    public record Inputs(Path dir, String kind, StudySummary summary, List<RunRecord> runs, String specJson) {
        public Inputs {
            Objects.requireNonNull(summary, "summary");
            runs = List.copyOf(runs);
        }

        /**
         * Runs that {@code summary.json} counts but {@code runs/} holds no record of: per candidate,
         * {@code completed + diverged + failed} runs with ids {@code <candidate>-r<repeat>}, repeat
         * {@code 0..repeats-1} (with k-fold, {@code (completed + diverged + failed) / repeats} folds and
         * {@code -f<fold>}), minus the records read.
         *
         * @return how many are missing, and the ids of those whose id follows from the counts
         */
        public MissingRecords missingRecords() {
            java.util.Set<String> present = new java.util.HashSet<>();
            Map<String, Integer> perCandidate = new java.util.HashMap<>();
            for (RunRecord run : runs) {
                present.add(run.id());
                perCandidate.merge(run.candidateId(), 1, Integer::sum);
            }
            int repeats = summary.repeats();
            int count = 0;
            List<String> ids = new ArrayList<>();
            for (CandidateSummary c : summary.candidates()) {
                int n = c.completed() + c.diverged() + c.failed();
                if (repeats > 0 && n % repeats == 0) {
                    int folds = n / repeats;
                    for (int f = 0; f < folds; f++) {
                        for (int rep = 0; rep < repeats; rep++) {
                            String id = RunRecord.idOf(c.id(), rep, folds > 1 ? f : -1);
                            if (!present.contains(id)) {
                                count++;
                                ids.add(id);
                            }
                        }
                    }
                } else {
                    count += Math.max(0, n - perCandidate.getOrDefault(c.id(), 0));
                }
            }
            return new MissingRecords(count, summary.runs(), ids);
        }
    }

    /**
     * Runs of {@code summary.json} without a record in {@code runs/} (see {@link Inputs#missingRecords}).
     *
     * @param count how many are missing
     * @param listed how many runs {@code summary.json} counts
     * @param ids the missing runs' ids, in candidate, fold and repeat order
     */
    public record MissingRecords(int count, int listed, List<String> ids) {
        /** How many ids {@link #warning} names. */
        static final int NAMED = 5;

        public MissingRecords {
            ids = List.copyOf(ids);
        }

        /**
         * One line for stderr and the report, e.g. "24 of the 24 runs counted in summary.json have no
         * record in runs/ (s00-r0, s00-r1, s01-r0, s01-r1, s02-r0 and 19 more): ..."; null when none is missing.
         */
        public String warning() {
            if (count == 0) {
                return null;
            }
            int shown = Math.min(NAMED, ids.size());
            String named = shown == 0 ? ""
                    : " (" + String.join(", ", ids.subList(0, shown)) + (count > shown ? " and " + (count - shown) + " more" : "") + ")";
            return count + " of the " + listed + " runs counted in summary.json " + (count == 1 ? "has" : "have")
                    + " no record in runs/" + named + ": this report leaves out their training curves, weight"
                    + " statistics and histograms; restore the files from a copy of the result directory";
        }
    }

    /**
     * Reads a result directory.
     *
     * @throws BadInputException when {@code dir} is not a result directory, the job has not finished
     *     (no {@code summary.json}), or a file is unreadable or too large
     */
    public static Inputs read(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a directory; give a result directory written by 'regstudy study' or 'regstudy search'");
        }
        checkSize(dir.resolve("job.json"));
        ResultStore store = ResultStore.read(dir);
        StudySummary summary = store.readSummary();
        String spec = null;
        Path specFile = dir.resolve("spec.json");
        if (Files.isRegularFile(specFile)) {
            checkSize(specFile);
            try {
                spec = Files.readString(specFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(specFile + ": unreadable: " + e.getMessage());
            }
        }
        // readAllStrict refuses records over ResultStore.MAX_RECORD_BYTES (= MAX_FILE_BYTES) before parsing them;
        // a missing runs/ reads as an empty one: missingRecords() then names every run
        return new Inputs(dir, store.job().kind(), summary, store.readAllStrict(), spec);
    }

    private static void checkSize(Path f) {
        try {
            if (Files.isRegularFile(f) && Files.size(f) > MAX_FILE_BYTES) {
                throw new BadInputException(f + ": " + Files.size(f) + " bytes, more than the limit of " + MAX_FILE_BYTES
                        + " for a result file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code dir}, writes the report atomically to {@code out} (null: {@code dir/report.html})
     * and, when {@code pngDir} is not null, every chart as {@code figure-NN.png} into it.
     *
     * @return the report file
     */
    public static Path write(Path dir, Path out, Path pngDir) {
        return write(read(dir), out, pngDir);
    }

    /** As {@link #write(Path, Path, Path)}, from what {@link #read} returned. */
    public static Path write(Inputs in, Path out, Path pngDir) {
        return write(build(in), out != null ? out : in.dir().resolve(FILE_NAME), pngDir);
    }

    /**
     * Writes a built report to {@code file} and its charts into {@code pngDir} (when not null) as
     * one step: nothing is replaced or left half-written when one of them cannot be written.
     *
     * @return {@code file}
     * @throws BadInputException "cannot write FILE (reason)" when a file cannot be written there
     */
    public static Path write(HtmlReport page, Path file, Path pngDir) {
        try {
            page.write(file, pngDir);
        } catch (UncheckedIOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return file;
    }

    /** Builds the page from what {@link #read} returned. */
    public static HtmlReport build(Inputs in) {
        return new Builder(in).build();
    }

    /** The x coordinate of a candidate (see the class comment). */
    static double strengthOf(CandidateSummary c, boolean specStrengths) {
        if (specStrengths && c.parameters() != null && c.parameters().get("strength") instanceof Number n) {
            return n.doubleValue();
        }
        return c.strength();
    }

    private static final class Builder {
        private final Inputs in;
        private final StudySummary s;
        private final boolean specStrengths;
        private final String lambda;
        private final String xLabel;
        private final List<CandidateSummary> byStrength;
        private final Map<String, List<RunRecord>> runsOf = new LinkedHashMap<>();
        private final HtmlReport r;

        Builder(Inputs in) {
            this.in = in;
            this.s = in.summary();
            this.specStrengths = !s.candidates().isEmpty() && s.candidates().stream()
                    .allMatch(c -> c.parameters() != null && c.parameters().get("strength") instanceof Number);
            this.lambda = specStrengths ? "λ" : "Σλ";
            this.xLabel = specStrengths ? "penalty strength λ (as in the spec, log scale)"
                    : "total penalty strength Σλ (DL4J, summed over layers; log scale)";
            this.byStrength = s.candidates().stream().sorted(Comparator.comparingDouble(this::x)).toList();
            for (CandidateSummary c : s.candidates()) {
                runsOf.put(c.id(), new ArrayList<>());
            }
            for (RunRecord run : in.runs()) {
                runsOf.computeIfAbsent(run.candidateId(), k -> new ArrayList<>()).add(run);
            }
            String kind = s.kind() == null ? in.kind() : s.kind();
            this.r = new HtmlReport(capitalize(kind) + ": " + s.name() + (s.penalty() == null ? "" : " (" + s.penalty() + ")"));
        }

        double x(CandidateSummary c) {
            return strengthOf(c, specStrengths);
        }

        String lam(CandidateSummary c) {
            return lambda + " = " + SummaryText.num(x(c));
        }

        HtmlReport build() {
            summary();
            validationCurve();
            trainingCurves();
            learningCurve();
            weights();
            verdicts();
            leaderboard();
            provenance();
            return r;
        }

        // ---- summary ----

        private void summary() {
            r.heading(2, "Summary");
            MissingRecords missing = in.missingRecords();
            if (missing.count() > 0) {
                r.alerts("Missing run records", List.of(missing.warning()));
            }
            Map<String, String> kv = new LinkedHashMap<>();
            kv.put("job", s.kind() + " " + s.name());
            kv.put("data", s.data());
            kv.put("dataset SHA-256", dataFingerprint());
            kv.put("split", s.split());
            kv.put("network", s.network());
            kv.put("penalty", s.penalty());
            kv.put("strengths", strengths());
            kv.put("total DL4J strength", "what the selection rule and \"stronger\" compare: a candidate's strength in"
                    + " DL4J's convention (Keras' l2(x) is DL4J's 2x), summed over the layers it penalizes;"
                    + " runs.csv's strength column");
            kv.put("repeats", s.repeats() + " (base seed " + s.seed() + ")");
            kv.put("runs", s.runs() + ": " + s.completed() + " completed, " + s.diverged() + " diverged, " + s.failed() + " failed"
                    + (missing.count() > 0 ? " (as summary.json counts them; " + missing.count() + " without a record in runs/)" : ""));
            Selection sel = s.selection();
            if (sel == null) {
                kv.put("best", "no candidate completed all its runs: no selection");
            } else {
                kv.put("best (lowest mean validation loss)", SummaryText.choice(s, sel.best().candidateId(), s.bestTest()));
                kv.put("1-SE (strongest within one SE of the best)",
                        SummaryText.choice(s, sel.oneStandardError().candidateId(), s.oneStandardErrorTest()));
                if (sel.explanation() != null) {
                    kv.put("selection rule", sel.explanation());
                }
                if (s.baselineTest() != null) {
                    kv.put("unregularized baseline", SummaryText.choice(s, s.baselineTest().candidateId(), s.baselineTest()));
                }
            }
            kv.put(SWEEP_READINGS, sweepReadingCounts());
            kv.put(RULES_VERDICTS, rulesVerdictCounts());
            String improving = SummaryText.stillImprovingList(s.candidates());
            if (improving != null) {
                kv.put(SummaryText.STILL_IMPROVING, improving);
            }
            r.keyValues("Setup and outcome", kv);
            List<String> alerts = new ArrayList<>();
            for (RunRecord run : in.runs()) {
                if (run.status() != RunStatus.COMPLETED) {
                    alerts.add(run.id() + " (candidate " + run.candidateId() + ", " + params(run) + ", seed " + run.seed() + "): "
                            + run.status() + " after " + run.epochsRun() + " epochs: " + (run.reason() == null || run.reason().isBlank()
                            ? "no reason recorded" : run.reason()));
                } else if (run.weights() != null) {
                    // a completed run whose kept weights hold NaN or infinities: its norms cover the finite ones only
                    long bad = run.weights().stream().mapToLong(org.regstudy.inspect.WeightStats::nonFinite).sum();
                    if (bad > 0) {
                        alerts.add(run.id() + " (candidate " + run.candidateId() + ", " + params(run) + "): completed, but "
                                + bad + " of its weights are NaN or infinite; its weight norms and histograms leave them out");
                    }
                }
            }
            if (s.problems() != null) {
                // the summary names every diverged or failed run too: only those without a record here are new
                for (String problem : s.problems()) {
                    if (in.runs().stream().noneMatch(run -> problem.startsWith(run.id() + " "))) {
                        alerts.add(problem);
                    }
                }
            }
            r.alerts("Diverged and failed runs, problems", alerts);
        }

        private String params(RunRecord run) {
            for (CandidateSummary c : s.candidates()) {
                if (c.id().equals(run.candidateId())) {
                    return lam(c);
                }
            }
            return lambda + " = " + SummaryText.num(run.strength());
        }

        private String dataFingerprint() {
            return in.runs().stream().filter(x -> x.provenance() != null && x.provenance().dataFingerprint() != null)
                    .map(x -> x.provenance().dataFingerprint()).findFirst().orElse("-");
        }

        private String strengths() {
            if (specStrengths && byStrength.size() <= 20) {
                return String.join(", ", byStrength.stream().map(c -> SummaryText.num(x(c))).toList()) + " ("
                        + byStrength.size() + " candidates)";
            }
            // the count is of all candidates, the unregularized ones included (a search's "base" is one of them)
            double[] positive = byStrength.stream().mapToDouble(this::x).filter(v -> v > 0).toArray();
            long zero = byStrength.stream().filter(c -> x(c) == 0).count();
            int n = s.candidates().size();
            String range = positive.length == 0 ? ""
                    : positive.length == 1 ? lambda + " = " + SummaryText.num(positive[0])
                    : lambda + " from " + SummaryText.num(java.util.Arrays.stream(positive).min().getAsDouble()) + " to "
                            + SummaryText.num(java.util.Arrays.stream(positive).max().getAsDouble());
            String head = n + (n == 1 ? " candidate" : " candidates");
            if (zero == 0) {
                return head + (range.isEmpty() ? "" : ", " + range);
            }
            if (positive.length == 0 && zero > 1) {
                return head + ", all unregularized (" + lambda + " = 0)";
            }
            String unregularized = (zero == 1 ? "the unregularized baseline" : zero + " unregularized") + " (" + lambda + " = 0)";
            return head + ": " + unregularized + (range.isEmpty() ? "" : " and " + positive.length + " with " + range);
        }

        /**
         * The sweep reading counts of {@code summary.json}'s {@code verdictCounts} (one reading per candidate), in
         * {@link org.regstudy.diagnosis.Verdict} order; its DIVERGED_RUNS and FAILED_RUNS count runs and are on the runs line.
         */
        private String sweepReadingCounts() {
            if (s.verdictCounts() == null || s.verdictCounts().isEmpty()) {
                return "-";
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (org.regstudy.diagnosis.Verdict v : org.regstudy.diagnosis.Verdict.values()) {
                if (s.verdictCounts().containsKey(v.name())) {
                    counts.put(v.name(), s.verdictCounts().get(v.name()));
                }
            }
            s.verdictCounts().forEach((k, v) -> {
                if (!k.endsWith("_RUNS")) {
                    counts.putIfAbsent(k, v);
                }
            });
            return counts(counts);
        }

        /** The rules verdicts across repeats, one per candidate, as the verdict table's "rules (repeats)" column shows them. */
        private String rulesVerdictCounts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (org.regstudy.diagnosis.Verdict v : org.regstudy.diagnosis.Verdict.values()) {
                counts.put(v.name(), 0);
            }
            for (CandidateSummary c : s.candidates()) {
                String v = c.repeats() != null ? c.repeats().verdict().name()
                        : c.diverged() > 0 ? "DIVERGED" : c.failed() > 0 ? "FAILED" : "no completed run";
                counts.merge(v, 1, Integer::sum);
            }
            return counts(counts);
        }

        private static String counts(Map<String, Integer> counts) {
            List<String> parts = new ArrayList<>();
            counts.forEach((k, v) -> parts.add(k + " " + v));
            return String.join(", ", parts);
        }

        // ---- validation curve ----

        private CandidateSummary baseline() {
            return byStrength.stream().filter(c -> x(c) == 0).findFirst().orElse(null);
        }

        private CandidateSummary find(String id) {
            return id == null ? null : s.candidates().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }

        private void validationCurve() {
            r.heading(2, "Validation curve");
            List<CandidateSummary> pos = byStrength.stream().filter(c -> x(c) > 0).toList();
            if (pos.isEmpty()) {
                r.paragraph("No candidate with a positive strength: there is no curve to draw.");
                return;
            }
            double[] xs = pos.stream().mapToDouble(this::x).toArray();
            String metric = s.metric() == null ? "metric" : s.metric();
            String metricLabel = "rmse".equals(metric) ? "RMSE (target units)" : metric + " (fraction)";
            LineChart loss = curve("Validation curve: data loss against strength", "data loss without penalty (mean ± 1 std)",
                    Series.meanStd("training", xs, col(pos, CurvePoint::meanTrainLoss), std(pos, CurvePoint::stdTrainLoss)).asDashed()
                            .withColour(0),
                    Series.meanStd("validation", xs, col(pos, CurvePoint::meanValidationLoss), std(pos, CurvePoint::stdValidationLoss))
                            .withColour(1),
                    CurvePoint::meanTrainLoss, CurvePoint::meanValidationLoss);
            int n = s.repeats();
            r.chart(loss, "Training (dashed) and validation (solid) data loss at the kept epoch, mean ± 1 std over up to " + n
                    + " repeat(s); shaded: the sweep reading of each strength; dashed verticals: best and 1-SE choices; grey"
                    + " horizontals: the unregularized baseline (λ = 0) when the study has one." + markerNote());
            LineChart met = curve("Validation curve: " + metric + " against strength", metricLabel + " (mean ± 1 std)",
                    Series.meanStd("training " + metric, xs, col(pos, CurvePoint::meanTrainMetric), std(pos, CurvePoint::stdTrainMetric))
                            .asDashed().withColour(0),
                    Series.meanStd("validation " + metric, xs, col(pos, CurvePoint::meanValidationMetric),
                            std(pos, CurvePoint::stdValidationMetric)).withColour(1),
                    CurvePoint::meanTrainMetric, CurvePoint::meanValidationMetric);
            r.chart(met, "Training (dashed) and validation (solid) " + metric + " at the kept epoch, mean ± 1 std over repeats.");
        }

        private String markerNote() {
            Selection sel = s.selection();
            if (sel == null) {
                return " No selection: no candidate completed all its runs.";
            }
            CandidateSummary b = find(sel.best().candidateId());
            if (b != null && x(b) <= 0) {
                return " The best choice is the unregularized baseline (λ = 0), which has no position on the log axis.";
            }
            return "";
        }

        private LineChart curve(String title, String yLabel, Series train, Series val, ToDoubleFunction<CurvePoint> trainRef,
                                ToDoubleFunction<CurvePoint> valRef) {
            LineChart.Builder b = LineChart.builder(title, xLabel, yLabel).logX().series(train).series(val);
            Selection sel = s.selection();
            if (sel != null) {
                CandidateSummary best = find(sel.best().candidateId());
                CandidateSummary one = find(sel.oneStandardError().candidateId());
                if (best != null && one != null && best == one && x(best) > 0) {
                    b.marker(x(best), "best = 1-SE " + lam(best));
                } else {
                    if (best != null && x(best) > 0) {
                        b.marker(x(best), "best " + lam(best));
                    }
                    if (one != null && x(one) > 0) {
                        b.marker(x(one), "1-SE " + lam(one));
                    }
                }
            }
            for (Region reg : regions()) {
                b.region(reg.from(), reg.to(), reg.label());
            }
            CandidateSummary base = baseline();
            if (base != null && base.point() != null) {
                double tv = trainRef.applyAsDouble(base.point());
                double vv = valRef.applyAsDouble(base.point());
                if (Double.isFinite(vv)) {
                    b.reference(vv, "validation, no penalty (λ = 0)");
                }
                if (Double.isFinite(tv)) {
                    b.reference(tv, "training, no penalty (λ = 0)");
                }
            }
            return b.build();
        }

        /** Verdict regions: each positive strength owns the log-x range up to the geometric midpoints with its neighbours. */
        private List<Region> regions() {
            List<CandidateSummary> pos = byStrength.stream().filter(c -> x(c) > 0).toList();
            List<Region> out = new ArrayList<>();
            if (pos.isEmpty()) {
                return out;
            }
            double[] xs = pos.stream().mapToDouble(this::x).toArray();
            String curLabel = null;
            double curFrom = 0;
            double curTo = 0;
            // a lone strength owns the range the charts give a single value (v/2 .. 2v)
            double[] lone = xs.length == 1 ? Charts.aroundSingleValue(xs[0], true) : null;
            for (int i = 0; i < xs.length; i++) {
                double lo = i == 0 ? (lone != null ? lone[0] : xs[0] / Math.sqrt(xs[1] / xs[0])) : Math.sqrt(xs[i - 1] * xs[i]);
                double hi = i == xs.length - 1 ? (lone != null ? lone[1] : xs[i] * Math.sqrt(xs[i] / xs[i - 1]))
                        : Math.sqrt(xs[i] * xs[i + 1]);
                if (!(hi > lo)) {
                    continue; // equal strengths share one range
                }
                String label = verdictLabel(pos.get(i));
                if (label.equals(curLabel) && lo <= curTo) {
                    curTo = hi;
                } else {
                    if (curLabel != null) {
                        out.add(new Region(curFrom, curTo, curLabel));
                    }
                    curLabel = label;
                    curFrom = lo;
                    curTo = hi;
                }
            }
            if (curLabel != null) {
                out.add(new Region(curFrom, curTo, curLabel));
            }
            return out;
        }

        private String verdictLabel(CandidateSummary c) {
            if (c.completed() == 0 && c.diverged() > 0) {
                return "DIVERGED";
            }
            if (c.completed() == 0 && c.failed() > 0) {
                return "FAILED";
            }
            SweepReading sw = c.sweep();
            return sw == null ? "NO READING" : sw.verdict().name();
        }

        private static double[] col(List<CandidateSummary> cs, ToDoubleFunction<CurvePoint> f) {
            return cs.stream().mapToDouble(c -> c.point() == null ? Double.NaN : f.applyAsDouble(c.point())).toArray();
        }

        /** Standard deviations with NaN (one repeat) as 0, so the band collapses onto the line. */
        private static double[] std(List<CandidateSummary> cs, ToDoubleFunction<CurvePoint> f) {
            return cs.stream().mapToDouble(c -> {
                double v = c.point() == null ? Double.NaN : f.applyAsDouble(c.point());
                return Double.isNaN(v) ? 0 : v;
            }).toArray();
        }

        // ---- training curves ----

        /** Unregularized (or weakest), best and strongest candidates, each once, with its role. */
        private Map<CandidateSummary, String> featured() {
            Map<CandidateSummary, String> out = new LinkedHashMap<>();
            if (byStrength.isEmpty()) {
                return out;
            }
            CandidateSummary weakest = byStrength.get(0);
            out.put(weakest, x(weakest) == 0 ? "unregularized" : "weakest");
            Selection sel = s.selection();
            CandidateSummary best = sel == null ? null : find(sel.best().candidateId());
            if (best != null) {
                out.merge(best, "best", (a, b2) -> a + ", " + b2);
            }
            CandidateSummary strongest = byStrength.get(byStrength.size() - 1);
            out.merge(strongest, "strongest", (a, b2) -> a + ", " + b2);
            return out;
        }

        /** The runs a candidate's training curves average: its completed ones, or all of them when none completed. */
        private List<RunRecord> curveRuns(CandidateSummary c) {
            List<RunRecord> runs = runsOf.getOrDefault(c.id(), List.of());
            List<RunRecord> ok = runs.stream().filter(x -> x.status() == RunStatus.COMPLETED).toList();
            return ok.isEmpty() ? runs : ok;
        }

        /** Mean over the candidate's {@link #curveRuns} of {@code f} at each recorded epoch; NaN values skipped. */
        private double[][] perEpoch(CandidateSummary c, ToDoubleFunction<EpochRecord> f) {
            TreeMap<Integer, double[]> acc = new TreeMap<>(); // epoch -> {sum, count}
            for (RunRecord run : curveRuns(c)) {
                if (run.history() == null) {
                    continue;
                }
                for (EpochRecord e : run.history()) {
                    double v = f.applyAsDouble(e);
                    double[] a = acc.computeIfAbsent(e.epoch(), k -> new double[2]);
                    if (Double.isFinite(v)) {
                        a[0] += v;
                        a[1]++;
                    }
                }
            }
            double[] xs = new double[acc.size()];
            double[] ys = new double[acc.size()];
            int i = 0;
            for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
                xs[i] = e.getKey();
                ys[i++] = e.getValue()[1] == 0 ? Double.NaN : e.getValue()[0] / e.getValue()[1];
            }
            return new double[][] {xs, ys};
        }

        private void trainingCurves() {
            r.heading(2, "Training curves");
            Map<CandidateSummary, String> featured = featured();
            if (featured.isEmpty() || in.runs().isEmpty()) {
                r.paragraph("No run records: no training curves.");
                return;
            }
            LineChart.Builder loss = LineChart.builder("Training curves: data loss per epoch", "epoch",
                    "data loss without penalty (mean over repeats)");
            LineChart.Builder pen = LineChart.builder("Penalty term per epoch", "epoch", "penalty term (score units, log scale)").logY();
            List<Double> lossValues = new ArrayList<>();
            int colour = 0;
            boolean anyPenalty = false;
            List<String> unrecorded = new ArrayList<>();
            List<String> noLines = new ArrayList<>();
            for (Map.Entry<CandidateSummary, String> e : featured.entrySet()) {
                CandidateSummary c = e.getKey();
                String name = c.id() + " " + e.getValue() + " (" + lam(c) + ")";
                List<RunRecord> empty = curveRuns(c).stream().filter(x -> x.history() == null || x.history().isEmpty()).toList();
                boolean noLine = !empty.isEmpty() && empty.size() == curveRuns(c).size();
                if (!empty.isEmpty()) {
                    unrecorded.add("Candidate " + c.id() + " (" + e.getValue() + ", " + lam(c) + ") "
                            + (noLine ? "has no recorded epoch, so its legend entries have no line" : "is drawn without "
                            + (empty.size() == 1 ? "a run" : empty.size() + " runs") + " with no recorded epoch") + ": "
                            + String.join("; ", empty.stream().map(this::noRecord).toList()) + ".");
                    if (noLine) {
                        noLines.add(c.id());
                    }
                }
                String suffix = noLine ? " (no recorded epoch)" : "";
                double[][] tr = perEpoch(c, EpochRecord::trainLoss);
                double[][] va = perEpoch(c, EpochRecord::validationLoss);
                loss.series(Series.line(name + ", training" + suffix, tr[0], tr[1]).asDashed().withColour(colour));
                loss.series(Series.line(name + ", validation" + suffix, va[0], va[1]).withColour(colour));
                for (double v : tr[1]) {
                    lossValues.add(v);
                }
                for (double v : va[1]) {
                    lossValues.add(v);
                }
                double[][] p = perEpoch(c, EpochRecord::penalty);
                if (java.util.Arrays.stream(p[1]).anyMatch(v -> v > 0 && Double.isFinite(v))) {
                    pen.series(Series.line(name, p[0], p[1]).withColour(colour));
                    anyPenalty = true;
                }
                colour++;
            }
            boolean logLoss = spansDecades(lossValues, 2);
            if (logLoss) {
                loss.logY();
            }
            String noRecords = unrecorded.isEmpty() ? "" : " " + String.join(" ", unrecorded);
            r.chart(loss.build(), "Data loss (without the penalty) per recorded epoch" + (logLoss ? " (log scale: the losses"
                    + " span more than two decades)" : "") + ", training dashed and validation solid, one"
                    + " colour per candidate; mean over the candidate's completed repeats (all its runs when none completed;"
                    + " a diverged run's line ends where its loss became non-finite)." + noRecords);
            String penNote = noLines.isEmpty() ? "" : (noLines.size() == 1 ? " Candidate " + noLines.get(0) + " has"
                    : " Candidates " + String.join(", ", noLines) + " have") + " no recorded epoch (see the training curves) and no"
                    + " penalty term to draw.";
            if (anyPenalty) {
                r.chart(pen.build(), "The penalty term the network adds to its score (sum over layers), mean over repeats;"
                        + " the unregularized candidate has none and is not drawn." + penNote);
            } else {
                r.paragraph("No featured candidate has a positive penalty term: no penalty chart." + penNote);
            }
        }

        /**
         * Why a run has no recorded epoch, e.g. "s02-r0 diverged at epoch 8, before the first recorded epoch (20):
         * epoch 8: non-finite training score Infinity".
         */
        private String noRecord(RunRecord run) {
            int first = firstRecordedEpoch();
            String what = switch (run.status()) {
                case DIVERGED -> "diverged at epoch " + run.epochsRun();
                case FAILED -> "failed after " + run.epochsRun() + (run.epochsRun() == 1 ? " epoch" : " epochs");
                default -> run.status().name().toLowerCase(Locale.ROOT) + " after " + run.epochsRun() + " epochs";
            };
            String when = first > 0 && run.epochsRun() < first ? ", before the first recorded epoch (" + first + ")"
                    : ", before any epoch was recorded";
            String reason = run.reason() == null || run.reason().isBlank() ? "" : ": " + run.reason();
            return run.id() + " " + what + when + reason;
        }

        /** The first epoch a run records ({@code training.recordEvery}, or the last if sooner); -1 when spec.json does not say. */
        private int firstRecordedEpoch() {
            if (in.specJson() == null) {
                return -1;
            }
            try {
                var training = org.regstudy.search.ResultJson.mapper().readTree(in.specJson()).path("training");
                int every = training.path("recordEvery").asInt(-1);
                int epochs = training.path("epochs").asInt(-1);
                return every <= 0 ? -1 : epochs > 0 ? Math.min(every, epochs) : every;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static boolean spansDecades(List<Double> values, double decades) {
            double lo = values.stream().filter(v -> v > 0 && Double.isFinite(v)).mapToDouble(Double::doubleValue).min().orElse(1);
            double hi = values.stream().filter(v -> v > 0 && Double.isFinite(v)).mapToDouble(Double::doubleValue).max().orElse(1);
            return hi / lo > Math.pow(10, decades);
        }

        // ---- learning curve ----

        private void learningCurve() {
            StudySummary.LearningCurve lc = s.learningCurve();
            if (lc == null || lc.points() == null || lc.points().isEmpty()) {
                return;
            }
            r.heading(2, "Learning curve");
            List<LearningCurvePoint> pts = lc.points().stream().sorted(Comparator.comparingInt(LearningCurvePoint::trainSize)).toList();
            double[] xs = pts.stream().mapToDouble(LearningCurvePoint::trainSize).toArray();
            double[] tm = pts.stream().mapToDouble(LearningCurvePoint::meanTrainLoss).toArray();
            double[] ts = pts.stream().mapToDouble(p -> Double.isNaN(p.stdTrainLoss()) ? 0 : p.stdTrainLoss()).toArray();
            double[] vm = pts.stream().mapToDouble(LearningCurvePoint::meanValidationLoss).toArray();
            double[] vs = pts.stream().mapToDouble(p -> Double.isNaN(p.stdValidationLoss()) ? 0 : p.stdValidationLoss()).toArray();
            LineChart chart = LineChart.builder("Learning curve at " + lc.candidateId(), "training-set size (examples, log scale)",
                            "data loss without penalty (mean ± 1 std)").logX()
                    .series(Series.meanStd("training", xs, tm, ts).asDashed().withColour(0))
                    .series(Series.meanStd("validation", xs, vm, vs).withColour(1))
                    .build();
            String reading = lc.reading() == null ? "" : " Reading: " + lc.reading().reading() + ": " + lc.reading().explanation();
            r.chart(chart, "Training and validation data loss of candidate " + lc.candidateId()
                    + " trained on growing fractions of the training part." + reading);
        }

        // ---- weights ----

        private static boolean isBias(WeightStats w) {
            return "b".equals(w.param()) || "vb".equals(w.param());
        }

        private static String key(WeightStats w) {
            return w.layer() + " " + w.param();
        }

        /** Weight-array keys in the order the first run with weights lists them. */
        private List<String> weightKeys() {
            for (RunRecord run : in.runs()) {
                if (run.weights() != null && !run.weights().isEmpty()) {
                    return run.weights().stream().filter(w -> !isBias(w)).map(StudyReport.Builder::key).distinct().toList();
                }
            }
            return List.of();
        }

        private double meanStat(CandidateSummary c, String key, ToDoubleFunction<WeightStats> f) {
            double sum = 0;
            int n = 0;
            for (RunRecord run : runsOf.getOrDefault(c.id(), List.of())) {
                if (run.status() != RunStatus.COMPLETED || run.weights() == null) {
                    continue;
                }
                for (WeightStats w : run.weights()) {
                    if (key(w).equals(key)) {
                        double v = f.applyAsDouble(w);
                        if (Double.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        private void weights() {
            r.heading(2, "Weights");
            List<String> keys = weightKeys();
            if (keys.isEmpty()) {
                r.paragraph("The run records hold no weight statistics.");
                return;
            }
            List<CandidateSummary> pos = byStrength.stream().filter(c -> x(c) > 0).toList();
            CandidateSummary base = baseline();
            if (!pos.isEmpty()) {
                double[] xs = pos.stream().mapToDouble(this::x).toArray();
                LineChart.Builder norm = LineChart.builder("Weight L2 norm per layer against strength", xLabel,
                        "L2 norm ‖W‖₂ = sqrt(Σ w²) (mean over repeats)").logX();
                LineChart.Builder sparse = LineChart.builder("Weight sparsity per layer against strength", xLabel,
                        "sparsity (fraction of |w| < ε, mean over repeats)").logX();
                int k = 0;
                for (String key : keys) {
                    norm.series(Series.line(key, xs, pos.stream().mapToDouble(c -> meanStat(c, key, WeightStats::l2)).toArray())
                            .withColour(k));
                    sparse.series(Series.line(key, xs, pos.stream().mapToDouble(c -> meanStat(c, key, WeightStats::sparsity)).toArray())
                            .withColour(k));
                    k++;
                }
                r.chart(norm.build(), "Frobenius norm of each layer's weights at the end of training (completed runs), against the"
                        + " strength; the values at λ = 0 are in the table below.");
                r.chart(sparse.build(), "Fraction of each layer's weights with |w| below the sparsity threshold ε (by default"
                        + " 10⁻³ × max|w| of the array) or exactly zero.");
            }
            List<String> header = new ArrayList<>(List.of("candidate", lambda));
            for (String key : keys) {
                header.add(key + " ‖W‖₂");
                header.add(key + " sparsity");
            }
            List<List<String>> rows = new ArrayList<>();
            for (CandidateSummary c : byStrength) {
                List<String> row = new ArrayList<>(List.of(c.id(), SummaryText.num(x(c))));
                for (String key : keys) {
                    row.add(SummaryText.fixed(meanStat(c, key, WeightStats::l2)));
                    row.add(SummaryText.fixed(meanStat(c, key, WeightStats::sparsity)));
                }
                rows.add(row);
            }
            r.table("Weight L2 norm and sparsity per layer (mean over completed repeats; '-': no completed run)", header, rows);
            histograms(keys, base);
        }

        private RunRecord firstCompleted(CandidateSummary c) {
            return c == null ? null : runsOf.getOrDefault(c.id(), List.of()).stream()
                    .filter(x -> x.status() == RunStatus.COMPLETED && x.weights() != null && !x.weights().isEmpty())
                    .min(Comparator.comparingInt(RunRecord::repeat).thenComparing(RunRecord::id)).orElse(null);
        }

        private void histograms(List<String> keys, CandidateSummary base) {
            Selection sel = s.selection();
            CandidateSummary best = sel == null ? null : find(sel.best().candidateId());
            CandidateSummary unreg = base != null ? base : byStrength.get(0);
            List<CandidateSummary> shown = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (unreg != null && firstCompleted(unreg) != null) {
                shown.add(unreg);
                names.add((base != null ? "unregularized " : "weakest ") + unreg.id() + " (" + lam(unreg) + ")");
            }
            if (best != null && best != unreg && firstCompleted(best) != null) {
                shown.add(best);
                names.add("best " + best.id() + " (" + lam(best) + ")");
            }
            if (shown.isEmpty()) {
                r.paragraph("No completed run with weight statistics: no histograms.");
                return;
            }
            r.heading(3, "Weight histograms: best against unregularized");
            if (shown.size() == 1) {
                r.paragraph("The best candidate is the " + (base != null ? "unregularized" : "weakest") + " one (or has no completed"
                        + " run): its histograms are shown alone.");
            }
            int count = 0;
            for (String key : keys) {
                if (count++ >= MAX_HISTOGRAMS) {
                    r.paragraph("Histograms of " + (keys.size() - MAX_HISTOGRAMS) + " more weight arrays are left out.");
                    break;
                }
                List<HistogramSeries> series = new ArrayList<>();
                for (int i = 0; i < shown.size(); i++) {
                    RunRecord run = firstCompleted(shown.get(i));
                    for (WeightStats w : run.weights()) {
                        if (key(w).equals(key) && w.histogram() != null) {
                            series.add(densitySeries(names.get(i) + ", " + run.id(), w.histogram()));
                            break;
                        }
                    }
                }
                if (!series.isEmpty()) {
                    r.chart(new HistogramChart("Weights of " + key, "weight value", DENSITY_LABEL, series),
                            "Distribution of the " + key + " weights at the end of training (repeat 0 of each candidate),"
                                    + " as densities: each histogram has its own bins over its own range and an area of 1.",
                            HtmlReport.CHART_WIDTH, 360);
                }
            }
        }

        // ---- verdicts and leaderboard ----

        private void verdicts() {
            r.heading(2, "Verdicts");
            r.paragraph("The sweep reading compares a strength with the best point of the validation curve; the rules verdict"
                    + " applies the single-run rules (underfit, gap, rise) across repeats with t intervals. The evidence lists"
                    + " every rule with its numbers, fired or not.");
            List<List<String>> rows = new ArrayList<>();
            for (CandidateSummary c : byStrength) {
                String[] cells = SummaryText.row(c, s.metric());
                List<String> ev = new ArrayList<>();
                if (c.sweep() != null && c.sweep().reason() != null) {
                    ev.add("sweep: " + c.sweep().reason());
                }
                if (c.repeats() != null) {
                    ev.addAll(c.repeats().findings());
                } else {
                    ev.add("no completed run");
                }
                rows.add(List.of(c.id(), SummaryText.num(x(c)), cells[8], cells[6], cells[7], String.join(" | ", ev)));
            }
            r.table("Verdict and evidence per candidate", List.of("candidate", lambda, "runs", "sweep reading", "rules (repeats)",
                    "evidence"), rows);
        }

        private void leaderboard() {
            r.heading(2, "Leaderboard");
            List<List<String>> rows = new ArrayList<>();
            int rank = 1;
            for (CandidateSummary c : SummaryText.sorted(s, SummaryText.Sort.VAL_LOSS)) {
                rows.add(List.of(SummaryText.leaderboardRow(rank++, c, s.metric())));
            }
            r.table("Candidates by mean validation data loss (no completed run: last)",
                    List.of(SummaryText.leaderboardHeader(s.metric())), rows);
        }

        // ---- provenance ----

        private void provenance() {
            r.heading(2, "Provenance");
            Map<String, String> kv = new LinkedHashMap<>();
            Provenance p = s.provenance();
            if (p != null) {
                if (p.versions() != null) {
                    kv.put("versions", "RegStudy " + p.versions().regstudy() + ", Deeplearning4j " + p.versions().dl4j() + ", ND4J "
                            + p.versions().nd4j() + ", Arbiter " + p.versions().arbiter());
                }
                kv.put("JVM", p.jvm());
                kv.put("OS", p.os());
                kv.put("CPU", p.cpu());
                kv.put("threads", p.availableProcessors() + " available processors, OMP_NUM_THREADS " + p.ompNumThreads());
                kv.put("host", p.host());
            }
            kv.put("job hash (SHA-256 of the spec, the data and any configuration file)", s.jobHash());
            kv.put("dataset SHA-256", dataFingerprint());
            kv.put("seed", Long.toString(s.seed()));
            kv.put("result directory", in.dir().toAbsolutePath().normalize().toString());
            r.keyValues("Software, platform and data", kv);
            if (in.specJson() != null) {
                r.heading(3, "Specification (spec.json)");
                r.preformatted(in.specJson());
            }
        }
    }

    /**
     * Histogram bins as edges {@code min + i*(max-min)/bins}; a zero-width range is widened as an axis with one value
     * ({@link Charts#aroundSingleValue}: ±|min|/2, or ±0.5 around 0).
     */
    static HistogramSeries histogramSeries(String name, Histogram h) {
        long[] counts = h.counts();
        double min = h.min();
        double max = h.max();
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            double[] around = Charts.aroundSingleValue(Double.isFinite(min) ? min : 0, false);
            min = around[0];
            max = around[1];
        }
        double[] edges = new double[counts.length + 1];
        for (int i = 0; i <= counts.length; i++) {
            edges[i] = i == counts.length ? max : min + i * (max - min) / counts.length;
        }
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i];
        }
        return new HistogramSeries(name, edges, values);
    }

    /** The y label of {@link #densitySeries} charts. */
    static final String DENSITY_LABEL = "density (share of weights per unit of weight value)";

    /**
     * {@link #histogramSeries} as a density: bin {@code i} holds {@code counts[i] / (n * width_i)}, so that
     * every histogram's area is 1 and overlays of arrays of different sizes or value ranges (each
     * histogram has its own bins over its own min..max) compare by height. All zeros when {@code n} is 0.
     */
    static HistogramSeries densitySeries(String name, Histogram h) {
        HistogramSeries c = histogramSeries(name, h);
        double[] edges = c.edges();
        double[] counts = c.counts();
        double n = java.util.Arrays.stream(counts).sum();
        double[] density = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            density[i] = n == 0 ? 0 : counts[i] / (n * (edges[i + 1] - edges[i]));
        }
        return new HistogramSeries(name, edges, density);
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "Result" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
