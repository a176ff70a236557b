package org.regstudy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regstudy.data.Dataset;
import org.regstudy.diagnosis.Interval;
import org.regstudy.diagnosis.Statistics;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.SpecResolver;
import org.regstudy.train.ViewUpdater;

/**
 * Shared pieces of the benchmarks: timing, medians, the machine line, and the data sets of a
 * resolved spec (as the study prepares them). Benchmarks print; they never assert on time.
 */
final class Bench {
    private Bench() {
    }

    /**
     * The data and network of the half-moons tutorial setting (2-500-1 relu/sigmoid, Adam 1e-3, first
     * 30 of 100 points train, last 70 validate), shared by the benchmarks so they time the same network.
     */
    static final String MOONS_DATA_AND_NETWORK = """
            data:
              generator: {kind: moons, n: 100, noise: 0.2, seed: 1}
              split: {trainCount: 30, validationCount: 70, shuffle: false}
              normalization: none
            network:
              hidden:
                - {type: dense, units: 500, activation: relu}
              output: {activation: sigmoid, loss: xent}
              updater: {kind: adam, learningRate: 0.001}
            """;

    /** The data and network of the larger case: digits 64-256-10, 1000 training rows, Adam 1e-3. */
    static final String DIGITS_DATA_AND_NETWORK = """
            data:
              file: data/digits.csv
              split: {trainCount: 1000, validationCount: 398, testCount: 399, shuffle: true, stratify: true}
              normalization: minmax-global
            network:
              hidden:
                - {type: dense, units: 256, activation: relu}
              updater: {kind: adam, learningRate: 0.001}
            """;

    /** A timed action. */
    interface Action {
        void run() throws Exception;
    }

    /** Wall time and the calling thread's CPU time of one call, in milliseconds. */
    record Time(double wall, double cpu) {
    }

    /**
     * Times {@code a}: wall time and the calling thread's CPU time. With OMP_NUM_THREADS=1 the
     * native arithmetic runs on the calling thread, so its CPU time is the work done, and it is far
     * less disturbed than wall time when other processes share the cores.
     */
    static Time time(Action a) throws Exception {
        settle();
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        a.run();
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        return new Time((t1 - t0) / 1e6, (c1 - c0) / 1e6);
    }

    /** Milliseconds the JIT compilers have spent so far (0 when the JVM does not tell). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /**
     * Runs {@code a} until the JIT compilers spend less than {@code share} of a run's wall time
     * compiling in two runs in a row (at least {@code min}, at most {@code max} runs), printing each
     * warm-up's wall and compile times. DL4J's code keeps a compiler thread busy for many seconds;
     * before that settles, it runs on whichever core training leaves free, which flatters a single
     * training thread against two.
     */
    static void warmUp(String what, Action a, int min, int max, double share) throws Exception {
        StringBuilder line = new StringBuilder("warm-up (" + what + "; wall ms / jit ms):");
        int quiet = 0;
        for (int i = 0; i < max; i++) {
            settle();
            long j0 = jitMillis();
            long t0 = System.nanoTime();
            a.run();
            double wall = (System.nanoTime() - t0) / 1e6;
            long jit = jitMillis() - j0;
            line.append(String.format(Locale.ROOT, " %.0f/%d", wall, jit));
            quiet = jit < share * wall ? quiet + 1 : 0;
            if (i + 1 >= min && quiet >= 2) {
                break;
            }
        }
        System.out.println(line);
    }

    /** Collections so far and their total time in milliseconds, over all of the JVM's collectors. */
    static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * A full collection and a short pause before a timed action, outside the timing: every variant
     * starts from the same clean heap instead of paying for the previous variant's garbage (ND4J's
     * per-array weak references pile up until a collection clears them).
     */
    static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
    }

    /**
     * The per-repetition ratios {@code a[i] / b[i]} of two variants timed in the same repetitions
     * (adjacent runs share the machine's drift; their median is the "paired" figure).
     */
    static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /**
     * The mean of per-repetition ratios with its two-sided 95 % Student-t interval,
     * {@code mean +- t_{0.975, n-1} s / sqrt(n)} ({@link Statistics#tInterval}), as
     * {@code "mean 1.68, 95 % interval 1.62-1.74"} with {@code decimals} decimals: how far the machine's
     * drift leaves a figure open.
     */
    static String meanInterval(double[] v, int decimals) {
        Interval i = Statistics.tInterval(v, 0.95);
        String f = "%." + decimals + "f";
        return i.hasBounds()
                ? String.format(Locale.ROOT, "mean " + f + ", 95 %% interval " + f + "-" + f, i.mean(), i.low(), i.high())
                : String.format(Locale.ROOT, "mean " + f + ", one repetition: no interval", i.mean());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Like {@link #fmt} with two decimals (ratios). */
    static String fmt2(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return sb.append("]").toString();
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", v[i]));
        }
        return sb.append("]").toString();
    }

    /** Machine, JVM settings and current load, printed at the top of every benchmark. */
    static void header(String name) {
        System.out.println("== " + name + " ==");
        System.out.println("date: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        System.out.println("cpu: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " processors");
        System.out.println("java: " + System.getProperty("java.version") + ", OMP_NUM_THREADS="
                + System.getenv("OMP_NUM_THREADS") + ", maxPhysicalBytes="
                + System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, GC "
                + java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        System.out.println("nd4j: shared shape buffers " + org.regstudy.common.CachedShapeInfoProvider.active()
                + ", cached TAD descriptions and reused op contexts "
                + org.regstudy.common.CachingOpExecutioner.active());
        System.out.println("load at start: " + load());
    }

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg (or the JVM's 1-minute figure). */
    static String load() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg")).trim();
            String[] p = s.split("\\s+");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    static ResolvedStudy resolve(String yaml) {
        return SpecResolver.resolve(SpecLoader.parse(yaml, "benchmark.yaml", true), "benchmark.yaml");
    }

    /** A part as the study trains it: two-class labels become one column when the output is one sigmoid. */
    static DataSet dataSet(Dataset part, ResolvedStudy study) {
        DataSet ds = part.toDataSet();
        if (study.binaryAsSingleOutput()) {
            INDArray positive = ds.getLabels().get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2)).dup();
            ds = new DataSet(ds.getFeatures(), positive);
        }
        return ds;
    }

    /** The minibatches a bare loop fits, made once in a fixed order ({@code batchSize} 0: the whole part). */
    static List<DataSet> batches(DataSet train, int batchSize) {
        return batchSize == 0 || batchSize >= train.numExamples() ? List.of(train) : train.batchBy(batchSize);
    }

    /**
     * A bare DL4J training: a new network of {@code conf} with every layer's seed set, then
     * {@code net.fit(b)} for each minibatch, {@code epochs} times; optionally with RegStudy's
     * {@link ViewUpdater} installed first (as {@code Trainer} does), otherwise DL4J's own updater.
     */
    static Action bareLoop(MultiLayerConfiguration conf, long seed, List<DataSet> batches, int epochs,
                           boolean viewUpdater) {
        return () -> {
            MultiLayerNetwork net = network(conf, seed);
            if (viewUpdater) {
                ViewUpdater.install(net);
            }
            for (int e = 0; e < epochs; e++) {
                for (DataSet b : batches) {
                    net.fit(b);
                }
            }
        };
    }

    /** A new, initialized network of a copy of {@code conf} with every layer's seed set to {@code seed}. */
    static MultiLayerNetwork network(MultiLayerConfiguration conf, long seed) {
        MultiLayerConfiguration c = conf.clone();
        for (var layer : c.getConfs()) {
            layer.setSeed(seed);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        return net;
    }
}
