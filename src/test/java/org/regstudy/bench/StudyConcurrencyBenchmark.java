package org.regstudy.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.regstudy.search.Study;
import org.regstudy.spec.ResolvedStudy;

/**
 * A 7-strength study (plus the strength-0 baseline: 8 runs) of the half-moons tutorial setting with
 * fewer epochs, at concurrency 2 against concurrency 1, same spec otherwise; prints the median wall
 * times, the speed-up (target >= 1.7x on 2 cores) and the process CPU time per wall second. In the
 * same repetitions it times two baselines: the study's 8 trainings as bare DL4J fit loops on a pool
 * of 1 and 2 threads, with DL4J's updater and with {@link org.regstudy.train.ViewUpdater}, so the
 * study's speed-up can be read against what DL4J itself gives on this machine at that moment. At the
 * end it prints five reference speed-ups of simpler work on 2 threads against 1 ({@link #twoOverOne}).
 *
 * <p>With {@code processes} it times, instead, the op calls, the step on arrays made once and the
 * study itself in separate JVMs, one alone and two at once ({@link #processes}): what the same work
 * gives when nothing inside a JVM is shared.
 *
 * <p>Run: {@code bench/run StudyConcurrencyBenchmark [reps] [epochs] [moons|digits|both|ceiling|processes]}
 * (digits runs {@code epochs / 20} epochs of 32 steps; {@code ceiling} only the thread reference
 * speed-ups, {@code processes} only the separate JVMs'; the first argument is then unused).
 */
public final class StudyConcurrencyBenchmark {

    /** What the study adds to the shared data, network and training: 7 strengths, one repeat, concurrency. */
    private static final String STUDY = """
            penalty:
              kind: l2
              convention: keras
              layers: ["0"]
              target: weights
              strengths: [0.000001, 0.00001, 0.0001, 0.001, 0.01, 0.1, 1]
            repeats: 1
            concurrency: %d
            keepModels: none
            """;

    static final String SPEC = "name: bench-moons-study\n" + Bench.MOONS_DATA_AND_NETWORK
            + "training: {epochs: %d, batchSize: 32, recordEvery: 20}\nseed: 1\n" + STUDY;

    /** The same kind of study on a larger network: digits 64-256-10, 1000 training rows, batch 32. */
    static final String DIGITS_SPEC = "name: bench-digits-study\n" + Bench.DIGITS_DATA_AND_NETWORK
            + "training: {epochs: %d, batchSize: 32, recordEvery: 10}\nseed: 7\n" + STUDY;

    private StudyConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        org.regstudy.common.Nd4jSetup.applyDefaults();   // before anything touches ND4J
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        String which = args.length > 2 ? args[2] : "moons";
        if (!List.of("moons", "digits", "both", "ceiling", "processes").contains(which)) {
            throw new IllegalArgumentException("third argument: moons, digits, both, ceiling or processes, got " + which);
        }
        Bench.header("StudyConcurrencyBenchmark");
        if (which.equals("moons") || which.equals("both")) {
            System.out.println("study: half-moons 2-500-1, 7 strengths + baseline = 8 runs, " + epochs
                    + " epochs full batch, record every 20, keepModels none");
            run(SPEC, reps, epochs);
        }
        if (which.equals("processes")) {
            processes(epochs);
            System.out.println("load at end: " + Bench.load());
            return;
        }
        if (which.equals("digits") || which.equals("both")) {
            int digitsEpochs = Math.max(1, epochs / 20);
            System.out.println();
            System.out.println("study: digits 64-256-10, 1000 training rows, batch 32 (32 steps an epoch), 7 strengths "
                    + "+ baseline = 8 runs, " + digitsEpochs + " epochs (epochs / 20), record every 10, keepModels none");
            run(DIGITS_SPEC, reps, digitsEpochs);
        }
        reference("plain Java arithmetic (work that shares nothing)", StudyConcurrencyBenchmark::arithmetic);
        reference("fused multiply-adds filling the floating-point units (two hardware threads of one core read about 1x)",
                StudyConcurrencyBenchmark::fusedMultiplyAdds);
        reference("Java float loops of a half-moons step (the same shapes, no ND4J)", StudyConcurrencyBenchmark::javaStep);
        reference("ND4J's ops of a half-moons step on arrays made once (ND4J's kernels and calls, no DL4J)",
                StudyConcurrencyBenchmark::nd4jStep);
        reference("ND4J's cost of calling an op, alone (in-place adds of 4 x 4 arrays: no arithmetic to speak of)",
                StudyConcurrencyBenchmark::nd4jCalls);
        System.out.println("load at end: " + Bench.load());
    }

    private static void run(String spec, int reps, int epochs) throws Exception {
        ResolvedStudy c1 = Bench.resolve(String.format(Locale.ROOT, spec, epochs, 1));
        ResolvedStudy c2 = Bench.resolve(String.format(Locale.ROOT, spec, epochs, 2));
        // the baselines: the study's 8 trainings (same configurations, seed and number of steps) as
        // bare DL4J fit loops on a pool of 1 or 2 threads, nothing recorded or written
        List<MultiLayerConfiguration> confs = Study.candidates(c1).stream().map(c -> c.configuration(c1.seed())).toList();
        List<DataSet> batches = Bench.batches(Bench.dataSet(c1.data().split().train(), c1), c1.training().batchSize());
        Path tmp = Files.createTempDirectory("regstudy-bench");
        try {
            // warm-up until compiling takes under 3 % of a study (JIT compilation of DL4J's and ND4J's
            // Java code goes on for 5-8 studies here; measured before it settles, it runs on the core a
            // single training thread leaves free, and concurrency 1 looks faster than it is)
            int[] w = {0};
            Bench.warmUp("studies alternating concurrency 2 and 1", () -> study(w[0] % 2 == 0 ? c2 : c1,
                    tmp.resolve("warm" + w[0]++)), 4, 16, 0.03);
            Bench.warmUp("bare loops on 2 and 1 threads, DL4J's updater and ViewUpdater", () -> {
                barePool(confs, c1.seed(), batches, epochs, 2, false).run();
                barePool(confs, c1.seed(), batches, epochs, 1, true).run();
            }, 1, 4, 0.03);
            // per repetition, in turn (reversed every other repetition, so drift hits all alike):
            // study at 1 and 2, bare DL4J loops on 1 and 2 threads, bare loops with ViewUpdater on 1 and 2
            double[][][] wall = new double[3][3][reps];   // [kind: study, bare, view][concurrency 1 or 2][rep]
            double[][] util = new double[3][reps];   // the study's, by concurrency 1 or 2
            double[][] cpu = new double[3][reps];
            double[][] gcs = new double[2][2 * reps];   // collections and their milliseconds, timed studies only
            long jit0 = Bench.jitMillis();
            long[][] jitByVariant = new long[3][3];   // [kind][concurrency 1 or 2]: compiling while it ran
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < 6; j++) {
                    int v = r % 2 == 0 ? j : 5 - j;
                    int kind = v / 2;
                    int c = v % 2 + 1;
                    long variantJit0 = Bench.jitMillis();
                    if (kind == 0) {
                        double[] cpuWall = study(c == 2 ? c2 : c1, tmp.resolve("r" + r + "c" + c));
                        wall[0][c][r] = cpuWall[1];
                        util[c][r] = cpuWall[0] / cpuWall[1];
                        cpu[c][r] = cpuWall[0];
                        gcs[0][2 * r + c - 1] = cpuWall[2];
                        gcs[1][2 * r + c - 1] = cpuWall[3];
                    } else {
                        wall[kind][c][r] = Bench.time(barePool(confs, c1.seed(), batches, epochs, c, kind == 2)).wall();
                    }
                    jitByVariant[kind][c] += Bench.jitMillis() - variantJit0;
                }
            }
            long jit = Bench.jitMillis() - jit0;
            System.out.printf(Locale.ROOT, "concurrency 1  wall median %7.0f ms %s   process cpu/wall %.2f%n",
                    Bench.median(wall[0][1]), Bench.fmt(wall[0][1]), Bench.median(util[1]));
            System.out.printf(Locale.ROOT, "concurrency 2  wall median %7.0f ms %s   process cpu/wall %.2f%n",
                    Bench.median(wall[0][2]), Bench.fmt(wall[0][2]), Bench.median(util[2]));
            // the speed of this kind of virtual machine drifts over seconds; the two runs of one kind in
            // a repetition run back to back and share it, so the median of the per-repetition speed-ups
            // is the steadier figure
            double[][] speedUps = new double[3][];
            for (int k = 0; k < 3; k++) {
                speedUps[k] = Bench.ratios(wall[k][1], wall[k][2]);
            }
            System.out.printf(Locale.ROOT, "speed-up concurrency 2 over 1 = %.2fx (median of paired speed-ups %.2fx %s; "
                    + "%s)   (target >= 1.7x on 2 cores)%n", Bench.median(wall[0][1]) / Bench.median(wall[0][2]),
                    Bench.median(speedUps[0]), Bench.fmt2(speedUps[0]), Bench.meanInterval(speedUps[0], 2));
            String[] baselines = {"bare DL4J fit loops (DL4J's updater)",
                "bare loops with ViewUpdater (the study's steps, nothing recorded)"};
            for (int k = 1; k < 3; k++) {
                System.out.printf(Locale.ROOT, "baseline, %s, the 8 trainings on 1 / 2 threads: %.0f / %.0f ms, speed-up "
                        + "%.2fx (paired %.2fx %s; %s)%n", baselines[k - 1], Bench.median(wall[k][1]),
                        Bench.median(wall[k][2]), Bench.median(wall[k][1]) / Bench.median(wall[k][2]),
                        Bench.median(speedUps[k]), Bench.fmt2(speedUps[k]), Bench.meanInterval(speedUps[k], 2));
            }
            System.out.printf(Locale.ROOT, "study's speed-up over the baselines' in the same repetition (median): bare DL4J "
                    + "%.2f, with ViewUpdater %.2f   (1.00: the study scales as DL4J's own loops do)%n",
                    Bench.median(Bench.ratios(speedUps[0], speedUps[1])), Bench.median(Bench.ratios(speedUps[0], speedUps[2])));
            System.out.printf(Locale.ROOT, "study at concurrency 1 over bare loops with ViewUpdater on 1 thread: %.2f "
                    + "(what recording, the executor and the result files add)%n", Bench.median(wall[0][1]) / Bench.median(wall[2][1]));
            double pc1 = Bench.median(cpu[1]);
            double pc2 = Bench.median(cpu[2]);
            System.out.printf(Locale.ROOT, "study process cpu median: concurrency 1 %.0f ms %s, concurrency 2 %.0f ms %s, "
                    + "ratio %.2f%n", pc1, Bench.fmt(cpu[1]), pc2, Bench.fmt(cpu[2]), pc2 / pc1);
            System.out.printf(Locale.ROOT, "cpu-bound estimate for 2 idle cores (2 x cpu1 / cpu2, ignores the serial "
                    + "summary): %.2fx%n", 2 * pc1 / pc2);
            System.out.printf(Locale.ROOT, "JIT compile time during the %d measured runs: %d ms (while the study ran at "
                    + "concurrency 1 / 2: %d / %d ms; the bare loops %d / %d, with ViewUpdater %d / %d)%n", 6 * reps, jit,
                    jitByVariant[0][1], jitByVariant[0][2], jitByVariant[1][1], jitByVariant[1][2], jitByVariant[2][1],
                    jitByVariant[2][2]);
            // each timed study starts after a full collection (Bench.settle); these are the collections
            // inside the timed studies, which stop both training threads
            System.out.printf(Locale.ROOT, "garbage collections inside the %d measured studies: %.0f, %.0f ms of pauses "
                    + "(per study %s ms)%n", 2 * reps, Arrays.stream(gcs[0]).sum(), Arrays.stream(gcs[1]).sum(),
                    Bench.fmt(gcs[1]));
            threads();
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The study's trainings as bare loops ({@link Bench#bareLoop}) on a fixed pool of {@code threads},
     * each on its own copy of the minibatches: what DL4J itself gives at that concurrency.
     */
    static Bench.Action barePool(List<MultiLayerConfiguration> confs, long seed, List<DataSet> batches, int epochs,
                                 int threads, boolean viewUpdater) {
        return () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (MultiLayerConfiguration conf : confs) {
                    List<DataSet> own = batches.stream().map(DataSet::copy).toList();
                    Bench.Action loop = Bench.bareLoop(conf, seed, own, epochs, viewUpdater);
                    runs.add(pool.submit(() -> {
                        loop.run();
                        return null;
                    }));
                }
                for (Future<?> f : runs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        };
    }

    /** Prints {@link #twoOverOne} of {@code work} over 9 repetitions: median, values, mean and interval. */
    private static void reference(String what, Runnable work) throws InterruptedException {
        double[] r = twoOverOne(work, 9);
        System.out.printf(Locale.ROOT, "reference speed-up now, 2 threads against 1, %s: median of paired %.2fx %s; "
                + "%s%n", what, Bench.median(r), Bench.fmt2(r), Bench.meanInterval(r, 2));
    }

    /**
     * Throughput of two threads over one on {@code work}: after three runs to warm up, one thread runs
     * it twice, then two threads once each, {@code reps} times; the paired ratios (the one thread's time for both runs over the
     * two threads' time). Read the study's speed-up against these: what the machine gives at this
     * moment to work that shares nothing ({@link #arithmetic}), to its floating-point units
     * ({@link #fusedMultiplyAdds}), to the same products without ND4J
     * ({@link #javaStep}), and to ND4J's own kernels and calls without DL4J ({@link #nd4jStep}).
     */
    static double[] twoOverOne(Runnable work, int reps) throws InterruptedException {
        for (int i = 0; i < 3; i++) {   // one run leaves a long loop in on-stack-replaced code: the first pair read 2.5-3.5x
            work.run();
        }
        double[] r = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.run();
            work.run();
            long one = System.nanoTime() - t0;
            Thread a = new Thread(work);
            Thread b = new Thread(work);
            long t1 = System.nanoTime();
            a.start();
            b.start();
            a.join();
            b.join();
            r[i] = (double) one / (System.nanoTime() - t1);
        }
        return r;
    }

    /** First argument of a child JVM started by {@link #processes}. */
    private static final String CHILD = "--child";
    /** Timed repetitions of each child JVM. */
    private static final int CHILD_REPS = 7;

    /**
     * The same work in separate JVMs: one child JVM alone, then two at once, then one alone again,
     * each child warmed up before the parent lets them start together. Two JVMs share no ND4J state
     * (neither libnd4j's process-wide mutexes nor the JVM's one {@code SecureRandom}) but each has its
     * own collector, compilers and deallocator threads; read against the thread references above, this
     * says how much of the cap is in-process sharing. Prints throughput of two JVMs over one:
     * {@code 2 x median(alone) / mean of the two children's medians}.
     */
    private static void processes(int epochs) throws Exception {
        String[][] kinds = {
            {"calls", "ND4J's cost of calling an op, alone"},
            {"step", "ND4J's ops of a half-moons step on arrays made once"},
            {"study", "the half-moons study (" + epochs + " epochs) at concurrency 1 in each JVM"}};
        for (String[] kind : kinds) {
            double[] before = children(kind[0], epochs, 1)[0];
            double[][] both = children(kind[0], epochs, 2);
            double[] after = children(kind[0], epochs, 1)[0];
            double[] alone = java.util.stream.DoubleStream.concat(Arrays.stream(before), Arrays.stream(after)).toArray();
            double together = (Bench.median(both[0]) + Bench.median(both[1])) / 2;
            System.out.printf(Locale.ROOT, "reference speed-up now, 2 JVMs against 1, %s: %.2fx (one JVM alone %.0f ms "
                    + "%s, two at once %.0f ms %s %s)%n", kind[1], 2 * Bench.median(alone) / together,
                    Bench.median(alone), Bench.fmt(alone), together, Bench.fmt(both[0]), Bench.fmt(both[1]));
        }
    }

    /**
     * Starts {@code count} child JVMs (this class with {@link #CHILD}, the same JVM options and class
     * path), waits until each has warmed up, starts them together and returns each one's times.
     */
    private static double[][] children(String kind, int epochs, int count) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StudyConcurrencyBenchmark.class.getName(),
                CHILD, kind, Integer.toString(epochs), Integer.toString(CHILD_REPS)));
        List<Process> procs = new ArrayList<>();
        List<java.io.BufferedReader> outs = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                procs.add(p);
                outs.add(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            for (java.io.BufferedReader out : outs) {
                childLine(out, "ready");
            }
            for (Process p : procs) {
                p.getOutputStream().write("go\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                p.getOutputStream().flush();
            }
            double[][] times = new double[count][];
            for (int i = 0; i < count; i++) {
                times[i] = Arrays.stream(childLine(outs.get(i), "times:").substring(6).trim().split(" "))
                        .mapToDouble(Double::parseDouble).toArray();
                if (procs.get(i).waitFor() != 0) {
                    throw new IllegalStateException("child JVM (" + kind + ") exited with " + procs.get(i).exitValue());
                }
            }
            return times;
        } finally {
            procs.forEach(Process::destroyForcibly);
        }
    }

    /** The first line of a child's output that starts with {@code prefix} (other lines are its logging). */
    private static String childLine(java.io.BufferedReader out, String prefix) throws java.io.IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("child JVM ended before printing '" + prefix + "'");
    }

    /**
     * A child JVM of {@link #processes}: warms up on {@code kind} (the study until the compilers
     * settle, as the main benchmark does), prints "ready", waits for a line on stdin, then prints the
     * wall times of {@code reps} runs after "times:".
     */
    private static void child(String kind, int epochs, int reps) throws Exception {
        Path tmp = Files.createTempDirectory("regstudy-bench-child");
        try {
            Bench.Action work;
            int[] n = {0};
            switch (kind) {
                case "calls" -> work = StudyConcurrencyBenchmark::nd4jCalls;
                case "step" -> work = StudyConcurrencyBenchmark::nd4jStep;
                case "study" -> {
                    ResolvedStudy s = Bench.resolve(String.format(Locale.ROOT, SPEC, epochs, 1));
                    work = () -> {
                        Study.Outcome o = Study.run(s, tmp.resolve("s" + n[0]++), Study.Options.defaults());
                        if (o.records().size() != 8) {
                            throw new IllegalStateException("child study: " + o.records().size() + " runs, not 8");
                        }
                    };
                }
                default -> throw new IllegalArgumentException("child kind: calls, step or study, got " + kind);
            }
            Bench.warmUp(kind, work, 2, kind.equals("study") ? 16 : 4, 0.03);
            System.out.println("ready");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            StringBuilder times = new StringBuilder("times:");
            for (int i = 0; i < reps; i++) {
                Bench.settle();
                long t0 = System.nanoTime();
                work.run();
                times.append(String.format(Locale.ROOT, " %.0f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println(times);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static volatile double sink;

    /** Arithmetic with no allocation and no memory traffic. */
    private static void arithmetic() {
        double s = 0;
        for (long i = 1; i < 100_000_000L; i++) {
            s += Math.sqrt(i);
        }
        sink = s;
    }

    private static volatile double factor = 0.9999999;
    private static volatile double offset = 1e-7;

    /**
     * Floating-point throughput with no memory traffic: 12 independent chains {@code a <- fma(a, m, c)},
     * enough to keep two fused multiply-add units of latency 4 busy (2 x 4 = 8 chains in flight). Unlike
     * {@link #arithmetic}, one dependent chain that leaves most of a core idle and so reads about 2x
     * even on two hardware threads of one core, this reads about 1x there and 2x only on two cores with
     * their own floating-point units: the ceiling for arithmetic-bound work at that moment. The chains
     * are twelve locals, not an array, so that they stay in registers with no loads or stores.
     */
    private static void fusedMultiplyAdds() {
        double m = factor;
        double c = offset;
        double a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1, a8 = 1, a9 = 1, a10 = 1, a11 = 1;
        for (long i = 0; i < 100_000_000L; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c);
            a9 = Math.fma(a9, m, c);
            a10 = Math.fma(a10, m, c);
            a11 = Math.fma(a11, m, c);
        }
        sink = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /** Rows, hidden units and steps of the ceiling steps: half-moons' 100 x 2 input, 500 hidden units. */
    private static final int ROWS = 100;
    private static final int HIDDEN = 500;
    private static final int STEPS = 3000;

    /**
     * A half-moons step's products as plain Java loops over float arrays of the same shapes, made once
     * per call: {@code h = x W1 + 0.001}, {@code o = h w2}, {@code g = h^T o}, {@code w2 -= 1e-6 g};
     * {@code STEPS / 3} steps (a call about 0.15 s on the Intel machine, {@link #nd4jStep}'s 0.2-0.3 s).
     */
    private static void javaStep() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        float[] x = new float[ROWS * 2];
        float[] w1 = new float[2 * HIDDEN];
        float[] w2 = new float[HIDDEN];
        float[] h = new float[ROWS * HIDDEN];
        float[] o = new float[ROWS];
        float[] g = new float[HIDDEN];
        for (float[] a : List.of(x, w1, w2)) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextDouble();
            }
        }
        for (int step = 0; step < STEPS / 3; step++) {
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < HIDDEN; j++) {
                    h[i * HIDDEN + j] = x[2 * i] * w1[j] + x[2 * i + 1] * w1[HIDDEN + j] + 0.001f;
                }
            }
            Arrays.fill(g, 0f);
            for (int i = 0; i < ROWS; i++) {
                float s = 0;
                for (int j = 0; j < HIDDEN; j++) {
                    s += h[i * HIDDEN + j] * w2[j];
                }
                o[i] = s;
                for (int j = 0; j < HIDDEN; j++) {
                    g[j] += h[i * HIDDEN + j] * s;
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                w2[j] -= 1e-6f * g[j];
            }
        }
        sink = w2[0];
    }

    /**
     * The same step as ND4J ops (three matrix products, two element-wise ops) on arrays made once per
     * call, outside any workspace: ND4J's kernels and op calls with few native objects per step.
     */
    private static void nd4jStep() {
        DataType f = DataType.FLOAT;
        // h of order 1e-3, so that w2 <- (I - h^T h) w2 stays finite (h^T h's eigenvalues about 0.05)
        INDArray x = Nd4j.rand(f, ROWS, 2).muli(1e-3);
        INDArray w1 = Nd4j.rand(f, 2, HIDDEN);
        INDArray w2 = Nd4j.rand(f, HIDDEN, 1);
        INDArray c = Nd4j.rand(f, ROWS, HIDDEN).muli(1e-3).dup('f');
        INDArray h = Nd4j.createUninitialized(f, new long[] {ROWS, HIDDEN}, 'f');
        INDArray o = Nd4j.createUninitialized(f, new long[] {ROWS, 1}, 'f');
        INDArray g = Nd4j.createUninitialized(f, new long[] {HIDDEN, 1}, 'f');
        INDArray hT = h.transpose();
        for (int step = 0; step < STEPS; step++) {
            Nd4j.exec(new Mmul(x, w1, h, null));
            h.addi(c);
            Nd4j.exec(new Mmul(h, w2, o, null));
            Nd4j.exec(new Mmul(hT, o, g, null));
            w2.subi(g);
        }
        if (!Double.isFinite(w2.getDouble(0))) {
            throw new IllegalStateException("the ceiling step diverged");
        }
        sink = w2.getDouble(0);
    }

    /**
     * ND4J's fixed cost of one op, with next to no arithmetic: {@code STEPS * 20} in-place adds of two
     * 4 x 4 arrays (each a custom op: an instance name from {@code UUID.randomUUID()}, whose
     * {@code SecureRandom} all threads share; natively, a process-wide mutex for every array it is
     * given, in libnd4j's shape cache {@code ConstantShapeHelper::bufferForShapeInfo}, and another in
     * {@code LaunchContext::defaultContext}). About 2.5 us a call on one thread on the AMD machine.
     */
    private static void nd4jCalls() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 4).muli(1e-6);
        for (int step = 0; step < STEPS * 20; step++) {
            a.addi(b);
        }
        sink = a.getDouble(0);
    }

    /** The JVM's threads with the most CPU time so far (where the process's CPU goes besides training). */
    private static void threads() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info != null && t > 0) {
                byName.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), t, Long::sum);
            }
        }
        System.out.print("live Java threads' cpu so far (ms):");
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> System.out.printf(Locale.ROOT, " %s %.0f;", e.getKey(), e.getValue() / 1e6));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += b.getCollectionTime();
        }
        System.out.printf(Locale.ROOT, " process total %.0f; GC pause time total %d ms%n", os.getProcessCpuTime() / 1e6, gc);
    }

    /** Runs one study; returns {process CPU ms, wall ms, collections, collection pause ms}. */
    private static double[] study(ResolvedStudy s, Path out) throws Exception {
        Bench.settle();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] gc0 = Bench.gcCountAndMillis();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Study.Outcome o = Study.run(s, out, Study.Options.defaults());
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        long[] gc1 = Bench.gcCountAndMillis();
        if (o.interrupted() || o.records().size() != 8) {
            throw new IllegalStateException("benchmark study did not finish its 8 runs");
        }
        return new double[] {(c1 - c0) / 1e6, (t1 - t0) / 1e6, gc1[0] - gc0[0], gc1[1] - gc0[1]};
    }
}
