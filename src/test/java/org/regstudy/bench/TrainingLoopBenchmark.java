package org.regstudy.bench;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.dataset.DataSet;
import org.regstudy.network.NetworkFactory;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.train.RunStatus;
import org.regstudy.train.Trainer;
import org.regstudy.train.TrainingResult;
import org.regstudy.train.TrainingSettings;
import org.regstudy.train.ViewUpdater;

/**
 * RegStudy's {@link Trainer} (recording every 10 epochs) against a bare DL4J {@code net.fit(DataSet)}
 * loop on the same network, data and number of steps, timed in one JVM with warm-up and alternating
 * repetitions; prints the median times and their ratio (target: trainer / bare <= 1.05).
 *
 * <p>Cases: half-moons 2-500-1 (30 training rows, full batch: one step per epoch) and digits
 * 64-256-10 (1000 training rows, batch 32). The bare loop fits the same minibatches in a fixed order
 * made once ({@code DataSet.batchBy}); the trainer reshuffles each epoch, records train and
 * validation data loss, metrics, penalties and weight norms every 10 epochs, and checks divergence.
 * A third variant records only at the last epoch, to separate the cost of recording from the loop's;
 * a fourth at the default interval; and a second bare loop runs with {@link ViewUpdater} (which the
 * trainer installs), so that the trainer's ratio to it is what recording costs, without what the
 * updater saves.
 *
 * <p>Run: {@code bench/run TrainingLoopBenchmark [reps]}.
 */
public final class TrainingLoopBenchmark {

    static final String MOONS = "name: bench-moons\n" + Bench.MOONS_DATA_AND_NETWORK + """
            training: {epochs: %d, batchSize: 32, recordEvery: 10}
            penalty: {kind: l2, convention: keras, layers: ["0"], target: weights, strengths: [0.001]}
            seed: 1
            """;

    static final String DIGITS = "name: bench-digits\n" + Bench.DIGITS_DATA_AND_NETWORK + """
            training: {epochs: %d, batchSize: 32, recordEvery: 10}
            penalty: {kind: l2, convention: keras, layers: ["0"], target: weights, strengths: [0.001]}
            seed: 7
            """;

    private TrainingLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        org.regstudy.common.Nd4jSetup.applyDefaults();   // before anything touches ND4J
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Bench.header("TrainingLoopBenchmark");
        run("moons 2-500-1, 30 rows full batch, 1000 epochs", Bench.resolve(String.format(Locale.ROOT, MOONS, 1000)), reps);
        run("digits 64-256-10, 1000 rows batch 32, 30 epochs", Bench.resolve(String.format(Locale.ROOT, DIGITS, 30)), reps);
        System.out.println("load at end: " + Bench.load());
    }

    static void run(String name, ResolvedStudy study, int reps) throws Exception {
        DataSet train = Bench.dataSet(study.data().split().train(), study);
        DataSet validation = Bench.dataSet(study.data().split().validation(), study);
        // the regularized plan (index 1; index 0 is the strength-0 baseline)
        MultiLayerConfiguration conf = NetworkFactory.configuration(study.network(), study.strengths().get(1).plan());
        TrainingSettings every10 = study.training();
        TrainingSettings atEnd = every10.withRecordEvery(every10.epochs());
        int k = TrainingSettings.defaultRecordEvery(every10.epochs(), train.numExamples(), validation.numExamples(),
                every10.batchSize());
        TrainingSettings byDefault = every10.withRecordEvery(k);
        int batch = every10.batchSize();
        List<DataSet> batches = Bench.batches(train, batch);
        int epochs = every10.epochs();
        long seed = 1;

        Bench.Action bare = Bench.bareLoop(conf, seed, batches, epochs, false);
        // the same bare loop with RegStudy's updater (ViewUpdater, which Trainer installs): the
        // baseline that isolates what recording costs from what the updater saves
        Bench.Action bareView = Bench.bareLoop(conf, seed, batches, epochs, true);
        Bench.Action trainer = () -> check(Trainer.train(Bench.network(conf, seed), train, validation, true, every10, seed));
        Bench.Action trainerEnd = () -> check(Trainer.train(Bench.network(conf, seed), train, validation, true, atEnd, seed));
        Bench.Action trainerDefault = () -> check(Trainer.train(Bench.network(conf, seed), train, validation, true, byDefault,
                seed));

        System.out.println();
        System.out.println("case: " + name + " (" + batches.size() + " steps per epoch, " + epochs * batches.size()
                + " steps per run)");
        // warm-up: all five in turn until compiling takes under 3 % of the round
        Bench.warmUp("a round of the five variants", () -> {
            bare.run();
            trainer.run();
            trainerEnd.run();
            trainerDefault.run();
            bareView.run();
        }, 2, 8, 0.03);
        Bench.Action[] variants = {bare, trainer, trainerEnd, trainerDefault, bareView};
        String[] names = {"bare fit loop           ", "Trainer, record every 10", "Trainer, record at end  ",
            String.format(Locale.ROOT, "Trainer, default k = %-4d", k), "bare loop, ViewUpdater  "};
        int nv = variants.length;
        double[][] wall = new double[nv][reps];
        double[][] cpu = new double[nv][reps];
        for (int r = 0; r < reps; r++) {
            // alternate the order so drift in machine load hits all variants alike
            for (int j = 0; j < nv; j++) {
                int v = r % 2 == 0 ? j : nv - 1 - j;
                Bench.Time t = Bench.time(variants[v]);
                wall[v][r] = t.wall();
                cpu[v][r] = t.cpu();
            }
        }
        double[] mw = new double[nv];
        double[] mc = new double[nv];
        for (int v = 0; v < nv; v++) {
            mw[v] = Bench.median(wall[v]);
            mc[v] = Bench.median(cpu[v]);
            System.out.printf(Locale.ROOT, "%s  wall median %7.0f ms %s   cpu median %7.0f ms %s%n", names[v], mw[v],
                    Bench.fmt(wall[v]), mc[v], Bench.fmt(cpu[v]));
        }
        // On this kind of virtual machine the speed drifts by +-15 % over seconds; adjacent runs share
        // the drift, so the median over repetitions of each repetition's ratio is the steady figure.
        System.out.printf(Locale.ROOT, "ratio Trainer(every 10) / bare: wall %.3f (paired %.3f; %s), cpu %.3f (paired "
                + "%.3f)   (target <= 1.05)%n", mw[1] / mw[0], paired(wall, 1),
                Bench.meanInterval(Bench.ratios(wall[1], wall[0]), 3), mc[1] / mc[0], paired(cpu, 1));
        System.out.printf(Locale.ROOT, "ratio Trainer(at end)   / bare: wall %.3f (paired %.3f), cpu %.3f (paired %.3f)%n",
                mw[2] / mw[0], paired(wall, 2), mc[2] / mc[0], paired(cpu, 2));
        System.out.printf(Locale.ROOT, "ratio Trainer(default k = %d) / bare: wall %.3f (paired %.3f), cpu %.3f (paired "
                + "%.3f)%n", k, mw[3] / mw[0], paired(wall, 3), mc[3] / mc[0], paired(cpu, 3));
        System.out.printf(Locale.ROOT, "ratio Trainer(every 10) / bare loop with ViewUpdater: wall %.3f (paired %.3f), "
                + "cpu %.3f (paired %.3f)   (recording alone)%n", mw[1] / mw[4], paired(wall, 1, 4), mc[1] / mc[4],
                paired(cpu, 1, 4));
        System.out.printf(Locale.ROOT, "ratio bare loop with ViewUpdater / bare: wall %.3f (paired %.3f)   (the updater alone)%n",
                mw[4] / mw[0], paired(wall, 4));
        System.out.println("load now: " + Bench.load());
    }

    /** Median over repetitions of variant {@code v}'s time over the bare loop's in the same repetition. */
    private static double paired(double[][] t, int v) {
        return paired(t, v, 0);
    }

    /** Median over repetitions of variant {@code v}'s time over variant {@code base}'s in the same repetition. */
    private static double paired(double[][] t, int v, int base) {
        return Bench.median(Bench.ratios(t[v], t[base]));
    }

    private static void check(TrainingResult r) {
        if (r.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("benchmark training did not complete: " + r.status() + " " + r.reason());
        }
    }
}
