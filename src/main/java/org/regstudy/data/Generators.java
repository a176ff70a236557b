package org.regstudy.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded synthetic datasets. Each draws from its own {@link SplittableRandom}{@code (seed)} in a
 * documented order, so the same arguments give the same numbers bit for bit on every JVM; the
 * fingerprint is the hash of {@code generator=NAME params seed=S}. Gaussian draws use the
 * Box-Muller transform on two {@code nextDouble()} values: {@code z = sqrt(-2 ln(1-u1)) cos(2 pi u2)}.
 * The one exception is {@link #moons(int, double, long, Sampler)} with {@link Sampler#SKLEARN}, which
 * draws from {@link NumpyRandomState} to reproduce scikit-learn's {@code make_moons} sample exactly.
 */
public final class Generators {
    /** Period of the {@link SequenceKind#SINE} series, in steps. */
    public static final int SINE_PERIOD = 25;

    /** Defaults shared by {@code regstudy data generate} and the spec's {@code data.generator}. */
    public static final int DEFAULT_N = 100;
    public static final double DEFAULT_MOONS_NOISE = 0.2;
    public static final int DEFAULT_RELEVANT = 3;
    public static final int DEFAULT_IRRELEVANT = 100;
    public static final int DEFAULT_SEQUENCE_LENGTH = 500;
    public static final int DEFAULT_WINDOW = 20;
    public static final double DEFAULT_SEQUENCE_NOISE = 0.1;
    /** AR(2) coefficients of {@link SequenceKind#AR}. */
    public static final double AR_PHI1 = 0.75;
    public static final double AR_PHI2 = -0.25;

    private Generators() {
    }

    /** One standard normal draw (Box-Muller, two uniforms). */
    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: {@code nOuter = n / 2}
     * (integer division) points of class 0 at {@code (cos a, sin a)} and {@code nInner = n - nOuter}
     * points of class 1 at {@code (1 - cos b, 1 - sin b - 0.5)}, with {@code a} and {@code b}
     * evenly spaced over {@code [0, pi]} ({@code a_i = pi i / (nOuter - 1)}; a single point sits at
     * angle 0). The rows are then shuffled (Fisher-Yates, {@code j = rng.nextInt(i + 1)} for
     * {@code i = n-1 .. 1}) so that any prefix mixes both classes, and finally every coordinate gets
     * {@code noise * z} added, in row order, x before y.
     *
     * @param n number of examples, at least 4
     * @param noise standard deviation of the Gaussian noise, at least 0
     */
    public static Dataset moons(int n, double noise, long seed) {
        checkMoons(n, noise);
        int nOuter = n / 2;
        int nInner = n - nOuter;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double a = nOuter == 1 ? 0 : Math.PI * i / (nOuter - 1);
            x[i][0] = Math.cos(a);
            x[i][1] = Math.sin(a);
            y[i] = 0;
        }
        for (int i = 0; i < nInner; i++) {
            double b = nInner == 1 ? 0 : Math.PI * i / (nInner - 1);
            x[nOuter + i][0] = 1 - Math.cos(b);
            x[nOuter + i][1] = 1 - Math.sin(b) - 0.5;
            y[nOuter + i] = 1;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double[] tx = x[i];
            x[i] = x[j];
            x[j] = tx;
            int ty = y[i];
            y[i] = y[j];
            y[j] = ty;
        }
        for (int i = 0; i < n; i++) {
            x[i][0] += noise * gaussian(rng);
            x[i][1] += noise * gaussian(rng);
        }
        String desc = "generator=moons n=" + n + " noise=" + num(noise) + " seed=" + seed;
        return classification("moons", x, y, List.of("x1", "x2"), 2, desc);
    }

    /**
     * Half moons from the chosen random source: {@link Sampler#REGSTUDY} is {@link #moons(int, double, long)};
     * {@link Sampler#SKLEARN} is {@link #sklearnMoons}, whose fingerprint description carries
     * {@code sampler=sklearn} (the RegStudy sampler's description is unchanged, without the field).
     */
    public static Dataset moons(int n, double noise, long seed, Sampler sampler) {
        if (sampler == Sampler.REGSTUDY) {
            return moons(n, noise, seed);
        }
        MoonsPoints p = sklearnMoons(n, noise, seed);
        String desc = "generator=moons sampler=sklearn n=" + n + " noise=" + num(noise) + " seed=" + seed;
        return classification("moons", p.x(), p.y(), List.of("x1", "x2"), 2, desc);
    }

    /** Points and class indices of a half-moons sample, in double precision. */
    record MoonsPoints(double[][] x, int[] y) {
    }

    /**
     * scikit-learn's {@code make_moons(n_samples=n, noise=noise, random_state=seed)} (shuffle on;
     * unchanged since scikit-learn 0.20), draw for draw on {@link NumpyRandomState}{@code (seed)}:
     * {@code nOut = n / 2}, {@code nIn = n - nOut}; {@code t = linspace(0, pi, m)}, numpy's
     * {@code t_i = i * (pi / (m - 1))} with {@code t_{m-1} = pi} exactly; rows
     * {@code (cos t, sin t)} of class 0 for {@code m = nOut}, then {@code (1 - cos t, 1 - sin t - 0.5)}
     * of class 1 for {@code m = nIn}; {@code idx = arange(n)}, {@code shuffle(idx)}, rows and labels
     * taken in {@code idx} order ({@code sklearn.utils.shuffle}); then {@code normal(0, noise)} added
     * in C order (row 0 x, row 0 y, row 1 x, ...). {@code cos}, {@code sin} (and {@code ln} in the
     * Gaussian) are {@link Math}'s where numpy calls the C library's: the two agree except in the last
     * bit of a few values (for n = 100, noise 0.2, seed 1: one coordinate, off by 2.2e-16; the float32
     * features are identical).
     *
     * @param seed in {@code 0 .. 2^31-1}
     */
    static MoonsPoints sklearnMoons(int n, double noise, long seed) {
        checkMoons(n, noise);
        NumpyRandomState rs = new NumpyRandomState(seed);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] tOut = linspace(0, Math.PI, nOut);
        double[] tIn = linspace(0, Math.PI, nIn);
        double[][] base = new double[n][2];
        int[] cls = new int[n];
        for (int i = 0; i < nOut; i++) {
            base[i][0] = Math.cos(tOut[i]);
            base[i][1] = Math.sin(tOut[i]);
        }
        for (int i = 0; i < nIn; i++) {
            base[nOut + i][0] = 1 - Math.cos(tIn[i]);
            base[nOut + i][1] = 1 - Math.sin(tIn[i]) - 0.5;
            cls[nOut + i] = 1;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        rs.shuffle(idx);
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = base[idx[i]][0];
            x[i][1] = base[idx[i]][1];
            y[i] = cls[idx[i]];
        }
        for (int i = 0; i < n; i++) {
            x[i][0] += rs.normal(0, noise);
            x[i][1] += rs.normal(0, noise);
        }
        return new MoonsPoints(x, y);
    }

    /** numpy's {@code linspace(start, stop, num)}: {@code start + i * ((stop - start) / (num - 1))}, the last exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] t = new double[num];
        if (num == 1) {
            t[0] = start;
            return t;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            t[i] = i * step + start;
        }
        t[num - 1] = stop;
        return t;
    }

    private static void checkMoons(int n, double noise) {
        if (n < 4) {
            throw new IllegalArgumentException("n must be at least 4, got " + n);
        }
        checkValues("n=" + n + " rows of 2 features", 2L * n);
        checkNoise(noise);
    }

    /**
     * Most feature values one generated dataset may hold (rows x features, or windows x window
     * length): 10^8, 400 MB as float32.
     */
    public static final long MAX_VALUES = 100_000_000L;

    /** Largest noise standard deviation: the data are of order 1 and become float32 arrays. */
    public static final double MAX_NOISE = 1e6;

    /** Refuses a dataset of more than {@link #MAX_VALUES} values, described by {@code what}. */
    static void checkValues(String what, long values) {
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException(what + " make " + values + " values, more than " + MAX_VALUES);
        }
    }

    /** Refuses a noise standard deviation outside {@code [0, MAX_NOISE]}. */
    static void checkNoise(double noise) {
        if (!(noise >= 0) || !(noise <= MAX_NOISE)) {
            throw new IllegalArgumentException("noise must be in [0, " + num(MAX_NOISE) + "] (the data are of order 1"
                    + " and become float32), got " + noise);
        }
    }

    /**
     * The "many irrelevant features" logistic problem in which L1 should beat L2 (Ng 2004,
     * "Feature selection, L1 vs. L2 regularization, and rotational invariance"): every example has
     * {@code relevant + irrelevant} features drawn i.i.d. from N(0, 1) (row by row, column by
     * column); only the first {@code relevant} enter the label. True weights
     * {@code theta_j = s_j * 10 / sqrt(relevant)} with alternating signs {@code s = +1, -1, +1, ...}
     * ({@code ||theta|| = 10}); then {@code p = 1 / (1 + exp(-theta . x_relevant))} and
     * {@code y = 1} when {@code rng.nextDouble() < p} (one draw per row, after its features).
     * Feature names: {@code rel_1..rel_r}, {@code irr_1..irr_k}.
     */
    public static Dataset irrelevantFeatures(int n, int relevant, int irrelevant, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("n must be at least 2, got " + n);
        }
        if (relevant < 1) {
            throw new IllegalArgumentException("relevant must be at least 1, got " + relevant);
        }
        if (irrelevant < 0) {
            throw new IllegalArgumentException("irrelevant must be at least 0, got " + irrelevant);
        }
        checkValues("n=" + n + " rows of relevant + irrelevant = " + ((long) relevant + irrelevant) + " features",
                (long) n * ((long) relevant + irrelevant));
        int f = relevant + irrelevant;
        double[] theta = trueWeights(relevant);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                x[i][j] = gaussian(rng);
            }
            double z = 0;
            for (int j = 0; j < relevant; j++) {
                z += theta[j] * x[i][j];
            }
            double p = 1.0 / (1.0 + Math.exp(-z));
            y[i] = rng.nextDouble() < p ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= relevant; j++) {
            names.add("rel_" + j);
        }
        for (int j = 1; j <= irrelevant; j++) {
            names.add("irr_" + j);
        }
        String desc = "generator=irrelevant n=" + n + " relevant=" + relevant + " irrelevant=" + irrelevant + " seed=" + seed;
        return classification("irrelevant", x, y, names, 2, desc);
    }

    /** The true weights of {@link #irrelevantFeatures}: {@code +-10/sqrt(r)}, alternating signs. */
    public static double[] trueWeights(int relevant) {
        double[] theta = new double[relevant];
        for (int j = 0; j < relevant; j++) {
            theta[j] = (j % 2 == 0 ? 1 : -1) * 10.0 / Math.sqrt(relevant);
        }
        return theta;
    }

    /**
     * A noisy series of {@code length} values: {@link SequenceKind#SINE}
     * {@code x_t = sin(2 pi t / 25) + noise * z_t}; {@link SequenceKind#AR}
     * {@code x_t = 0.75 x_{t-1} - 0.25 x_{t-2} + noise * z_t} for {@code t >= 2} with
     * {@code x_0 = 1, x_1 = 0.75} (noise-free), one Gaussian per step in order.
     */
    public static double[] series(SequenceKind kind, int length, double noise, long seed) {
        if (length < 3) {
            throw new IllegalArgumentException("length must be at least 3, got " + length);
        }
        checkValues("length=" + length + " steps", length);
        checkNoise(noise);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[length];
        if (kind == SequenceKind.SINE) {
            for (int t = 0; t < length; t++) {
                x[t] = Math.sin(2 * Math.PI * t / SINE_PERIOD) + noise * gaussian(rng);
            }
        } else {
            x[0] = 1;
            x[1] = 0.75;
            for (int t = 2; t < length; t++) {
                x[t] = AR_PHI1 * x[t - 1] + AR_PHI2 * x[t - 2] + noise * gaussian(rng);
            }
        }
        return x;
    }

    /**
     * Next-value regression windows over {@link #series} for LSTM studies. Window {@code i}
     * ({@code i = 0 .. length - window - 1}, stride 1) has features {@code x_i .. x_{i+window-1}}
     * and labels {@code x_{i+1} .. x_{i+window}}: at every step the target is the next value.
     * Shapes: features {@code [length - window, 1, window]}, labels the same.
     */
    public static Dataset sequence(SequenceKind kind, int length, int window, double noise, long seed) {
        if (window < 1 || window >= length) {
            throw new IllegalArgumentException("window must be in [1, length - 1] = [1, " + (length - 1) + "], got " + window);
        }
        checkValues((length - window) + " windows of " + window + " steps", (long) (length - window) * window);
        double[] x = series(kind, length, noise, seed);
        String desc = "generator=sequence kind=" + kind + " length=" + length + " window=" + window + " noise=" + num(noise)
                + " seed=" + seed;
        return SequenceLoader.windows("sequence-" + kind.name().toLowerCase(Locale.ROOT), new double[][] {x}, List.of("x"),
                0, window, 1, Fingerprint.ofGenerator(desc));
    }

    private static Dataset classification(String name, double[][] x, int[] y, List<String> names, int k, String desc) {
        int n = x.length;
        INDArray features = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.create(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, y[i], 1.0f);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add(Integer.toString(c));
        }
        return new Dataset(name, features, labels, TaskType.CLASSIFICATION, names, classes, Fingerprint.ofGenerator(desc));
    }
}
