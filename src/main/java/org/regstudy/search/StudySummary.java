package org.regstudy.search;

import java.util.List;
import java.util.Map;
import org.regstudy.common.Provenance;
import org.regstudy.diagnosis.CurvePoint;
import org.regstudy.diagnosis.LearningCurvePoint;
import org.regstudy.diagnosis.LearningCurveReading;
import org.regstudy.diagnosis.RepeatDiagnosis;
import org.regstudy.diagnosis.Selection;
import org.regstudy.diagnosis.SweepReading;

/**
 * {@code summary.json}: the validation curve, verdicts, selections and their held-out test
 * evaluation, the learning curve, counts and provenance of a study or search.
 *
 * @param metric the headline metric's name ({@code accuracy} or {@code rmse})
 * @param selection best and 1-SE candidates by mean validation data loss; null when no candidate
 *     completed
 * @param baselineTest the unregularized candidate on the held-out test part, to compare the
 *     selections with (null without a test part)
 * @param dataFingerprint the data's full SHA-256 fingerprint, as every run record has it ({@code data}
 *     shows its first 12 characters); null in summaries written before it was added
 */
public record StudySummary(
        int schemaVersion,
        String kind,
        String name,
        String jobHash,
        String data,
        String split,
        String network,
        String penalty,
        int repeats,
        long seed,
        String metric,
        List<CandidateSummary> candidates,
        Selection selection,
        TestEvaluation bestTest,
        TestEvaluation oneStandardErrorTest,
        TestEvaluation baselineTest,
        Map<String, Integer> verdictCounts,
        LearningCurve learningCurve,
        int runs,
        int completed,
        int diverged,
        int failed,
        List<String> problems,
        Provenance provenance,
        String dataFingerprint) {

    public static final int SCHEMA_VERSION = 1;

    /** Most runs one candidate can have (repeats x folds) that a summary may count. */
    public static final int MAX_RUNS_PER_CANDIDATE = 100_000;

    /** The problem with run count {@code v} of field {@code at}, or null when it is one. */
    private static String runCount(String at, int v) {
        return v >= 0 && v <= MAX_RUNS_PER_CANDIDATE ? null
                : at + ": " + v + " is not a run count (0 to " + MAX_RUNS_PER_CANDIDATE + ")";
    }

    /**
     * What the readers of a summary ({@code regstudy results}, {@code regstudy report}) rely on and
     * a hand-edited or damaged file may lack: a {@code candidates} list whose entries have an
     * {@code id} (unique), {@code parameters} and a {@code point}; a {@code sweep} with a
     * {@code verdict} and {@code repeats} with a {@code gapRatio} where present; a selection with
     * both choices, and every candidate id of the selection and the test evaluations naming one of
     * the candidates.
     *
     * @return the first problem as "field: what is wrong" (e.g. {@code selection.best.candidateId:
     *     's99' is not one of the candidates (s00, s01)}), or null when there is none
     */
    public String problem() {
        if (candidates == null) {
            return "candidates: missing";
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            CandidateSummary c = candidates.get(i);
            String at = "candidates[" + i + "]";
            if (c == null) {
                return at + ": null";
            }
            String missing = c.id() == null ? "id" : c.parameters() == null ? "parameters" : c.point() == null ? "point"
                    : c.sweep() != null && c.sweep().verdict() == null ? "sweep.verdict"
                    : c.repeats() != null && c.repeats().gapRatio() == null ? "repeats.gapRatio" : null;
            if (missing != null) {
                return at + "." + missing + ": missing";
            }
            if (!ids.add(c.id())) {
                return at + ".id: '" + c.id() + "' appears twice";
            }
            // counts a reader loops over (the report lists the run ids they imply): within what a job can run
            String count = runCount(at + ".completed", c.completed());
            count = count != null ? count : runCount(at + ".diverged", c.diverged());
            count = count != null ? count : runCount(at + ".failed", c.failed());
            if (count != null) {
                return count;
            }
        }
        if (repeats < 0 || repeats > MAX_RUNS_PER_CANDIDATE) {
            return "repeats: " + repeats + " is not a repeat count (0 to " + MAX_RUNS_PER_CANDIDATE + ")";
        }
        if (selection != null) {
            if (selection.best() == null) {
                return "selection.best: missing";
            }
            if (selection.oneStandardError() == null) {
                return "selection.oneStandardError: missing";
            }
        }
        // every candidate named by the selection and the test evaluations (those present), by field
        java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        if (selection != null) {
            named.put("selection.best", selection.best().candidateId());
            named.put("selection.oneStandardError", selection.oneStandardError().candidateId());
        }
        if (bestTest != null) {
            named.put("bestTest", bestTest.candidateId());
        }
        if (oneStandardErrorTest != null) {
            named.put("oneStandardErrorTest", oneStandardErrorTest.candidateId());
        }
        if (baselineTest != null) {
            named.put("baselineTest", baselineTest.candidateId());
        }
        for (java.util.Map.Entry<String, String> e : named.entrySet()) {
            String id = e.getValue();
            if (id == null) {
                return e.getKey() + ".candidateId: missing";
            }
            if (!ids.contains(id)) {
                String known = ids.size() <= 10 ? String.join(", ", ids)
                        : String.join(", ", new java.util.ArrayList<>(ids).subList(0, 10)) + ", ...";
                return e.getKey() + ".candidateId: '" + id + "' is not one of the candidates (" + (ids.isEmpty() ? "none" : known) + ")";
            }
        }
        return null;
    }

    /**
     * One candidate across its repeats.
     *
     * @param point means and standard deviations of the final losses and metric (completed runs)
     * @param sweep the reading relative to the best point of the curve
     * @param repeats the single-run rules across repeats, with t intervals
     */
    public record CandidateSummary(
            String id,
            double strength,
            Map<String, Object> parameters,
            CurvePoint point,
            SweepReading sweep,
            RepeatDiagnosis repeats,
            int completed,
            int diverged,
            int failed) {
    }

    /**
     * A selected candidate evaluated on the held-out test part, over its repeats' models: mean and
     * sample standard deviation of the data loss and the headline metric, and each model's values
     * ({@code runs}, in run-id order; absent in summaries written before 2026-12-02).
     */
    public record TestEvaluation(String candidateId, int n, double meanLoss, double stdLoss, double meanMetric,
                                 double stdMetric, List<RunTest> runs) {
    }

    /** One model's held-out test data loss and headline metric. */
    public record RunTest(String runId, double loss, double metric) {
    }

    /** Loss against training-set size at one candidate, with its reading. */
    public record LearningCurve(String candidateId, List<LearningCurvePoint> points, LearningCurveReading reading) {
    }
}
