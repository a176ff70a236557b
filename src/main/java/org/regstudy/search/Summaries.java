package org.regstudy.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.regstudy.common.Provenance;
import org.regstudy.diagnosis.CurvePoint;
import org.regstudy.diagnosis.LossHistory;
import org.regstudy.diagnosis.RepeatDiagnosis;
import org.regstudy.diagnosis.Selection;
import org.regstudy.diagnosis.Statistics;
import org.regstudy.diagnosis.SweepReading;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.diagnosis.ValidationCurve;
import org.regstudy.diagnosis.Verdict;
import org.regstudy.diagnosis.VerdictRules;
import org.regstudy.inspect.ModelZipValidator;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.PenaltyTerms;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.Evaluation;
import org.regstudy.train.Metrics;
import org.regstudy.train.RunStatus;

/**
 * Builds a {@link StudySummary} from run records: groups runs by candidate, aggregates their
 * final (kept-epoch) losses and metrics into the validation curve, applies the single-run rules
 * across repeats and the sweep reading, selects the best and 1-SE candidates and evaluates their
 * saved models on the held-out test part.
 */
public final class Summaries {

    private Summaries() {
    }

    /** Descriptions of the job for the summary's header. */
    public record JobInfo(String kind, String name, String data, String split, String network, String penalty,
                          int repeats, long seed) {
    }

    /**
     * Candidate summaries in the order of {@code candidates}, from the records of their runs. The
     * sweep reading compares only candidates all of whose runs completed (a strength at which some
     * repeats diverged or failed does not train reliably, and the mean of its survivors would flatter
     * it), and reads weaker or stronger only between candidates of one {@link #families family}.
     */
    public static List<StudySummary.CandidateSummary> candidates(List<Candidate> candidates, List<RunRecord> records,
                                                                 Thresholds thresholds, boolean classification) {
        return candidates(candidates, families(candidates), records, thresholds, classification);
    }

    private static List<StudySummary.CandidateSummary> candidates(List<Candidate> candidates, List<String> families,
                                                                  List<RunRecord> records, Thresholds thresholds,
                                                                  boolean classification) {
        Map<String, List<RunRecord>> byCandidate = group(records);
        List<CurvePoint> points = new ArrayList<>();
        List<RepeatDiagnosis> diagnoses = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (Candidate c : candidates) {
            List<RunRecord> runs = byCandidate.getOrDefault(c.id(), List.of());
            List<RunRecord> ok = runs.stream().filter(r -> r.status() == RunStatus.COMPLETED && r.kept() != null).toList();
            double[] tl = new double[ok.size()];
            double[] vl = new double[ok.size()];
            double[] tm = new double[ok.size()];
            double[] vm = new double[ok.size()];
            List<LossHistory> histories = new ArrayList<>();
            for (int i = 0; i < ok.size(); i++) {
                EpochRecord k = ok.get(i).kept();
                tl[i] = k.trainLoss();
                vl[i] = k.validationLoss();
                tm[i] = k.train().headline();
                vm[i] = k.validation().headline();
                histories.add(historyUpToKept(ok.get(i)));
            }
            points.add(ok.isEmpty()
                    ? new CurvePoint(c.id(), c.strength(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : CurvePoint.of(c.id(), c.strength(), tl, vl, tm, vm));
            RepeatDiagnosis rd = null;
            if (!histories.isEmpty()) {
                rd = VerdictRules.diagnoseRepeats(histories, thresholds);
                if (classification) {
                    rd = rd.withMetricGap("accuracy", tm, vm, thresholds.confidence());
                }
                rd = rd.withStillImproving((int) ok.stream().filter(r -> VerdictRules.stillImproving(
                        historyUpTo(r.history(), Integer.MAX_VALUE, r.trivialLoss()), r.bestEpoch())).count());
            }
            diagnoses.add(rd);
            counts.add(new int[] {
                ok.size(),
                (int) runs.stream().filter(r -> r.status() == RunStatus.DIVERGED).count(),
                (int) runs.stream().filter(r -> r.status() == RunStatus.FAILED).count()});
        }
        List<Integer> compared = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (comparable(counts.get(i)[0], counts.get(i)[1], counts.get(i)[2])) {
                compared.add(i);
            }
        }
        List<SweepReading> readOnes = compared.isEmpty() ? List.of() : ValidationCurve.read(
                compared.stream().map(points::get).toList(), compared.stream().map(families::get).toList());
        List<SweepReading> readings = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int[] n = counts.get(i);
            int k = compared.indexOf(i);
            readings.add(k >= 0 ? readOnes.get(k) : new SweepReading(points.get(i).candidateId(), Verdict.INCONCLUSIVE,
                    n[0] == 0 && n[1] == 0 && n[2] == 0 ? "no completed run" : notCompared(n[0], n[1], n[2])));
        }
        List<StudySummary.CandidateSummary> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            out.add(new StudySummary.CandidateSummary(c.id(), c.strength(), c.parameters(), points.get(i),
                    readings.get(i), diagnoses.get(i), counts.get(i)[0], counts.get(i)[1], counts.get(i)[2]));
        }
        return out;
    }

    /**
     * The best and 1-SE selection among the candidates all of whose runs completed, the 1-SE choice
     * within the best's family ({@code families}: {@link #families} of the same candidates); null
     * when no such candidate has a finite mean validation loss.
     */
    public static Selection select(List<StudySummary.CandidateSummary> candidates, List<String> families) {
        List<CurvePoint> points = new ArrayList<>();
        List<String> pointFamilies = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            StudySummary.CandidateSummary c = candidates.get(i);
            if (comparable(c.completed(), c.diverged(), c.failed())) {
                points.add(c.point());
                pointFamilies.add(families.get(i));
            }
        }
        if (points.stream().noneMatch(p -> p.n() > 0 && Double.isFinite(p.meanValidationLoss()))) {
            return null;
        }
        return ValidationCurve.select(points, pointFamilies);
    }

    /**
     * One key per candidate, equal for candidates whose configurations are the same apart from their
     * penalties (their DL4J configuration JSON with every layer's penalty lists emptied): a study's
     * candidates are all one family; a search that also varies the learning rate, layer sizes or
     * dropout has several.
     */
    public static List<String> families(List<Candidate> candidates) {
        Map<String, String> keyOfJson = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (Candidate c : candidates) {
            String json = NetworkFactory.applyPlan(c.configuration(0), PenaltyPlan.none()).toJson();
            out.add(keyOfJson.computeIfAbsent(json, j -> "f" + keyOfJson.size()));
        }
        return out;
    }

    /** Whether a candidate takes part in the reading and the selection: it completed every run it has. */
    private static boolean comparable(int completed, int diverged, int failed) {
        return completed > 0 && diverged == 0 && failed == 0;
    }

    private static String notCompared(int completed, int diverged, int failed) {
        int all = completed + diverged + failed;
        String what = (diverged > 0 ? diverged + " of " + all + " runs diverged" : "")
                + (diverged > 0 && failed > 0 ? " and " : "")
                + (failed > 0 ? failed + " of " + all + " failed" : "");
        return what + ": a candidate that does not train reliably is neither compared with the others nor selected"
                + (completed > 0 ? " (the mean of its " + completed + " completed run" + (completed == 1 ? "" : "s")
                        + " would flatter it)" : "");
    }

    /**
     * Evaluates the saved models of {@code candidateId}'s completed runs on the test part: mean and
     * std over repeats (and folds) of the data loss and the headline metric. {@code testOfFold} gives
     * the test part as each run's fold scaled it (k-fold: every fold fits its own normalizer; -1
     * without folds). Null without a test part or without saved models.
     */
    public static StudySummary.TestEvaluation test(String candidateId, List<RunRecord> records, ResultStore store,
                                                   java.util.function.IntFunction<DataSet> testOfFold,
                                                   boolean classification) {
        if (candidateId == null) {
            return null;
        }
        List<Double> losses = new ArrayList<>();
        List<Double> metrics = new ArrayList<>();
        List<StudySummary.RunTest> runs = new ArrayList<>();
        Map<String, StudySummary.RunTest> prior = null;
        for (RunRecord r : records) {
            if (!r.candidateId().equals(candidateId) || r.status() != RunStatus.COMPLETED) {
                continue;
            }
            DataSet test = testOfFold.apply(r.fold());
            if (test == null) {
                return null;
            }
            Path zip = store.modelPath(r.id());
            if (!Files.isRegularFile(zip)) {
                // pruned (keepModels) by an earlier finish of this job: its summary holds the model's test values
                prior = prior == null ? priorRunTests(store) : prior;
                StudySummary.RunTest earlier = prior.get(r.id());
                if (earlier != null) {
                    losses.add(earlier.loss());
                    metrics.add(earlier.metric());
                    runs.add(earlier);
                }
                continue;
            }
            MultiLayerNetwork net = org.regstudy.inspect.ModelInspector.loadMultiLayerNetwork(zip,
                    ModelZipValidator.Limits.defaults());
            losses.add(PenaltyTerms.dataLoss(net, test));
            Metrics m = Evaluation.metrics(net, test, classification);
            metrics.add(m.headline());
            runs.add(new StudySummary.RunTest(r.id(), losses.get(losses.size() - 1), m.headline()));
        }
        if (losses.isEmpty()) {
            return null;
        }
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        double[] m = metrics.stream().mapToDouble(Double::doubleValue).toArray();
        return new StudySummary.TestEvaluation(candidateId, l.length, Statistics.mean(l), Statistics.std(l),
                Statistics.mean(m), Statistics.std(m), runs);
    }

    /**
     * The test values of the runs an earlier summary of this job evaluated, by run id (empty without
     * a readable summary). The directory is this job's (same data, split and records), so they are
     * the values its pruned models would give again.
     */
    private static Map<String, StudySummary.RunTest> priorRunTests(ResultStore store) {
        Map<String, StudySummary.RunTest> out = new java.util.HashMap<>();
        StudySummary s;
        try {
            s = store.readSummary();
        } catch (RuntimeException e) {
            return out;
        }
        for (StudySummary.TestEvaluation t : java.util.Arrays.asList(s.bestTest(), s.oneStandardErrorTest(), s.baselineTest())) {
            if (t != null && t.runs() != null) {
                t.runs().forEach(rt -> out.put(rt.runId(), rt));
            }
        }
        return out;
    }

    /** Counts of sweep verdicts over candidates, plus DIVERGED and FAILED runs. */
    public static Map<String, Integer> verdictCounts(List<StudySummary.CandidateSummary> candidates) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), 0);
        }
        int diverged = 0;
        int failed = 0;
        for (StudySummary.CandidateSummary c : candidates) {
            counts.merge(c.sweep().verdict().name(), 1, Integer::sum);
            diverged += c.diverged();
            failed += c.failed();
        }
        counts.put("DIVERGED_RUNS", diverged);
        counts.put("FAILED_RUNS", failed);
        return counts;
    }

    /**
     * What every job concludes from its records: the candidate summaries, the best and 1-SE
     * selection, and the held-out test evaluation of both and of the unregularized baseline.
     */
    public record Conclusion(List<StudySummary.CandidateSummary> candidates, Selection selection,
                             StudySummary.TestEvaluation best, StudySummary.TestEvaluation oneStandardError,
                             StudySummary.TestEvaluation baseline) {
    }

    /**
     * Summarizes the candidates, selects, and evaluates the selections' (and the baseline's) saved
     * models on the test part as each run's fold scaled it.
     *
     * @param baselineId the unregularized candidate, or null when the job has none
     */
    public static Conclusion conclude(List<Candidate> candidates, String baselineId, List<RunRecord> records,
                                      Thresholds thresholds, boolean classification, ResultStore store,
                                      java.util.function.IntFunction<DataSet> testOfFold) {
        List<String> families = families(candidates);
        List<StudySummary.CandidateSummary> summaries = candidates(candidates, families, records, thresholds, classification);
        Selection selection = select(summaries, families);
        return new Conclusion(summaries, selection,
                selection == null ? null : test(selection.best().candidateId(), records, store, testOfFold, classification),
                selection == null ? null
                        : test(selection.oneStandardError().candidateId(), records, store, testOfFold, classification),
                baselineId == null ? null : test(baselineId, records, store, testOfFold, classification));
    }

    /**
     * Assembles the summary and writes the job's closing files: {@code summary.json}, {@code runs.csv},
     * {@code epochs.csv}; then deletes the model zips {@code keepModels} does not keep.
     */
    public static StudySummary write(JobInfo info, String jobHash, boolean classification, Conclusion c,
                                     List<RunRecord> records, StudySummary.LearningCurve learningCurve,
                                     ResultStore store, String keepModels) {
        StudySummary summary = summary(info, jobHash, classification, c.candidates(), records, c.selection(), c.best(),
                c.oneStandardError(), c.baseline(), learningCurve);
        warnIfPrunedBefore(store, keepModels);
        store.writeJson("summary.json", summary);
        ResultCsv.write(store, records);
        Study.pruneModels(store, records, keepModels, c.selection());
        return summary;
    }

    /**
     * A resumed job that finished before with a keepModels that kept fewer models (none < selected <
     * all): the zips pruned then are gone and their runs are not trained again; said, not hidden.
     */
    private static void warnIfPrunedBefore(ResultStore store, String keepModels) {
        if (!Files.isRegularFile(store.dir().resolve("summary.json"))) {
            return;
        }
        String before;
        try {
            before = store.readJson("spec.json", com.fasterxml.jackson.databind.JsonNode.class)
                    .map(n -> n.hasNonNull("keepModels") ? n.get("keepModels").asText() : "selected").orElse(null);
        } catch (RuntimeException e) {
            return; // a spec.json that is not a spec's (the Java API's sweeps): nothing to compare
        }
        List<String> order = List.of("none", "selected", "all");
        if (before != null && order.indexOf(keepModels) > order.indexOf(before) && order.indexOf(before) >= 0) {
            org.slf4j.LoggerFactory.getLogger(Summaries.class).warn("keepModels {}: this job finished before with keepModels"
                    + " {}, whose pruned model zips are gone; their runs are not trained again", keepModels, before);
        }
    }

    /** Assembles the summary. */
    public static StudySummary summary(JobInfo info, String jobHash, boolean classification,
                                       List<StudySummary.CandidateSummary> candidates, List<RunRecord> records,
                                       Selection selection, StudySummary.TestEvaluation bestTest,
                                       StudySummary.TestEvaluation oneSeTest, StudySummary.TestEvaluation baselineTest,
                                       StudySummary.LearningCurve learningCurve) {
        List<String> problems = new ArrayList<>();
        for (RunRecord r : records) {
            if (r.status() != RunStatus.COMPLETED) {
                problems.add(r.id() + " " + r.status() + ": " + r.reason());
            }
        }
        return new StudySummary(StudySummary.SCHEMA_VERSION, info.kind(), info.name(), jobHash, info.data(), info.split(),
                info.network(), info.penalty(), info.repeats(), info.seed(), classification ? "accuracy" : "rmse",
                candidates, selection, bestTest, oneSeTest, baselineTest, verdictCounts(candidates), learningCurve,
                records.size(),
                (int) records.stream().filter(r -> r.status() == RunStatus.COMPLETED).count(),
                (int) records.stream().filter(r -> r.status() == RunStatus.DIVERGED).count(),
                (int) records.stream().filter(r -> r.status() == RunStatus.FAILED).count(),
                problems, Provenance.current(), records.stream().map(RunRecord::provenance)
                        .filter(p -> p != null && p.dataFingerprint() != null).map(RunProvenance::dataFingerprint)
                        .findFirst().orElse(null));
    }

    static Map<String, List<RunRecord>> group(List<RunRecord> records) {
        Map<String, List<RunRecord>> out = new TreeMap<>();
        for (RunRecord r : records) {
            out.computeIfAbsent(r.candidateId(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The run's loss history up to its kept epoch, as the diagnosis package reads it. */
    static LossHistory historyUpToKept(RunRecord r) {
        return historyUpTo(r.history(), r.bestEpoch(), r.trivialLoss());
    }

    /**
     * The recorded epochs up to {@code keptEpoch} (all of them when none is that early) as a
     * {@link LossHistory}: the verdict is judged at the epoch whose weights the run keeps.
     */
    static LossHistory historyUpTo(List<EpochRecord> history, int keptEpoch, double trivialLoss) {
        List<EpochRecord> h = history.stream().filter(e -> e.epoch() <= keptEpoch).toList();
        if (h.isEmpty()) {
            h = history;
        }
        int[] epochs = new int[h.size()];
        double[] tr = new double[h.size()];
        double[] va = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            epochs[i] = h.get(i).epoch();
            tr[i] = h.get(i).trainLoss();
            va[i] = h.get(i).validationLoss();
        }
        return new LossHistory(epochs, tr, va, trivialLoss);
    }
}
