package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.common.BadInputException;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.SpecResolver;
import org.regstudy.train.RunStatus;

/** End-to-end studies on real data with real DL4J training (small: iris, few epochs). */
class StudyTest {

    /** Iris, 2 repeats, 3 strengths + baseline; the last L2 strength with SGD lr 0.5 diverges:
     *  the L2 step multiplies w by (1 - lr*c) = 1 - 0.5*1e4 = -4999 each step. */
    static final String SPEC = """
            name: iris-test
            data:
              file: data/iris.csv
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 8, activation: relu}
              updater: {kind: sgd, learningRate: 0.5}
            training: {epochs: 12, batchSize: 0, recordEvery: 3}
            penalty:
              kind: l2
              strengths: [0.001, 0.1, 10000]
            repeats: 2
            seed: 5
            keepModels: all
            """;

    @TempDir
    Path tmp;

    static ResolvedStudy resolve(String text) {
        return SpecResolver.resolve(SpecLoader.parse(text, "test.yaml", true), "test.yaml");
    }

    @Test
    void divergingCandidateIsRecordedAndTheSweepCompletes() throws Exception {
        Study.Outcome o = Study.run(resolve(SPEC), tmp.resolve("a"), Study.Options.defaults());
        assertFalse(o.interrupted());
        assertEquals(8, o.records().size(), "4 candidates x 2 repeats");
        List<RunRecord> diverged = o.records().stream().filter(r -> r.status() == RunStatus.DIVERGED).toList();
        assertEquals(List.of("s03-r0", "s03-r1"), diverged.stream().map(RunRecord::id).toList());
        assertTrue(diverged.get(0).reason().startsWith("epoch "), diverged.get(0).reason());
        StudySummary s = o.summary();
        assertEquals(6, s.completed());
        assertEquals(2, s.diverged());
        // the summary names the data by its full SHA-256 (data/iris.csv's, as each run record has it)
        assertEquals(org.regstudy.data.Fingerprint.sha256Hex(Files.readAllBytes(Path.of("data/iris.csv"))),
                s.dataFingerprint().replaceFirst("^sha256:", ""));
        assertEquals(2, s.candidates().get(3).diverged());
        assertNotNull(s.selection());
        assertFalse(s.selection().best().candidateId().equals("s03"));
        assertNotNull(s.bestTest(), "the selected candidate is evaluated on the test part");
        assertEquals(2, s.bestTest().n());
        // each model's test values are recorded; the summary is their mean and sample std
        // (two values a, b: mean (a + b) / 2, std |a - b| / sqrt(2))
        String best = s.selection().best().candidateId();
        var runs = s.bestTest().runs();
        assertEquals(List.of(best + "-r0", best + "-r1"), runs.stream().map(StudySummary.RunTest::runId).toList());
        double a = runs.get(0).loss();
        double b = runs.get(1).loss();
        assertEquals((a + b) / 2, s.bestTest().meanLoss(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), s.bestTest().stdLoss(), 1e-12);
        assertEquals((runs.get(0).metric() + runs.get(1).metric()) / 2, s.bestTest().meanMetric(), 1e-12);
        assertTrue(Files.isRegularFile(tmp.resolve("a/summary.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("a/runs.csv")));
        assertTrue(Files.isRegularFile(tmp.resolve("a/epochs.csv")));
        // keepModels: all keeps every completed run's model, none for diverged runs
        assertTrue(Files.isRegularFile(tmp.resolve("a/runs/s00-r0.zip")));
        assertFalse(Files.exists(tmp.resolve("a/runs/s03-r0.zip")));
        // runs.csv: header + 8 runs
        assertEquals(9, lines(tmp.resolve("a/runs.csv")).size());
        // runs still improving when training ended (the rule's numbers: VerdictRulesTest) are counted
        // per candidate and named under the study table; after 12 epochs of SGD some are
        String table = org.regstudy.report.SummaryText.study(s);
        int named = 0;
        for (StudySummary.CandidateSummary c : s.candidates()) {
            List<RunRecord> ok = o.records().stream()
                    .filter(r -> r.candidateId().equals(c.id()) && r.status() == RunStatus.COMPLETED).toList();
            long k = ok.stream().filter(r -> org.regstudy.diagnosis.VerdictRules.stillImproving(
                    Summaries.historyUpTo(r.history(), Integer.MAX_VALUE, r.trivialLoss()), r.bestEpoch())).count();
            assertEquals(k == 0 ? null : k + " of " + ok.size(), c.repeats() == null ? null : c.repeats().stillImproving(), c.id());
            if (k > 0) {
                named++;
                assertTrue(table.contains(c.id() + " (" + k + " of " + ok.size() + " runs)"), table);
            }
        }
        assertTrue(named > 0, table);
        assertTrue(table.contains("still improving when training ended"), table);
        // the table counts the diverged runs; a line under it names each with its reason
        for (RunRecord r : diverged) {
            assertTrue(table.contains("run " + r.id() + " DIVERGED: " + r.reason() + "\n"), table);
        }
    }

    @Test
    void concurrencyOneAndTwoGiveIdenticalResultsApartFromTimings() throws Exception {
        Study.run(resolve(SPEC), tmp.resolve("c1"), Study.Options.defaults());
        Study.run(resolve(SPEC + "concurrency: 2\n"), tmp.resolve("c2"), Study.Options.defaults());
        try (Stream<Path> files = Files.list(tmp.resolve("c1/runs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertEquals(ResultFiles.withoutTimings(f), ResultFiles.withoutTimings(tmp.resolve("c2/runs").resolve(f.getFileName())), f.toString());
            }
        }
        assertEquals(ResultFiles.withoutTimings(tmp.resolve("c1/summary.json")), ResultFiles.withoutTimings(tmp.resolve("c2/summary.json")));
        assertEquals(lines(tmp.resolve("c1/epochs.csv")), lines(tmp.resolve("c2/epochs.csv")));
    }

    /**
     * keepModels: none prunes every zip once the test part is evaluated; resuming the finished study
     * recomputed the summary and, finding no model, wrote "no test part" (bestTest null). The earlier
     * summary's values are kept instead.
     */
    @Test
    void resumingAFinishedStudyWithoutModelsKeepsItsTestEvaluation() throws Exception {
        ResolvedStudy study = resolve(SPEC.replace("keepModels: all", "keepModels: none"));
        StudySummary first = Study.run(study, tmp.resolve("none"), Study.Options.defaults()).summary();
        assertNotNull(first.bestTest());
        try (Stream<Path> zips = Files.list(tmp.resolve("none/runs"))) {
            assertEquals(0, zips.filter(p -> p.toString().endsWith(".zip")).count(), "keepModels: none keeps no zip");
        }
        StudySummary again = Study.run(study, tmp.resolve("none"),
                new Study.Options(true, ProgressListener.NONE, new AtomicBoolean())).summary();
        assertEquals(first.bestTest(), again.bestTest());
        assertEquals(first.oneStandardErrorTest(), again.oneStandardErrorTest());
        assertEquals(first.baselineTest(), again.baselineTest());
    }

    @Test
    void stoppedStudyResumesWithoutLosingOrRepeatingRuns() throws Exception {
        ResolvedStudy study = resolve(SPEC);
        AtomicBoolean stop = new AtomicBoolean();
        // Stop after the third finished run: at concurrency 1 exactly three runs are stored.
        Study.Outcome first = Study.run(study, tmp.resolve("r"), new Study.Options(false,
                (r, done, total, resumed) -> {
                    if (done == 3) {
                        stop.set(true);
                    }
                }, stop));
        assertTrue(first.interrupted());
        assertEquals(3, first.records().size());
        assertFalse(Files.exists(tmp.resolve("r/summary.json")));
        // Without --resume the directory is refused; with it, the three stored runs are not run again.
        assertThrows(BadInputException.class, () -> Study.run(study, tmp.resolve("r"), Study.Options.defaults()));
        int[] resumed = new int[1];
        Study.Outcome second = Study.run(study, tmp.resolve("r"), new Study.Options(true,
                (r, done, total, wasStored) -> resumed[0] += wasStored ? 1 : 0, new AtomicBoolean()));
        assertFalse(second.interrupted());
        assertEquals(3, resumed[0]);
        assertEquals(8, second.records().size());
        Study.run(study, tmp.resolve("u"), Study.Options.defaults());
        assertEquals(ResultFiles.withoutTimings(tmp.resolve("u/summary.json")), ResultFiles.withoutTimings(tmp.resolve("r/summary.json")));
    }

    @Test
    void directoryOfAnotherJobIsRefused() {
        Study.run(resolve(SPEC.replace("epochs: 12", "epochs: 3")), tmp.resolve("x"), Study.Options.defaults());
        BadInputException e = assertThrows(BadInputException.class, () -> Study.run(resolve(SPEC), tmp.resolve("x"),
                new Study.Options(true, ProgressListener.NONE, new AtomicBoolean())));
        assertTrue(e.getMessage().contains("holds another job"), e.getMessage());
    }

    @Test
    void sweepOverAUsersOwnConfigurationAndIterators() throws Exception {
        // A configuration written the plain DL4J way, data given as iterators.
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.01)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(4).nOut(8)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        ResolvedStudy iris = resolve(SPEC);
        var split = iris.data().split();
        var train = RunContext.collect(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                split.train().toDataSet().asList(), 16));
        assertEquals(split.train().size(), train.numExamples());
        RunContext context = RunContext.of(train, split.validation().toDataSet(), split.test().toDataSet(), true,
                new org.regstudy.train.TrainingSettings(10, 0, 5, 0, 1e6), 11);
        List<org.regstudy.penalty.PenaltyPlan> plans = List.of(org.regstudy.penalty.PenaltyPlan.none(),
                org.regstudy.penalty.PenaltyPlan.uniform(org.regstudy.penalty.Penalty.l2(0.01)),
                org.regstudy.penalty.PenaltyPlan.uniform(org.regstudy.penalty.Penalty.l2(1)));
        Study.Outcome o = Study.sweep(conf, plans, List.of(0.0, 0.01, 1.0), context, 2, 2, tmp.resolve("java"),
                Study.Options.defaults());
        assertEquals(6, o.records().size());
        assertEquals(List.of("s00", "s01", "s02"), o.summary().candidates().stream().map(StudySummary.CandidateSummary::id).toList());
        // the plan was applied to the user's layers: the s02 record's plan shows L2 1.0 on both layers
        RunRecord strong = o.records().stream().filter(r -> r.id().equals("s02-r0")).findFirst().orElseThrow();
        assertTrue(strong.plan().get(0).contains("1.0"), strong.plan().toString());
        assertNotNull(o.summary().baselineTest());
        assertEquals("s00", o.summary().baselineTest().candidateId());
        // spec.json is a JSON document of the call (it was the hashed text: a configuration and toString lines)
        var specJson = ResultJson.mapper().readTree(tmp.resolve("java/spec.json").toFile());
        assertEquals("Study.sweep (Java API)", specJson.get("source").asText());
        assertEquals(3, specJson.get("plans").size());
        assertEquals(2, specJson.get("repeats").asInt());
        assertTrue(specJson.get("baseConfiguration").has("confs"), specJson.toString());
        // the directory is this job's: resuming it with other settings or another seed is refused,
        // not answered with the stored runs of 10 epochs and seed 11
        for (RunContext other : List.of(
                RunContext.of(train, split.validation().toDataSet(), split.test().toDataSet(), true,
                        new org.regstudy.train.TrainingSettings(40, 0, 5, 0, 1e6), 11),
                RunContext.of(train, split.validation().toDataSet(), split.test().toDataSet(), true,
                        new org.regstudy.train.TrainingSettings(10, 0, 5, 0, 1e6), 12))) {
            BadInputException e = assertThrows(BadInputException.class, () -> Study.sweep(conf, plans, List.of(0.0, 0.01, 1.0),
                    other, 2, 1, tmp.resolve("java"), new Study.Options(true, ProgressListener.NONE, new AtomicBoolean())));
            assertTrue(e.getMessage().contains("another"), e.getMessage());
        }
        // the first plan is the baseline the others are read against: a penalized one is refused
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> Study.sweep(conf,
                List.of(plans.get(1), plans.get(0)), List.of(0.01, 0.0), context, 1, 1, tmp.resolve("swapped"),
                Study.Options.defaults()));
        assertTrue(first.getMessage().startsWith("plans[0] must penalize nothing"), first.getMessage());
    }

    @Test
    void learningCurveAtTheBestStrengthGrowsTheTrainingPart() {
        // 150 iris rows: test 30, validation 45, training 75; fractions 0.4 and 1 train on 30 and 75 rows.
        Study.Outcome o = Study.run(resolve(SPEC.replace("strengths: [0.001, 0.1, 10000]", "strengths: [0.001]")
                + "learningCurve: {fractions: [0.4, 1.0]}\n"), tmp.resolve("lc"), Study.Options.defaults());
        StudySummary.LearningCurve lc = o.summary().learningCurve();
        assertNotNull(lc);
        assertEquals(o.summary().selection().best().candidateId(), lc.candidateId());
        assertEquals(List.of(30, 75), lc.points().stream().map(org.regstudy.diagnosis.LearningCurvePoint::trainSize).toList());
        assertNotNull(lc.reading());
        // the 0.4 runs are stored like any run (and resumable): lc0.4000-<best>-r0, -r1
        assertTrue(Files.isRegularFile(tmp.resolve("lc/runs/lc0.4000-" + lc.candidateId() + "-r1.json")));
    }

    @Test
    void learningCurveReadsAgainstTheFullTrainingPartsTrivialLossWhateverTheFractionsOrder() throws Exception {
        // L_0 is the full training part's (75 rows), not that of the 30-row subset, which has other class
        // priors: with the fractions listed largest first the reading's numbers are the same
        String spec = SPEC.replace("strengths: [0.001, 0.1, 10000]", "strengths: [0.001]");
        StudySummary.LearningCurve ascending = Study.run(resolve(spec + "learningCurve: {fractions: [0.4, 1.0]}\n"),
                tmp.resolve("lc-up"), Study.Options.defaults()).summary().learningCurve();
        StudySummary.LearningCurve descending = Study.run(resolve(spec + "learningCurve: {fractions: [1.0, 0.4]}\n"),
                tmp.resolve("lc-down"), Study.Options.defaults()).summary().learningCurve();
        assertEquals(ascending.reading(), descending.reading());
        // the full part's 75 rows hold 25 of each iris class: L_0 = ln 3 = 1.098612
        assertTrue(ascending.reading().explanation().contains("/1.09861 = "), ascending.reading().explanation());
        double l0 = Math.log(3);
        double subset = ResultJson.mapper().readValue(tmp.resolve("lc-up/runs/lc0.4000-" + ascending.candidateId()
                + "-r0.json").toFile(), RunRecord.class).trivialLoss();
        assertNotEquals(l0, subset, 1e-6, "the 30-row subset's L_0 differs from the full part's, or the test proves nothing");
    }

    @Test
    void kFoldMakesTheFoldPartOfEachRunAndAggregatesOverFolds() {
        String spec = SPEC.replace("split: {validation: 0.3, test: 0.2}", "split: {folds: 3, test: 0.2}")
                .replace("strengths: [0.001, 0.1, 10000]", "strengths: [0.01]").replace("repeats: 2", "repeats: 1");
        Study.Outcome o = Study.run(resolve(spec), tmp.resolve("kf"), Study.Options.defaults());
        // 2 candidates (0 and 0.01) x 1 repeat x 3 folds
        assertEquals(List.of("s00-r0-f0", "s00-r0-f1", "s00-r0-f2", "s01-r0-f0", "s01-r0-f1", "s01-r0-f2"),
                o.records().stream().map(RunRecord::id).sorted().toList());
        assertEquals(List.of(0, 1, 2), o.records().stream().filter(r -> r.candidateId().equals("s00"))
                .map(RunRecord::fold).sorted().toList());
        // each candidate's curve point aggregates its 3 folds
        assertEquals(3, o.summary().candidates().get(0).point().n());
        // the selected candidate's 3 fold models are evaluated on the shared test part (30 rows)
        assertEquals(3, o.summary().bestTest().n());
        assertTrue(o.summary().split().startsWith("3-fold cross-validation"), o.summary().split());
        BadInputException e = assertThrows(BadInputException.class, () -> resolve(SPEC.replace(
                "split: {validation: 0.3, test: 0.2}", "split: {validation: 0.3, folds: 3}")));
        assertTrue(e.getMessage().contains("data.split.folds: k-fold takes only test"), e.getMessage());
    }

    static List<String> lines(Path p) throws java.io.IOException {
        return Files.readAllLines(p);
    }

    @Test
    void aRecordCopiedOverAnotherRunsFileIsNotTakenAsThatRun() throws Exception {
        Path dir = tmp.resolve("copied");
        Study.Outcome first = Study.run(resolve(SPEC), dir, Study.Options.defaults());
        RunRecord s01 = first.records().stream().filter(r -> r.id().equals("s01-r0")).findFirst().orElseThrow();
        // s00-r0's record (strength 0) under s01-r0's name and id: on resume it must not stand for s01-r0
        var json = ResultJson.mapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("runs/s00-r0.json").toFile());
        tree.put("id", "s01-r0");
        tree.put("candidateId", "s01");
        Files.writeString(dir.resolve("runs/s01-r0.json"), json.writeValueAsString(tree));
        Files.delete(dir.resolve("summary.json"));
        Study.Outcome resumed = Study.run(resolve(SPEC), dir,
                new Study.Options(true, ProgressListener.NONE, new java.util.concurrent.atomic.AtomicBoolean()));
        RunRecord again = resumed.records().stream().filter(r -> r.id().equals("s01-r0")).findFirst().orElseThrow();
        assertEquals(s01.parameters(), again.parameters(), "trained again as s01");
        // the same numbers as the first time (EpochRecord holds arrays, compared by reference in equals)
        assertEquals(s01.history().stream().map(e -> e.validationLoss()).toList(),
                again.history().stream().map(e -> e.validationLoss()).toList());
    }
}
