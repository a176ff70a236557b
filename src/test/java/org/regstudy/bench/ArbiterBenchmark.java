package org.regstudy.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.search.RunContext;
import org.regstudy.search.Search;
import org.regstudy.search.Study;
import org.regstudy.search.arbiter.PenaltySpaces;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.train.RunStatus;
import org.regstudy.train.TrainingSettings;

/**
 * The same 7 candidates (an Arbiter {@code MultiLayerSpace} over the hidden layer's L2 strength, a
 * 7-point log grid from 1e-6 to 1, half-moons 2-500-1, full batch) three ways, one after another at
 * concurrency 1: Arbiter's stock {@code LocalOptimizationRunner} + {@code MultiLayerNetworkTaskCreator}
 * (its {@code DataSource}, {@code TestSetLossScoreFunction}, no model saver: the stock task still
 * calls {@code System.gc()} and sleeps 2 s after every candidate), RegStudy's drop-in
 * ({@link Search#run(OptimizationConfiguration, RunContext, int, int, Path, Study.Options)}: records
 * every 10 epochs, verdicts, weight statistics, model zips, summary), and bare DL4J
 * {@code net.fit(DataSet)} loops over the same 7 configurations. Prints median wall times, the
 * Arbiter/RegStudy ratio and RegStudy's overhead over the bare loops (target <= 5%).
 *
 * <p>Run: {@code bench/run ArbiterBenchmark [reps] [epochs] [recordEvery] [overheadReps]}.
 */
public final class ArbiterBenchmark {

    static volatile DataSet train;
    static volatile DataSet validation;

    private ArbiterBenchmark() {
    }

    /** Arbiter's data source: the benchmark's prepared parts (Arbiter instantiates it by class). */
    public static final class MoonsSource implements DataSource {
        public MoonsSource() {
        }

        @Override
        public void configure(Properties properties) {
            // nothing to configure
        }

        @Override
        public Object trainData() {
            return new ExistingDataSetIterator(List.of(train));
        }

        @Override
        public Object testData() {
            return new ExistingDataSetIterator(List.of(validation));
        }

        @Override
        public Class<?> getDataType() {
            return DataSetIterator.class;
        }
    }

    static MultiLayerSpace space(int epochs) {
        return new MultiLayerSpace.Builder()
                .seed(1)
                .updater(new AdamSpace(new FixedValue<>(1e-3), new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                .addLayer(new DenseLayerSpace.Builder().nOut(500).activation(Activation.RELU)
                        .l2(PenaltySpaces.logUniform(1e-6, 1)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(LossFunctions.LossFunction.XENT).build())
                .setInputType(InputType.feedForward(2))
                .numEpochs(epochs)
                .build();
    }

    /** A fresh job (the generator is stateful): the 7-point grid, sequential, at most 7 candidates. */
    static OptimizationConfiguration job(int epochs) {
        return new OptimizationConfiguration.Builder()
                .candidateGenerator(new GridSearchCandidateGenerator(space(epochs), 7,
                        GridSearchCandidateGenerator.Mode.Sequential, null))
                .dataSource(MoonsSource.class, null)
                .scoreFunction(new TestSetLossScoreFunction(true))
                .terminationConditions(new MaxCandidatesCondition(7))
                .rngSeed(1)
                .build();
    }

    public static void main(String[] args) throws Exception {
        org.regstudy.common.Nd4jSetup.applyDefaults();   // before anything touches ND4J
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        Bench.header("ArbiterBenchmark");
        ResolvedStudy study = Bench.resolve(String.format(Locale.ROOT, TrainingLoopBenchmark.MOONS, epochs));
        train = Bench.dataSet(study.data().split().train(), study);
        validation = Bench.dataSet(study.data().split().validation(), study);
        System.out.println("7 candidates: L2 on the hidden layer, grid 1e-6..1 (7 log-spaced points); half-moons "
                + "2-500-1, 30 rows full batch, " + epochs + " epochs; concurrency 1");
        // RegStudy records at its default interval (TrainingSettings.defaultRecordEvery: about 5 % of
        // the training time by its cost model; 60 epochs here), unless a third argument sets one.
        int recordEvery = args.length > 2 ? Integer.parseInt(args[2])
                : TrainingSettings.defaultRecordEvery(epochs, train.numExamples(), validation.numExamples(), 0);
        System.out.println("RegStudy records every " + recordEvery + " epochs");
        // the overhead pair is short (about 6 s a repetition) and its ratio is what the target is
        // about: many repetitions (default 8 per repetition of the stock comparison) for a tight median
        int overheadReps = args.length > 3 ? Integer.parseInt(args[3]) : 8 * reps;
        TrainingSettings settings = new TrainingSettings(epochs, 0, recordEvery, 0, 1e6);
        RunContext context = new RunContext(train, validation, null, true, null, settings, Thresholds.defaults(), 1,
                "bench", "bench", "half-moons 100 points", "100x2", 1, true);
        Path tmp = Files.createTempDirectory("regstudy-bench");
        int[] counter = {0};
        Bench.Action arbiter = () -> new LocalOptimizationRunner(job(epochs), new MultiLayerNetworkTaskCreator()).execute();
        Bench.Action regstudy = () -> {
            Study.Outcome o = Search.run(job(epochs), context, 1, 1, tmp.resolve("s" + counter[0]++),
                    Study.Options.defaults());
            if (o.records().size() != 7 || o.records().stream().anyMatch(r -> r.status() != RunStatus.COMPLETED)) {
                throw new IllegalStateException("RegStudy did not complete 7 runs: " + o.records().size());
            }
        };
        Bench.Action bare = () -> {
            for (org.deeplearning4j.nn.conf.MultiLayerConfiguration c : configurations(epochs)) {
                MultiLayerNetwork net = new MultiLayerNetwork(c);
                net.init();
                for (int e = 0; e < epochs; e++) {
                    net.fit(train);
                }
            }
        };
        try {
            // warm-up of all three paths with 20 epochs (JIT, class loading, native loading)
            new LocalOptimizationRunner(job(20), new MultiLayerNetworkTaskCreator()).execute();
            Search.run(job(20), new RunContext(train, validation, null, true, null, settings.withEpochs(20),
                    Thresholds.defaults(), 1, "warm", "warm", "warm-up", "100x2", 1, true), 1, 1, tmp.resolve("warm"),
                    Study.Options.defaults());
            bare.run();
            // Two comparisons, each its own alternating pair, so that neither variant of a pair ever runs
            // right after the stock runner (which leaves threads and garbage behind) more often than the
            // other: (1) Arbiter's stock runner against RegStudy, (2) RegStudy against bare fit loops.
            // Each repetition of a pair gives a ratio; the medians of those ratios are the figures (on
            // this kind of virtual machine the speed drifts by +-15 % over seconds, which adjacent
            // measurements share).
            double[][] stock = pair(arbiter, regstudy, reps);
            // the overhead pair measures a few percent: warm both sides until the JIT has settled
            Bench.warmUp("RegStudy then bare loops", () -> {
                regstudy.run();
                bare.run();
            }, 2, 10, 0.03);
            double[][] overhead = pair(regstudy, bare, overheadReps);
            System.out.printf(Locale.ROOT, "Arbiter stock runner + task creator  wall median %7.0f ms %s%n",
                    Bench.median(stock[0]), Bench.fmt(stock[0]));
            System.out.printf(Locale.ROOT, "RegStudy (drop-in Search.run)        wall median %7.0f ms %s (pair 1), %7.0f ms %s (pair 2)%n",
                    Bench.median(stock[1]), Bench.fmt(stock[1]), Bench.median(overhead[0]), Bench.fmt(overhead[0]));
            System.out.printf(Locale.ROOT, "bare DL4J fit loops                  wall median %7.0f ms %s%n",
                    Bench.median(overhead[1]), Bench.fmt(overhead[1]));
            System.out.printf(Locale.ROOT, "wall ratio Arbiter stock / RegStudy = %.2f (median of %d paired ratios)%n",
                    Bench.median(ratios(stock)), reps);
            System.out.printf(Locale.ROOT, "RegStudy overhead over bare fit loops: wall %+.1f%% (median of %d paired ratios; "
                    + "ratio of medians %+.1f%%)   (target <= 5%%)%n", 100 * (Bench.median(ratios(overhead)) - 1),
                    overhead[0].length, 100 * (Bench.median(overhead[0]) / Bench.median(overhead[1]) - 1));
            System.out.println("load at end: " + Bench.load());
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The 7 configurations of the grid, as Arbiter generates them. */
    static List<org.deeplearning4j.nn.conf.MultiLayerConfiguration> configurations(int epochs) {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space(epochs), 7,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<org.deeplearning4j.nn.conf.MultiLayerConfiguration> out = new ArrayList<>();
        while (g.hasMoreCandidates() && out.size() < 7) {
            Candidate c = g.getCandidate();
            out.add(((DL4JConfiguration) c.getValue()).getMultiLayerConfiguration());
        }
        return out;
    }

    /** Wall times of {@code reps} alternating runs of {@code a} and {@code b} (a first in even repetitions). */
    private static double[][] pair(Bench.Action a, Bench.Action b, int reps) throws Exception {
        double[][] wall = new double[2][reps];
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < 2; k++) {
                int v = r % 2 == 0 ? k : 1 - k;
                wall[v][r] = timeProcess(v == 0 ? a : b)[0];
            }
        }
        return wall;
    }

    /** Per repetition, the first variant's time over the second's. */
    private static double[] ratios(double[][] wall) {
        double[] out = new double[wall[0].length];
        for (int r = 0; r < out.length; r++) {
            out[r] = wall[0][r] / wall[1][r];
        }
        return out;
    }

    /** {wall ms, process cpu ms} of one call. */
    private static double[] timeProcess(Bench.Action a) throws Exception {
        Bench.settle();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        a.run();
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        return new double[] {(t1 - t0) / 1e6, (c1 - c0) / 1e6};
    }
}
