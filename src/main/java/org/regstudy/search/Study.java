package org.regstudy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.dataset.DataSet;
import org.regstudy.data.Dataset;
import org.regstudy.data.NormalizedSplit;
import org.regstudy.data.Split;
import org.regstudy.diagnosis.LearningCurvePoint;
import org.regstudy.diagnosis.LearningCurves;
import org.regstudy.diagnosis.Selection;
import org.regstudy.diagnosis.Statistics;
import org.regstudy.network.NetworkFactory;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.StudySpec;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.RunStatus;

/**
 * A penalty-strength study: every strength of the spec (and the strength-0 baseline) times every
 * repeat, run through the {@link RunExecutor} into a {@link ResultStore}; then the validation
 * curve, verdicts, the best and 1-SE selections with their held-out test evaluation, an optional
 * learning curve at the best strength, and the summary and CSV files; the HTML report is {@link
 * org.regstudy.report.StudyReport#write} (the CLI writes it after a study, {@code regstudy report DIR} at any time).
 *
 * <p>The Java entry point for researchers: {@code Study.run(resolved, out, options)}.
 */
public final class Study {

    /** Ids of the unregularized candidate: {@code s00} in a study, {@code base} in a search. */
    static final List<String> BASELINE_IDS = List.of("s00", "base");

    private Study() {
    }

    /** How to run: resume an interrupted directory, report progress, stop early. */
    public record Options(boolean resume, ProgressListener progress, AtomicBoolean stop) {
        public static Options defaults() {
            return new Options(false, ProgressListener.NONE, new AtomicBoolean());
        }
    }

    /**
     * What a study produced.
     *
     * @param summary null when the study was stopped before all runs finished
     * @param interrupted true when {@code stop} was raised; the directory can be resumed
     */
    public record Outcome(Path dir, StudySummary summary, List<RunRecord> records, boolean interrupted) {
    }

    /** The candidates of a resolved study: one per strength, ids {@code s00}, {@code s01}, ... by strength. */
    public static List<Candidate> candidates(ResolvedStudy study) {
        List<Candidate> out = new ArrayList<>();
        List<ResolvedStudy.StrengthPlan> plans = study.strengths();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration loaded = study.configurationJson() == null ? null
                : org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(study.configurationJson());
        for (int i = 0; i < plans.size(); i++) {
            ResolvedStudy.StrengthPlan p = plans.get(i);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("strength", p.strength());
            params.put("dl4jStrengthSum", p.dl4jStrength());
            out.add(Candidate.of(String.format(Locale.ROOT, "s%02d", i), p.dl4jStrength(), params, loaded == null
                    ? NetworkFactory.configuration(study.network(), p.plan())
                    : NetworkFactory.applyPlan(loaded, p.plan())));
        }
        return out;
    }

    /** Runs {@code study} into {@code out}. */
    public static Outcome run(ResolvedStudy study, Path out, Options options) {
        String specJson;
        try {
            specJson = SpecLoader.json().writeValueAsString(study.spec());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Build every candidate's configuration first: a configuration DL4J refuses is bad input,
        // and must not leave a result directory behind.
        List<Candidate> candidates;
        try {
            candidates = candidates(study);
        } catch (IllegalArgumentException | IllegalStateException
                 | org.deeplearning4j.exception.DL4JInvalidConfigException e) {
            throw new org.regstudy.common.BadInputException("network: DL4J refuses the configuration: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip());
        }
        try (ResultStore store = ResultStore.open(out, JobIdentity.of("study", study.jobHash(), study.name()), specJson,
                options.resume())) {
            options.progress().jobOpened(store.dir());
            Path network = store.dir().resolve("network.json");
            if (study.configurationJson() != null && !Files.exists(network)) {
                // the network.configuration the runs train, as DL4J's JSON: the job's network, even if the file moves
                org.regstudy.common.AtomicFiles.writeString(network, study.configurationJson());
            }
            RunContext context = context(study, study.data(), study.data().split().train(), true);
            boolean kFold = study.folds().size() > 1;
            List<RunRecord> records = new ArrayList<>();
            for (int f = 0; f < study.folds().size(); f++) {
                NormalizedSplit fold = study.folds().get(f);
                RunExecutor executor = new RunExecutor(context(study, fold, fold.split().train(), true), store);
                List<RunExecutor.Task> tasks = RunExecutor.tasks(candidates, study.repeats(), kFold ? f : -1);
                // progress counts the runs of every fold: fold f's are numbered after those of the folds before it
                int offset = f * tasks.size();
                int total = study.folds().size() * tasks.size();
                ProgressListener all = (r, d, t, resumed) -> options.progress().runFinished(r, offset + d, total, resumed);
                List<RunRecord> done = executor.runAll(tasks, study.concurrency(), all, options.stop());
                records.addAll(done);
                if (options.stop().get() || done.size() < tasks.size()) {
                    return new Outcome(out, null, records, true);
                }
            }
            StudySummary summary = finish(study, store, context, candidates, records, options);
            if (summary == null) {
                return new Outcome(out, null, records, true);
            }
            return new Outcome(out, summary, records, false);
        }
    }

    /** Summarizes, evaluates the selections on the test part, runs the learning curve, writes files. */
    static StudySummary finish(ResolvedStudy study, ResultStore store, RunContext context, List<Candidate> candidates,
                               List<RunRecord> records, Options options) {
        List<DataSet> foldTests = study.folds().stream()
                .map(f -> f.split().test() == null ? null : dataSet(f.split().test(), study)).toList();
        java.util.function.IntFunction<DataSet> testOfFold = fold -> fold < 0 ? context.test() : foldTests.get(fold);
        Summaries.Conclusion conclusion = Summaries.conclude(candidates, candidates.get(0).id(), records,
                study.thresholds(), study.classification(), store, testOfFold);
        Selection selection = conclusion.selection();
        StudySummary.LearningCurve learning = null;
        if (selection != null && !study.learningCurveFractions().isEmpty()) {
            Candidate best = candidates.stream().filter(c -> c.id().equals(selection.best().candidateId()))
                    .findFirst().orElseThrow();
            learning = learningCurve(study, store, best, records, options);
            if (learning == null) {
                return null;
            }
        }
        StudySummary summary = Summaries.write(info(study), study.jobHash(), study.classification(), conclusion, records,
                learning, store, study.keepModels());
        return summary;
    }

    /** The job's description for the summary header. */
    static Summaries.JobInfo info(ResolvedStudy study) {
        Split s = study.data().split();
        String split = (study.folds().size() > 1 ? study.folds().size() + "-fold cross-validation; fold 0: " : "")
                + "train " + s.train().size() + ", validation " + s.validation().size()
                + (s.test() == null ? ", no test part" : ", test " + s.test().size())
                + ", seed " + study.seed();
        Dataset d = study.dataset();
        String data = d.name() + " (" + d.size() + " rows, " + d.numFeatures() + " features"
                + (d.isSequence() ? " x " + d.sequenceLength() + " steps" : "") + "; sha256 "
                + d.fingerprint().sha256().substring(0, 12) + ")";
        return new Summaries.JobInfo("study", study.name(), data, split, study.networkDescription(),
                study.penaltyDescription(), study.repeats(),
                study.seed());
    }

    /** The shared run context of one split (a fold, or the holdout) with the given training part. */
    static RunContext context(ResolvedStudy study, NormalizedSplit split, Dataset train, boolean saveModels) {
        Split s = split.split();
        Dataset d = study.dataset();
        return new RunContext(dataSet(train, study), dataSet(s.validation(), study),
                s.test() == null ? null : dataSet(s.test(), study), study.classification(), split.normalizer(),
                study.training(), study.thresholds(), study.seed(), study.jobHash(), d.fingerprint().sha256(),
                d.fingerprint().description(), d.size() + "x" + d.numFeatures()
                        + (d.isSequence() ? "x" + d.sequenceLength() : ""),
                study.seed(), saveModels);
    }

    /** A DL4J DataSet of a (normalized) part; two-class labels become one column for a sigmoid output. */
    static DataSet dataSet(Dataset part, ResolvedStudy study) {
        DataSet ds = part.toDataSet();
        if (study.binaryAsSingleOutput()) {
            ds = new DataSet(ds.getFeatures(), Dataset.positiveClass(ds.getLabels()));
        }
        return ds;
    }

    /**
     * Trains the best candidate on growing fractions of the training part (the first rows of it,
     * already shuffled by the split when shuffling) and reads the curve. The full fraction reuses the
     * study's runs.
     */
    static StudySummary.LearningCurve learningCurve(ResolvedStudy study, ResultStore store, Candidate best,
                                                    List<RunRecord> records, Options options) {
        Dataset train = study.data().split().train();
        List<LearningCurvePoint> points = new ArrayList<>();
        // L_0 of the full training part, from the study's own runs of the best candidate (fold 0 with k-fold),
        // whatever fractions the curve has: the reading compares every point with the full part's L_0
        double trivial = records.stream().filter(r -> r.candidateId().equals(best.id()) && r.fold() <= 0
                && r.status() == RunStatus.COMPLETED).mapToDouble(RunRecord::trivialLoss)
                .filter(Double::isFinite).findFirst().orElse(Double.NaN);
        for (double f : study.learningCurveFractions()) {
            List<RunRecord> runs;
            int size = Math.max(2, (int) Math.round(f * train.size()));
            if (size >= train.size()) {
                size = train.size();
                // the full training part: the study's own runs (with k-fold, those of fold 0, whose
                // training part the smaller fractions are cut from)
                runs = records.stream().filter(r -> r.candidateId().equals(best.id()) && r.fold() <= 0).toList();
            } else {
                int[] rows = new int[size];
                for (int i = 0; i < size; i++) {
                    rows[i] = i;
                }
                Candidate c = new Candidate(String.format(Locale.ROOT, "lc%.4f-%s", f, best.id()), best.strength(),
                        best.parameters(), best.configurationJson());
                RunExecutor ex = new RunExecutor(context(study, study.data(), train.rows(rows), false), store);
                List<RunExecutor.Task> tasks = RunExecutor.tasks(List.of(c), study.repeats(), -1);
                runs = ex.runAll(tasks, study.concurrency(), options.progress(), options.stop());
                if (options.stop().get() || runs.size() < tasks.size()) {
                    return null;
                }
            }
            List<RunRecord> ok = runs.stream().filter(r -> r.status() == RunStatus.COMPLETED && r.kept() != null).toList();
            if (ok.isEmpty()) {
                continue;
            }
            double[] tl = ok.stream().map(RunRecord::kept).mapToDouble(EpochRecord::trainLoss).toArray();
            double[] vl = ok.stream().map(RunRecord::kept).mapToDouble(EpochRecord::validationLoss).toArray();
            points.add(new LearningCurvePoint(f, size, Statistics.mean(tl), Statistics.std(tl), Statistics.mean(vl),
                    Statistics.std(vl)));
        }
        if (points.isEmpty()) {
            return new StudySummary.LearningCurve(best.id(), points, null);
        }
        return new StudySummary.LearningCurve(best.id(), points,
                Double.isFinite(trivial) && trivial > 0 ? LearningCurves.read(points, trivial, study.thresholds()) : null);
    }

    /** Deletes model zips the spec does not keep: all ({@code none}), or all but the selected candidates'. */
    static void pruneModels(ResultStore store, List<RunRecord> records, String keep, Selection selection) {
        if ("all".equals(keep)) {
            return;
        }
        Set<String> kept = new HashSet<>();
        if ("selected".equals(keep)) {
            // the baseline's models are kept even when nothing could be selected (every candidate
            // lost a run): its test evaluation is still made from them, and on --resume again
            kept.add(BASELINE_IDS.get(0));
            kept.add(BASELINE_IDS.get(1));
            if (selection != null) {
                kept.add(selection.best().candidateId());
                kept.add(selection.oneStandardError().candidateId());
            }
        }
        for (RunRecord r : records) {
            if (!kept.contains(r.candidateId())) {
                try {
                    Files.deleteIfExists(store.modelPath(r.id()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * A sweep over a researcher's own configuration (Java API): each plan is applied to a copy of
     * {@code base} ({@link NetworkFactory#applyPlan(org.deeplearning4j.nn.conf.MultiLayerConfiguration,
     * org.regstudy.penalty.PenaltyPlan)}), the candidates are named {@code s00, s01, ...} in the order
     * given (the first must be the unregularized plan, the baseline), trained {@code repeats} times on the data of
     * {@code context}, and summarized as a study: curve, verdicts, selection, test evaluation.
     *
     * @param strengths ordering key per plan ("strongest" for the 1-SE rule), same order as {@code plans}
     */
    public static Outcome sweep(org.deeplearning4j.nn.conf.MultiLayerConfiguration base,
                                List<org.regstudy.penalty.PenaltyPlan> plans, List<Double> strengths,
                                RunContext context, int repeats, int concurrency, Path out, Options options) {
        if (plans.isEmpty() || plans.size() != strengths.size()) {
            throw new IllegalArgumentException("plans and strengths must be non-empty and of equal size, got "
                    + plans.size() + " and " + strengths.size());
        }
        List<String> layers = NetworkFactory.layerNames(base);
        if (!plans.get(0).normalized(layers).equals(org.regstudy.penalty.PenaltyPlan.none().normalized(layers))) {
            throw new IllegalArgumentException("plans[0] must penalize nothing (PenaltyPlan.none()): the first candidate"
                    + " is the unregularized baseline the others are read against, got " + plans.get(0));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("strength", strengths.get(i));
            candidates.add(Candidate.of(String.format(Locale.ROOT, "s%02d", i), strengths.get(i), params,
                    NetworkFactory.applyPlan(base, plans.get(i))));
        }
        // what decides the runs' numbers: a directory of other settings or seeds is another job, never resumed as this one
        String jobJson = base.toJson() + "\n" + plans + "\n" + strengths + "\n" + repeats + "\n" + context.settings()
                + "\nseed " + context.baseSeed();
        String hash = org.regstudy.data.Fingerprint.sha256Hex((jobJson + "\n" + context.dataFingerprint())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("baseConfiguration", jsonTree(base.toJson()));
        described.put("plans", plans.stream().map(String::valueOf).toList());
        described.put("strengths", strengths);
        described.put("repeats", repeats);
        described.put("training", String.valueOf(context.settings()));
        described.put("seed", context.baseSeed());
        try (ResultStore store = ResultStore.open(out, JobIdentity.of("study", hash, "java-sweep"),
                javaApiSpec("Study.sweep", described), options.resume())) {
            options.progress().jobOpened(store.dir());
            RunExecutor executor = new RunExecutor(context, store);
            List<RunExecutor.Task> tasks = RunExecutor.tasks(candidates, repeats, -1);
            List<RunRecord> records = executor.runAll(tasks, concurrency, options.progress(), options.stop());
            if (options.stop().get() || records.size() < tasks.size()) {
                return new Outcome(out, null, records, true);
            }
            Summaries.Conclusion conclusion = Summaries.conclude(candidates, candidates.get(0).id(), records,
                    context.thresholds(), context.classification(), store, fold -> context.test());
            StudySummary summary = Summaries.write(new Summaries.JobInfo("study", "java-sweep",
                            context.dataDescription() + " (" + context.dataShape() + ")", "given by the caller",
                            "caller's MultiLayerConfiguration", plans.size() + " penalty plans", repeats, context.baseSeed()),
                    hash, context.classification(), conclusion, records, null, store, "selected");
            return new Outcome(out, summary, records, false);
        }
    }

    /**
     * The spec.json of a job started from the Java API (no spec file): a JSON document naming the call
     * and what decides the runs' numbers, with {@code fields} in order.
     */
    static String javaApiSpec(String call, Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", call + " (Java API)");
        doc.putAll(fields);
        try {
            return SpecLoader.json().writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot describe the job as JSON", e);
        }
    }

    /** {@code json} as a tree, or the text itself when it is not JSON. */
    static Object jsonTree(String json) {
        try {
            return SpecLoader.json().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    /** Convenience for the Java API: load, resolve and run a spec file. */
    public static Outcome run(Path specFile, Path out, Options options) {
        StudySpec spec = SpecLoader.load(specFile, List.of());
        return run(org.regstudy.spec.SpecResolver.resolve(spec, specFile.toString()), out, options);
    }
}
