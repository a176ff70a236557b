package org.regstudy.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class WeightStatsTest {

    @Test
    void matrixStatisticsByHand() {
        // W = [[3, 0], [4, 5]]
        // L1 = 3 + 0 + 4 + 5 = 12; L2 = sqrt(9 + 16 + 25) = sqrt(50); max|w| = 5
        // W^T W = [[3*3+4*4, 4*5], [4*5, 5*5]] = [[25, 20], [20, 25]], eigenvalues 45 and 5
        // -> spectral norm = sqrt(45)
        // relative epsilon = 1e-3 * 5 = 0.005: only the exact 0 is below -> sparsity 1/4
        var w = Nd4j.createFromArray(new double[][] {{3, 0}, {4, 5}});
        WeightStats s = WeightStats.of("0", "W", w, SparsityThreshold.defaults(), 4);
        assertArrayEquals(new long[] {2, 2}, s.shape());
        assertEquals(4, s.count());
        assertEquals(12.0, s.l1(), 1e-12);
        assertEquals(Math.sqrt(50), s.l2(), 1e-12);
        assertEquals(5.0, s.maxAbs(), 0.0);
        assertEquals(Math.sqrt(45), s.spectralNorm(), 1e-12);
        assertEquals(0.005, s.epsilon(), 1e-15);
        assertEquals(0.25, s.sparsity(), 0.0);
        assertEquals(1, s.exactZeros());
        // histogram over [0, 5], 4 bins of width 1.25: 0 -> bin 0; 3 -> bin 2 (2.5..3.75);
        // 4 -> bin 3 (3.75..5); 5 = max -> last bin
        assertArrayEquals(new long[] {1, 0, 1, 2}, s.histogram().counts());
    }

    @Test
    void rankOneMatrixAndVectors() {
        // [[1, 2], [2, 4]] = [1, 2]^T [1, 2]: one singular value = |[1,2]|^2 = 5 = Frobenius sqrt(1+4+4+16)
        var w = Nd4j.createFromArray(new double[][] {{1, 2}, {2, 4}});
        assertEquals(5.0, WeightStats.of("l", "W", w, SparsityThreshold.defaults(), 3).spectralNorm(), 1e-12);
        // a [1, n] row (DL4J's bias layout) and a rank-1 array are vectors: spectral norm NaN
        var b = Nd4j.createFromArray(new double[][] {{0.001, 0, -0.5}});
        WeightStats bs = WeightStats.of("l", "b", b, SparsityThreshold.absolute(0.01), 3);
        assertTrue(Double.isNaN(bs.spectralNorm()));
        // absolute epsilon 0.01: 0.001 and 0 are below, -0.5 not -> 2/3; one exact zero
        assertEquals(2.0 / 3, bs.sparsity(), 1e-12);
        assertEquals(1, bs.exactZeros());
        assertEquals(0.501, bs.l1(), 1e-12);
        assertTrue(Double.isNaN(WeightStats.of("l", "v", Nd4j.createFromArray(1.0, 2.0), SparsityThreshold.defaults(), 2)
                .spectralNorm()));
    }

    @Test
    void lanczosAgreesWithSvd() {
        // 600 x 500: both sides exceed GRAM_MAX_SIDE and 300,000 entries exceed EXACT_MAX_ENTRIES, so
        // Lanczos; compare with the SVD
        var rnd = new java.util.Random(7);
        double[][] a = new double[600][500];
        double[] flat = new double[600 * 500];
        for (int r = 0; r < 600; r++) {
            for (int c = 0; c < 500; c++) {
                a[r][c] = rnd.nextGaussian();
                flat[r * 500 + c] = a[r][c];
            }
        }
        double power = WeightStats.spectralNormOverwriting(flat, new long[] {600, 500});
        double svd = new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(a)).getNorm();
        assertEquals(svd, power, 1e-10 * svd);
    }

    @Test
    void lanczosConvergesWhereTheLargestSingularValuesAreClose() {
        // A = (I - 2uu') D (I - 2vv'), 520 x 510 (the Lanczos route), D's diagonal 1, 0.999, 0.998, ...
        // evenly down to 0.49: its singular values are D's (Householder reflections are orthogonal), so the
        // norm is exactly 1. Power iteration on A'A needs about ln(1e10) / (1 - 0.998) = 11,500 steps here
        // (its error after 1000 was about 0.996^2000 = 3e-4); Lanczos about a hundred.
        int rows = 520;
        int cols = 510;
        var rnd = new java.util.Random(3);
        double[] u = unit(rnd, rows);
        double[] v = unit(rnd, cols);
        double[][] a = new double[rows][cols];
        for (int k = 0; k < cols; k++) {
            a[k][k] = 1 - 0.001 * k;
        }
        // a = a (I - 2vv'): subtract 2 (a v) v'
        for (int r = 0; r < rows; r++) {
            double av = 0;
            for (int c = 0; c < cols; c++) {
                av += a[r][c] * v[c];
            }
            for (int c = 0; c < cols; c++) {
                a[r][c] -= 2 * av * v[c];
            }
        }
        // a = (I - 2uu') a: subtract 2 u (u' a)
        double[] ua = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                ua[c] += u[r] * a[r][c];
            }
        }
        double[] flat = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = a[r][c] - 2 * u[r] * ua[c];
            }
        }
        assertEquals(1.0, WeightStats.spectralNormOverwriting(flat, new long[] {rows, cols}), 1e-10);
    }

    private static double[] unit(java.util.Random rnd, int n) {
        double[] x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            s += x[i] * x[i];
        }
        for (int i = 0; i < n; i++) {
            x[i] /= Math.sqrt(s);
        }
        return x;
    }

    @Test
    void hugeFiniteEntriesDoNotOverflow() {
        // [[3, 0], [4, 5]] has spectral norm sqrt(45) (see above); times 1e160 its Gram matrix would
        // overflow a double (1e320), the norm must be 1e160 * sqrt(45)
        double[] v = {3e160, 0, 4e160, 5e160};
        assertEquals(1e160 * Math.sqrt(45), WeightStats.spectralNormOverwriting(v, new long[] {2, 2}), 1e-12 * 1e160 * Math.sqrt(45));
    }

    @Test
    void gramRouteMatchesTheSvdForWideAndTallMatrices() {
        // a wide 64 x 512 (DL4J's [nIn, nOut] hidden weights of digits) and a tall 512 x 10 matrix:
        // sqrt of the largest eigenvalue of the smaller Gram matrix equals the largest singular value
        var rnd = new java.util.Random(11);
        for (int[] rc : new int[][] {{64, 512}, {512, 10}}) {
            double[][] a = new double[rc[0]][rc[1]];
            double[] flat = new double[rc[0] * rc[1]];
            for (int r = 0; r < rc[0]; r++) {
                for (int c = 0; c < rc[1]; c++) {
                    a[r][c] = rnd.nextGaussian();
                    flat[r * rc[1] + c] = a[r][c];
                }
            }
            double gram = WeightStats.spectralNormOverwriting(flat, new long[] {rc[0], rc[1]});
            double svd = new org.apache.commons.math3.linear.SingularValueDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(a)).getNorm();
            assertEquals(svd, gram, 1e-10 * svd, rc[0] + " x " + rc[1]);
        }
    }

    @Test
    void thresholdAndHistogramArguments() {
        assertEquals(0.002, SparsityThreshold.defaults().epsilonFor(2.0), 1e-15);
        assertEquals(0.1, SparsityThreshold.absolute(0.1).epsilonFor(100), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> SparsityThreshold.absolute(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        var w = Nd4j.createFromArray(new double[] {-1, 0, 1, 3});
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(w, 0));
        // fixed range [-1, 1], 2 bins: -1 and 0 ... bin 0 = [-1, 0), bin 1 = [0, 1]; 3 is outside
        assertArrayEquals(new long[] {1, 2}, Histogram.of(w, 2, -1, 1).counts());
    }

    @Test
    void nonFiniteEntriesAreCountedAndLeftOutOfTheStatistics() {
        // [[1, +Inf], [-2, 3]]: one non-finite entry; the finite ones are 1, -2, 3:
        // L1 = 6, L2 = sqrt(1 + 4 + 9) = sqrt(14), max|w| = 3, epsilon = 1e-3 * 3 = 0.003, sparsity 0/3;
        // no spectral norm; the histogram spans -2..3 and counts the three finite entries
        // (before, max|w| was Inf, so epsilon was Inf and sparsity 3/4)
        var w = Nd4j.createFromArray(new double[][] {{1, Double.POSITIVE_INFINITY}, {-2, 3}});
        WeightStats s = WeightStats.of("l", "W", w, SparsityThreshold.defaults(), 5);
        assertEquals(4, s.count());
        assertEquals(1, s.nonFinite());
        assertEquals(6.0, s.l1(), 1e-12);
        assertEquals(Math.sqrt(14), s.l2(), 1e-12);
        assertEquals(3.0, s.maxAbs(), 0.0);
        assertEquals(0.003, s.epsilon(), 1e-15);
        assertEquals(0.0, s.sparsity(), 0.0);
        assertTrue(Double.isNaN(s.spectralNorm()));
        assertEquals(-2.0, s.histogram().min());
        assertEquals(3.0, s.histogram().max());
        assertEquals(3, s.histogram().total());

        // [NaN, -Inf, 0, 0.5]: two non-finite; finite 0 and 0.5: L1 0.5, max 0.5, epsilon 0.0005,
        // sparsity 1/2 (the zero; before, NaN made max|w| and epsilon NaN and sparsity 1/4), one exact zero
        var v = Nd4j.createFromArray(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 0, 0.5});
        WeightStats t = WeightStats.of("l", "b", v, SparsityThreshold.defaults(), 2);
        assertEquals(2, t.nonFinite());
        assertEquals(0.5, t.l1(), 0.0);
        assertEquals(0.5, t.maxAbs(), 0.0);
        assertEquals(0.5, t.sparsity(), 0.0);
        assertEquals(1, t.exactZeros());
        assertArrayEquals(new long[] {1, 1}, t.histogram().counts());
        // Histogram.of on the array itself takes the same finite range [0, 0.5] (it threw on -Inf)
        assertEquals(t.histogram(), Histogram.of(v, 2));

        // nothing finite: all statistics 0, the histogram empty
        WeightStats u = WeightStats.of("l", "b", Nd4j.createFromArray(new double[] {Double.NaN, Double.NaN}),
                SparsityThreshold.defaults(), 2);
        assertEquals(2, u.nonFinite());
        assertEquals(0.0, u.l2(), 0.0);
        assertEquals(0.0, u.sparsity(), 0.0);
        assertEquals(0, u.histogram().total());
    }
}
