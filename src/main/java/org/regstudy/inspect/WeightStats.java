package org.regstudy.inspect;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Statistics of one parameter array. Non-finite entries (NaN, +Inf, -Inf, as a diverged run leaves
 * them) are counted in {@code nonFinite} and left out of everything else: with {@code F} the finite
 * entries,
 *
 * <ul>
 *   <li>{@code l1 = sum_F |w|}, {@code l2 = sqrt(sum_F w^2)} (Frobenius), {@code maxAbs = max_F |w|}
 *       (0 when F is empty);</li>
 *   <li>{@code spectralNorm} = largest singular value of the array as a matrix
 *       {@code [shape[0], count/shape[0]]}; NaN for vectors (rank below 2, or a single row
 *       {@code [1, n]} as DL4J stores biases) and for arrays with a non-finite entry;</li>
 *   <li>{@code epsilon} = {@code threshold.epsilonFor(maxAbs)};
 *       {@code sparsity} = (entries of F with {@code |w| < epsilon} or {@code w == 0}) / |F| (0 when F
 *       is empty); {@code exactZeros} = number of entries exactly 0 (counted apart);</li>
 *   <li>{@code histogram} over {@code [min_F w, max_F w]}: its counts add up to
 *       {@code count - nonFinite}.</li>
 * </ul>
 *
 * @param layer layer name
 * @param param parameter key as DL4J names it ("W", "RW", "b", ...)
 * @param count all entries, finite or not
 * @param nonFinite entries that are NaN or infinite (0 in run records written before it was counted)
 */
public record WeightStats(String layer, String param, long[] shape, long count, double l1, double l2,
        double maxAbs, double spectralNorm, double epsilon, double sparsity, long exactZeros, long nonFinite,
        Histogram histogram) {

    /**
     * Matrices whose smaller side is at most this, or with at most {@link #EXACT_MAX_ENTRIES} entries,
     * get the exact route (largest eigenvalue of the smaller Gram matrix); larger ones use Lanczos
     * iterations.
     */
    static final int GRAM_MAX_SIDE = 256;
    /** See {@link #GRAM_MAX_SIDE}. */
    static final long EXACT_MAX_ENTRIES = 250_000;
    /** Lanczos stops when its bound on the largest eigenvalue's error is below this, relatively. */
    static final double LANCZOS_TOLERANCE = 1e-12;
    /** At most this many Lanczos steps (each one product with A and one with its transpose). */
    static final int LANCZOS_MAX_STEPS = 300;

    public WeightStats {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Computes the statistics of {@code w}. */
    public static WeightStats of(String layer, String param, INDArray w, SparsityThreshold threshold, int bins) {
        if (w == null) {
            throw new IllegalArgumentException("w must not be null (layer " + layer + ", param " + param + ")");
        }
        if (threshold == null) {
            throw new IllegalArgumentException("threshold must not be null");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] v = values(w);
        double[] finite = Arrays.stream(v).allMatch(Double::isFinite) ? v
                : Arrays.stream(v).filter(Double::isFinite).toArray();
        long nonFinite = v.length - finite.length;
        double l1 = 0;
        double sumSq = 0;
        double maxAbs = 0;
        long zeros = 0;
        for (double x : finite) {
            double a = Math.abs(x);
            l1 += a;
            sumSq += x * x;
            maxAbs = Math.max(maxAbs, a);
            if (x == 0) {
                zeros++;
            }
        }
        double eps = threshold.epsilonFor(maxAbs);
        long small = 0;
        for (double x : finite) {
            if (x == 0 || Math.abs(x) < eps) {
                small++;
            }
        }
        long[] shape = w.shape();
        Histogram histogram = Histogram.of(finite, bins, minOf(finite), maxOf(finite));
        double sparsity = finite.length == 0 ? 0 : (double) small / finite.length;
        // a matrix with a non-finite entry has no meaningful largest singular value; last, as it
        // overwrites v (and finite, the same array then)
        double spectral = isVector(shape) || nonFinite > 0 ? Double.NaN : spectralNormOverwriting(v, shape);
        return new WeightStats(layer, param, shape, v.length, l1, Math.sqrt(sumSq), maxAbs, spectral, eps,
                sparsity, zeros, nonFinite, histogram);
    }

    static boolean isVector(long[] shape) {
        return shape.length < 2 || (shape.length == 2 && shape[0] == 1);
    }

    /** The array's values in C order, as doubles. */
    static double[] values(INDArray w) {
        if (w.length() == 0) {
            return new double[0];
        }
        return w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * Largest singular value of the values {@code v} (C order; overwritten, divided by their largest
     * magnitude) seen as a
     * {@code [shape[0], v.length/shape[0]]} matrix A: {@code sqrt(lambda_max(G))} with G the smaller of
     * {@code A A^T} and {@code A^T A} (commons-math3's symmetric eigendecomposition, exact up to
     * rounding, and far cheaper than a full SVD of a wide matrix: for 64 x 512, a 64 x 64 problem) when
     * the smaller side is at most {@value #GRAM_MAX_SIDE} or the matrix has at most
     * {@value #EXACT_MAX_ENTRIES} entries; otherwise {@link #lanczos} on the smaller Gram matrix.
     */
    static double spectralNormOverwriting(double[] v, long[] shape) {
        // v is divided by max|w| in place: no second copy of a layer that may be a gigabyte
        if (v.length == 0) {
            return 0;
        }
        // scaled by max|w| so that the Gram matrix cannot overflow (entries near 1e160 in a float64
        // network); the norm scales back exactly: ||A|| = m ||A / m||
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        if (m == 0) {
            return 0;
        }
        int rows = (int) shape[0];
        int cols = v.length / rows;
        double[] a = v;
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] / m;
        }
        if (Math.min(rows, cols) <= GRAM_MAX_SIDE || (long) rows * cols <= EXACT_MAX_ENTRIES) {
            double[][] g = rows <= cols ? gramOfRows(a, rows, cols) : gramOfColumns(a, rows, cols);
            double max = 0;
            for (double lambda : new EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues()) {
                max = Math.max(max, lambda);
            }
            return m * Math.sqrt(max);
        }
        return m * Math.sqrt(lanczos(a, rows, cols));
    }

    /** {@code A A^T} ({@code rows x rows}), A in C order in {@code a}. */
    private static double[][] gramOfRows(double[] a, int rows, int cols) {
        double[][] g = new double[rows][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                int ai = i * cols;
                int aj = j * cols;
                for (int c = 0; c < cols; c++) {
                    s += a[ai + c] * a[aj + c];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** {@code A^T A} ({@code cols x cols}), A in C order in {@code a}. */
    private static double[][] gramOfColumns(double[] a, int rows, int cols) {
        double[][] g = new double[cols][cols];
        for (int r = 0; r < rows; r++) {
            int ar = r * cols;
            for (int i = 0; i < cols; i++) {
                double x = a[ar + i];
                if (x == 0) {
                    continue;
                }
                double[] gi = g[i];
                for (int j = 0; j <= i; j++) {
                    gi[j] += x * a[ar + j];
                }
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                g[j][i] = g[i][j];
            }
        }
        return g;
    }

    /**
     * The largest eigenvalue of G, the smaller of {@code A A^T} and {@code A^T A}, by the Lanczos
     * method with full reorthogonalization (Golub and Van Loan, Matrix Computations, 10.1), from a
     * fixed-seed start vector so that the result is reproducible: step j makes q_{j+1} from G q_j
     * orthogonal to q_0..q_j, alpha_j = q_j' G q_j and beta_j its norm; the largest eigenvalue theta
     * of the tridiagonal T_j (alpha on the diagonal, beta beside it) approaches G's from below, within
     * beta_j |s_j| (s the eigenvector of theta, s_j its last entry). Stops when that bound is below
     * {@value #LANCZOS_TOLERANCE} theta, when beta_j vanishes (theta is then exact), or after
     * {@value #LANCZOS_MAX_STEPS} steps. G is applied as A^T (A x) (or A (A^T x)), never formed. Power
     * iteration, used before, needs thousands of steps where the two largest singular values are
     * close, as in any large random-like weight matrix.
     */
    static double lanczos(double[] a, int rows, int cols) {
        boolean wide = rows < cols;   // G = A A^T (rows x rows), else A^T A (cols x cols)
        int n = wide ? rows : cols;
        int maxSteps = Math.min(n, LANCZOS_MAX_STEPS);
        double[][] q = new double[maxSteps + 1][];
        double[] alpha = new double[maxSteps];
        double[] beta = new double[maxSteps];
        Random rnd = new Random(12345);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextGaussian();
        }
        normalize(start);
        q[0] = start;
        double[] inner = new double[wide ? cols : rows];
        double theta = 0;
        for (int j = 0; j < maxSteps; j++) {
            double[] w = applyGram(a, rows, cols, wide, q[j], inner);
            alpha[j] = dot(q[j], w);
            // twice against every earlier vector: one pass loses orthogonality in floating point
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(q[i], w);
                    for (int k = 0; k < n; k++) {
                        w[k] -= c * q[i][k];
                    }
                }
            }
            beta[j] = normalize(w);
            EigenDecomposition t = new EigenDecomposition(Arrays.copyOf(alpha, j + 1),
                    Arrays.copyOf(beta, j));
            int top = 0;
            double[] ritz = t.getRealEigenvalues();
            for (int i = 1; i < ritz.length; i++) {
                if (ritz[i] > ritz[top]) {
                    top = i;
                }
            }
            theta = ritz[top];
            double bound = beta[j] * Math.abs(t.getEigenvector(top).getEntry(j));
            if (bound <= LANCZOS_TOLERANCE * theta || beta[j] <= LANCZOS_TOLERANCE * Math.max(theta, Double.MIN_NORMAL)) {
                return Math.max(theta, 0);
            }
            q[j + 1] = w;
        }
        return Math.max(theta, 0);
    }

    /**
     * G x without forming G: {@code A (A^T x)} when wide, else {@code A^T (A x)}, A in C order in
     * {@code a}; {@code inner} is scratch.
     */
    private static double[] applyGram(double[] a, int rows, int cols, boolean wide, double[] x, double[] inner) {
        Arrays.fill(inner, 0);
        if (wide) {
            for (int r = 0; r < rows; r++) {   // inner = A^T x (cols)
                int ar = r * cols;
                double xr = x[r];
                for (int c = 0; c < cols; c++) {
                    inner[c] += a[ar + c] * xr;
                }
            }
            double[] y = new double[rows];   // y = A inner
            for (int r = 0; r < rows; r++) {
                y[r] = dotRow(a, r * cols, inner);
            }
            return y;
        }
        for (int r = 0; r < rows; r++) {   // inner = A x (rows)
            inner[r] = dotRow(a, r * cols, x);
        }
        double[] y = new double[cols];   // y = A^T inner
        for (int r = 0; r < rows; r++) {
            int ar = r * cols;
            double ir = inner[r];
            for (int c = 0; c < cols; c++) {
                y[c] += a[ar + c] * ir;
            }
        }
        return y;
    }

    /** The row of {@code a} starting at {@code from}, as long as {@code x}, dotted with {@code x}. */
    private static double dotRow(double[] a, int from, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += a[from + i] * x[i];
        }
        return s;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double normalize(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d * d;
        }
        double n = Math.sqrt(s);
        if (n > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= n;
            }
        }
        return n;
    }

    /** Smallest finite entry (0 when there is none). */
    private static double minOf(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.min(m, x);
            }
        }
        return Double.isInfinite(m) ? 0 : m;
    }

    /** Largest finite entry (0 when there is none). */
    private static double maxOf(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return Double.isInfinite(m) ? 0 : m;
    }

    /** Shape as "4x8". */
    public String shapeText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightStats s && layer.equals(s.layer) && param.equals(s.param)
                && Arrays.equals(shape, s.shape) && count == s.count && Double.compare(l1, s.l1) == 0
                && Double.compare(l2, s.l2) == 0 && Double.compare(maxAbs, s.maxAbs) == 0
                && Double.compare(spectralNorm, s.spectralNorm) == 0 && Double.compare(epsilon, s.epsilon) == 0
                && Double.compare(sparsity, s.sparsity) == 0 && exactZeros == s.exactZeros
                && nonFinite == s.nonFinite && java.util.Objects.equals(histogram, s.histogram);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(layer, param, Arrays.hashCode(shape), count, l1, l2, maxAbs, spectralNorm,
                epsilon, sparsity, exactZeros, nonFinite, histogram);
    }

    @Override
    public String toString() {
        return "WeightStats[layer=" + layer + ", param=" + param + ", shape=" + Arrays.toString(shape)
                + ", count=" + count + ", l1=" + l1 + ", l2=" + l2 + ", maxAbs=" + maxAbs + ", spectralNorm="
                + spectralNorm + ", epsilon=" + epsilon + ", sparsity=" + sparsity + ", exactZeros=" + exactZeros
                + ", nonFinite=" + nonFinite + ", histogram=" + histogram + "]";
    }
}
