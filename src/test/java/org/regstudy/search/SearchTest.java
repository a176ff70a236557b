package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.cli.CliRun;
import org.regstudy.search.arbiter.EvaluatorDataSource;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.train.RunStatus;

/**
 * Searches end to end: a per-layer L2 grid on iris through {@code regstudy search} and
 * {@code regstudy results}, a search with a diverging candidate, and an Arbiter-built job through
 * {@link Search#run(OptimizationConfiguration, RunContext, int, int, Path, Study.Options)}.
 */
class SearchTest {

    /** Iris, a 4-8-3 MLP; per-layer L2 over {1e-4, 1e-1} on both layers: 2^2 = 4 grid candidates + base. */
    static final String GRID = """
            name: iris-grid
            data:
              file: data/iris.csv
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 8, activation: relu}
              updater: {kind: adam, learningRate: 0.05}
            training: {epochs: 30, batchSize: 0, recordEvery: 5}
            penalty:
              kind: l2
              layers: ["0", "output"]
            search:
              method: grid
              strengths: per-layer
              strengthRange: {min: 0.0001, max: 0.1}
              gridPoints: 2
            repeats: 2
            seed: 4
            concurrency: 2
            """;

    @TempDir
    Path tmp;

    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    /** Leaderboard rows: lines starting with a rank number. */
    static List<String[]> rows(String text) {
        return text.lines().filter(l -> l.matches("^\\d+\\s+\\S+.*")).map(l -> l.trim().split("\\s+")).toList();
    }

    @Test
    void aFloat64SearchCandidateIsOfItsBaselinesFamily() {
        // Arbiter's candidates had float64 only on the whole configuration, each layer's still said
        // FLOAT while the baseline's layers said DOUBLE: the baseline was a family of its own, and in a
        // search whose best was the baseline no candidate could be read against it
        ResolvedStudy study = StudyTest.resolve(GRID.replace("  updater: {kind: adam, learningRate: 0.05}",
                "  updater: {kind: adam, learningRate: 0.05}\n  dataType: float64"));
        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, study.network().dataType());
        var space = org.regstudy.search.arbiter.PenaltySpaces.fromSpec(study.spec(), study.network());
        var generator = org.regstudy.search.arbiter.ArbiterSearch.generator(space,
                org.regstudy.search.arbiter.PenaltySpaces.settings(study.spec()));
        var arbiter = generator.getCandidate();
        var read = org.regstudy.search.arbiter.CandidateReader.read(space, 0, arbiter.getFlatParameters(),
                (org.deeplearning4j.arbiter.DL4JConfiguration) arbiter.getValue());
        Candidate candidate = Search.candidate(read, study.network().dataType());
        Candidate base = Candidate.of("base", 0, java.util.Map.of("baseline", "no penalty"),
                org.regstudy.network.NetworkFactory.configuration(study.network(), org.regstudy.penalty.PenaltyPlan.none()));
        assertEquals(List.of("f0", "f0"), Summaries.families(List.of(base, candidate)));
    }

    @Test
    void perLayerGridSearchThroughTheCliAndTheResultsLeaderboard() throws Exception {
        Path spec = tmp.resolve("grid.yaml");
        Files.writeString(spec, GRID);
        Path dir = tmp.resolve("grid");
        CliRun.Result run = cli("search", spec.toString(), "--out", dir.toString(), "--no-report");
        assertEquals(0, run.code(), run.err());
        // leaderboard on stdout: 5 candidates ranked 1..5
        assertTrue(run.out().startsWith("search iris-grid: 5 candidates, 10 runs (10 completed, 0 diverged, 0 failed)"),
                run.out());
        List<String[]> board = rows(run.out());
        assertEquals(5, board.size(), run.out());
        assertEquals(List.of("1", "2", "3", "4", "5"), board.stream().map(r -> r[0]).toList());
        // progress on stderr
        assertTrue(run.err().contains("[10/10 runs]"), run.err());

        StudySummary s = ResultStore.read(dir).readJson("summary.json", StudySummary.class).orElseThrow();
        assertEquals("search", s.kind());
        assertEquals(List.of("base", "c0000", "c0001", "c0002", "c0003"),
                s.candidates().stream().map(StudySummary.CandidateSummary::id).toList());
        // the grid is per layer: c0000..c0003 = the 4 combinations of {1e-4, 1e-1} for layer0 and layer1
        java.util.Set<String> combos = new java.util.HashSet<>();
        for (StudySummary.CandidateSummary c : s.candidates().subList(1, 5)) {
            combos.add(c.parameters().get("layer0.l2") + "/" + c.parameters().get("layer1.l2"));
        }
        assertEquals(4, combos.size(), combos.toString());
        // candidates name their layers as the baseline (and a study) does: the output layer is
        // "output" in every run's plan and weight statistics (Arbiter's default was "layer1"), and
        // apart from the penalty they are one configuration, so the sweep reads them against each other
        List<RunRecord> records = ResultStore.read(dir).readAll();
        for (RunRecord r : records) {
            assertTrue(r.plan().get(1).startsWith("1 output:"), r.id() + ": " + r.plan());
            assertTrue(r.weights().stream().anyMatch(w -> w.layer().equals("output")), r.id());
        }
        assertTrue(s.candidates().stream().noneMatch(c -> c.sweep().reason().contains("more than its penalty")),
                "one family");
        assertNotNull(s.bestTest(), "the selection is evaluated on the test part");
        assertNotNull(s.baselineTest());

        // regstudy results DIR --sort gap --top 3: 3 ranked rows, in ascending mean gap ratio
        CliRun.Result results = cli("results", dir.toString(), "--sort", "gap", "--top", "3");
        assertEquals(0, results.code(), results.err());
        List<String[]> top = rows(results.out());
        assertEquals(3, top.size(), results.out());
        List<String> expected = s.candidates().stream()
                .sorted(Comparator.comparingDouble(c -> c.repeats().gapRatio().mean()))
                .limit(3).map(StudySummary.CandidateSummary::id).toList();
        assertEquals(expected, top.stream().map(r -> r[1]).toList(), results.out());
        // and says that it shows 3 of them, and how to list all
        int all = s.candidates().size();
        assertTrue(results.out().contains("shown: 3 of " + all + " candidates (regstudy results DIR --top " + all
                + " lists all)"), results.out());
    }

    @Test
    void divergingCandidateIsRecordedAndTheSearchCompletesTheRest() throws Exception {
        // SGD lr 0.5 with a shared L2 grid {1e-3, 1e4}: the L2 step multiplies the weights by
        // (1 - lr*c) = 1 - 0.5*1e4 = -4999 per step, so c0001 diverges; base and c0000 complete.
        String text = GRID.replace("kind: adam, learningRate: 0.05", "kind: sgd, learningRate: 0.5")
                .replace("strengths: per-layer", "strengths: shared")
                .replace("strengthRange: {min: 0.0001, max: 0.1}", "strengthRange: {min: 0.001, max: 10000}");
        Path spec = tmp.resolve("div.yaml");
        Files.writeString(spec, text);
        Path dir = tmp.resolve("div");
        CliRun.Result run = cli("search", spec.toString(), "--out", dir.toString(), "--no-report");
        assertEquals(0, run.code(), run.err());
        StudySummary s = ResultStore.read(dir).readJson("summary.json", StudySummary.class).orElseThrow();
        assertEquals(6, s.runs(), "(base + 2 grid points) x 2 repeats");
        assertEquals(2, s.diverged());
        assertEquals(4, s.completed());
        List<RunRecord> records = ResultStore.read(dir).readAll();
        assertEquals(List.of("c0001-r0", "c0001-r1"), records.stream().filter(r -> r.status() == RunStatus.DIVERGED)
                .map(RunRecord::id).toList());
        assertEquals(10000.0, (Double) records.stream().filter(r -> r.id().equals("c0001-r0")).findFirst().orElseThrow()
                .parameters().get("layer0.l2"), 1e-6);
        assertTrue(run.err().contains("DIVERGED"), run.err());
        assertTrue(run.out().contains("2 diverged"), run.out());
        // under the leaderboard, each diverged run with its reason, as under a study's table
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("run c0001-r0 ") && l.contains("DIVERGED")), run.out());
        assertFalse(s.selection().best().candidateId().equals("c0001"));
        // the search's report renders and lists the diverged candidate with its reason (issue 8)
        CliRun.Result report = cli("report", dir.toString());
        assertEquals(0, report.code(), report.err());
        String html = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("c0001-r0") && html.contains("DIVERGED"), "diverged run listed in the report");
        assertTrue(html.contains("exceeds the divergence limit") || html.contains("non-finite"), "with its reason");
    }

    @Test
    void arbiterBuiltJobRunsThroughRegStudy() throws Exception {
        ResolvedStudy iris = StudyTest.resolve(GRID);
        RunContext context = Study.context(iris, iris.data(), iris.data().split().train(), true);
        // An existing Arbiter job, written the Arbiter way (docs/search.md)
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .seed(4)
                .updater(new AdamSpace(new ContinuousParameterSpace(0.01, 0.1)))
                .addLayer(new DenseLayerSpace.Builder().nOut(8).activation(Activation.RELU)
                        .l2(new ContinuousParameterSpace(1e-4, 1e-1)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        OptimizationConfiguration job = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(space, null))
                .dataSource(EvaluatorDataSource.class, null)
                .scoreFunction(new TestSetLossScoreFunction(true))
                .terminationConditions(new MaxCandidatesCondition(3), new MaxTimeCondition(10, TimeUnit.MINUTES))
                .rngSeed(11)
                .build();
        Path dir = tmp.resolve("arbiter");
        Study.Outcome o = Search.run(job, context, 2, 2, dir, Study.Options.defaults());
        assertFalse(o.interrupted());
        var specJson = ResultJson.mapper().readTree(dir.resolve("spec.json").toFile());
        assertEquals("Search.run (Java API)", specJson.get("source").asText());
        assertTrue(specJson.get("arbiterJob").isObject(), specJson.toString());
        assertEquals(6, o.records().size(), "exactly 3 candidates (never overshot) x 2 repeats");
        assertTrue(o.records().stream().allMatch(r -> r.status() == RunStatus.COMPLETED));
        for (RunRecord r : o.records()) {
            double l2 = (Double) r.parameters().get("layer0.l2");
            assertTrue(l2 >= 1e-4 && l2 <= 1e-1, "sampled in the space: " + l2);
            assertTrue(r.plan().get(0).contains("l2("), r.plan().toString());
        }
        StudySummary s = ResultStore.read(dir).readJson("summary.json", StudySummary.class).orElseThrow();
        assertEquals("search", s.kind());
        assertEquals(3, s.candidates().size());
        assertNotNull(s.selection());
        assertTrue(Files.isRegularFile(dir.resolve("runs.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("job.json")));
        assertEquals(1 + 6, Files.readAllLines(dir.resolve("runs.csv")).size(), "header + 6 runs");
        // the results command reads it like any other result directory
        CliRun.Result results = cli("results", dir.toString());
        assertEquals(0, results.code(), results.err());
        assertEquals(3, rows(results.out()).size(), results.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{kind: adam, learningRate: 0.05}", "{kind: adamw, learningRate: 0.05}",
            "{kind: nesterovs, learningRate: 0.05, momentum: 0.8}", "{kind: sgd, learningRate: 0.05}"})
    void searchCandidatesTrainWithTheStudysConfiguration(String updater) {
        // A search candidate is the study's network with the candidate's plan: the same DL4J
        // configuration, updater settings included. Arbiter beta7's AdamSpace(lr) set Adam's beta1,
        // beta2 and epsilon to 0.001 (DL4J: 0.9, 0.999, 1e-8), so every Adam candidate trained with
        // other settings than the study's baseline.
        ResolvedStudy study = StudyTest.resolve(GRID.replace("{kind: adam, learningRate: 0.05}", updater));
        var generator = org.regstudy.search.arbiter.ArbiterSearch.generator(
                org.regstudy.search.arbiter.PenaltySpaces.fromSpec(study.spec(), study.network()),
                org.regstudy.search.arbiter.PenaltySpaces.settings(study.spec()));
        var conf = ((org.deeplearning4j.arbiter.DL4JConfiguration) generator.getCandidate().getValue())
                .getMultiLayerConfiguration();
        org.regstudy.penalty.PenaltyPlan plan = org.regstudy.network.NetworkFactory.readPlan(conf);
        var expected = org.regstudy.network.NetworkFactory.configuration(study.network(), plan);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            var got = (org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(i).getLayer();
            var want = (org.deeplearning4j.nn.conf.layers.BaseLayer) expected.getConf(i).getLayer();
            assertEquals(want.getIUpdater(), got.getIUpdater(), "layer " + i + " updater");
            assertEquals(want.getRegularization(), got.getRegularization(), "layer " + i + " weight penalties");
            assertEquals(want.getRegularizationBias(), got.getRegularizationBias(), "layer " + i + " bias penalties");
        }
        if (updater.contains("adam")) {
            var adam = (org.nd4j.linalg.learning.config.Adam) ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                    conf.getConf(0).getLayer()).getIUpdater();
            // DL4J's Adam(lr): beta1 0.9, beta2 0.999, epsilon 1e-8
            assertEquals(List.of(0.05, 0.9, 0.999, 1e-8),
                    List.of(adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon()));
        }
    }

    @Test
    void searchCandidatesShareTheStudysResolvedNetwork() {
        // AdamW (decay defaults to 0.01) and float64: the study's plan carries WeightDecay(0.01) on
        // every layer's weights and DOUBLE data; a search candidate must carry the same.
        ResolvedStudy study = StudyTest.resolve(GRID.replace("{kind: adam, learningRate: 0.05}",
                "{kind: adamw, learningRate: 0.05}").replace("updater:", "dataType: float64\n  updater:"));
        org.deeplearning4j.arbiter.MultiLayerSpace space =
                org.regstudy.search.arbiter.PenaltySpaces.fromSpec(study.spec(), study.network());
        var generator = org.regstudy.search.arbiter.ArbiterSearch.generator(space,
                org.regstudy.search.arbiter.PenaltySpaces.settings(study.spec()));
        var conf = ((org.deeplearning4j.arbiter.DL4JConfiguration) generator.getCandidate().getValue())
                .getMultiLayerConfiguration();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(i).getLayer();
            assertTrue(layer.getRegularization().stream().anyMatch(r ->
                    r instanceof org.nd4j.linalg.learning.regularization.WeightDecay wd && wd.getCoeff().valueAt(0, 0) == 0.01),
                    "layer " + i + ": " + layer.getRegularization());
        }
        var output = (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) conf.getConf(conf.getConfs().size() - 1).getLayer();
        assertEquals(study.network().output().loss(), output.getLossFn().getClass().getSimpleName().equals("LossMCXENT")
                ? "MCXENT" : output.getLossFn().getClass().getSimpleName());
        Candidate c = Search.candidate(new org.regstudy.search.arbiter.SearchCandidate(0, "c0000", java.util.Map.of(),
                conf, org.regstudy.network.NetworkFactory.readPlan(conf)), study.network().dataType());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, c.configuration(1).getDataType());
    }
}
