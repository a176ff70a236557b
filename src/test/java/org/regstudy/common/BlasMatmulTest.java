package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.exception.ND4JOpProfilerException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link BlasMatmul} gives ND4J's own {@code matmul} op's result bit for bit, for every layout of the
 * operands and the result a DL4J layer produces (row- and column-major, transposed by flag, views
 * with offsets into a flattened parameter array, single rows and columns), with alpha and beta; and
 * leaves to the native op what it does not compute the same way.
 */
class BlasMatmulTest {
    private static NativeOpExecutioner plain() {
        Nd4j.getExecutioner();
        return new NativeOpExecutioner();
    }

    private static INDArray rand(long seed, char order, long rows, long columns) {
        return rand(seed, DataType.FLOAT, order, rows, columns);
    }

    private static INDArray rand(long seed, DataType type, char order, long rows, long columns) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, rows, columns).subi(0.5).dup(order);
    }

    /** A rows x columns view, in {@code order}, into the middle of a larger flat array (as DL4J's parameter views). */
    private static INDArray view(long seed, DataType type, char order, long rows, long columns) {
        Nd4j.getRandom().setSeed(seed);
        INDArray flat = Nd4j.rand(type, 1, rows * columns + 13).subi(0.5);
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + rows * columns)).reshape(order, rows, columns);
    }

    /** The operand layouts: stored as given or as the transpose flag's view, row- or column-major, plain or a view. */
    private static List<INDArray> layouts(long seed, DataType type, long rows, long columns) {
        List<INDArray> arrays = new ArrayList<>();
        arrays.add(rand(seed, type, 'c', rows, columns));
        arrays.add(rand(seed, type, 'f', rows, columns));
        arrays.add(view(seed, type, 'c', rows, columns));
        arrays.add(view(seed, type, 'f', rows, columns));
        arrays.add(rand(seed, type, 'c', columns, rows).transpose());
        return arrays;
    }

    private static void assertSameAsNative(INDArray x, INDArray y, boolean transposeX, boolean transposeY, char outOrder,
            double alpha, double beta) {
        long m = transposeX ? x.size(1) : x.size(0);
        long n = transposeY ? y.size(0) : y.size(1);
        INDArray start = rand(99, x.dataType(), outOrder, m, n);
        INDArray expected = start.dup(outOrder);
        INDArray actual = start.dup(outOrder);
        MMulTranspose flags = MMulTranspose.builder().transposeA(transposeX).transposeB(transposeY).build();
        plain().exec(new Mmul(x, y, expected, alpha, beta, flags));
        BlasMatmul.Call call = BlasMatmul.of(new Mmul(x, y, actual, alpha, beta, flags));
        assertNotNull(call, () -> "not computed: " + describe(x, y, transposeX, transposeY, outOrder));
        call.run();
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble(),
                () -> describe(x, y, transposeX, transposeY, outOrder));
    }

    private static String describe(INDArray x, INDArray y, boolean transposeX, boolean transposeY, char outOrder) {
        return x.shapeInfoToString() + (transposeX ? "^T" : "") + " x " + y.shapeInfoToString() + (transposeY ? "^T" : "")
                + " into " + outOrder;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void everyLayoutGivesTheNativeOpsBits(DataType type) {
        // sizes of half-moons 2-500-1 on 30 rows and of a layer with a single output, input and row:
        // {M, K, N} of op(A) op(B)
        long[][] sizes = {{30, 2, 500}, {30, 500, 1}, {500, 30, 1}, {2, 30, 500}, {30, 1, 500}, {1, 500, 7}, {7, 5, 3}};
        int cases = 0;
        for (long[] size : sizes) {
            long m = size[0];
            long k = size[1];
            long n = size[2];
            for (boolean transposeX : new boolean[] {false, true}) {
                for (boolean transposeY : new boolean[] {false, true}) {
                    for (INDArray x : layouts(1, type, transposeX ? k : m, transposeX ? m : k)) {
                        for (INDArray y : layouts(2, type, transposeY ? n : k, transposeY ? k : n)) {
                            for (char outOrder : new char[] {'c', 'f'}) {
                                assertSameAsNative(x, y, transposeX, transposeY, outOrder, 1.0, 0.0);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(7 * 4 * 5 * 5 * 2, cases);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void alphaAndBetaAreTheNativeOps(DataType type) {
        INDArray x = rand(3, type, 'c', 30, 20);
        INDArray y = rand(4, type, 'f', 20, 9);
        assertSameAsNative(x, y, false, false, 'f', 0.5, 1.0);
        assertSameAsNative(x, y, false, false, 'c', -2.0, 0.25);
        // factors with no exact binary form: a float product must round them as libnd4j does
        assertSameAsNative(x, y, false, false, 'f', 0.1, 0.3);
    }

    @Test
    void leavesToTheNativeOpWhatItComputesAnotherWay() {
        INDArray x = rand(5, 'c', 6, 4);
        INDArray y = rand(6, 'c', 4, 3);
        // every other row and column: neither axis contiguous, which libnd4j copies first
        INDArray strided = rand(7, 'c', 12, 8).get(NDArrayIndex.interval(0, 2, 12), NDArrayIndex.interval(0, 2, 8));
        assertNull(BlasMatmul.of(new Mmul(strided, y, Nd4j.create(DataType.FLOAT, 6, 3), MMulTranspose.allFalse())));
        // the result transposed by flag, half precision, mixed types, 1 x 1 by 1 x 1 (a dot product in libnd4j)
        assertNull(BlasMatmul.of(new Mmul(x, y, Nd4j.create(DataType.FLOAT, 3, 6),
                MMulTranspose.builder().transposeResult(true).build())));
        assertNull(BlasMatmul.of(new Mmul(x.castTo(DataType.HALF), y.castTo(DataType.HALF),
                Nd4j.create(DataType.HALF, 6, 3), MMulTranspose.allFalse())));
        assertNull(BlasMatmul.of(new Mmul(x, y.castTo(DataType.DOUBLE), Nd4j.create(DataType.DOUBLE, 6, 3),
                MMulTranspose.allFalse())));
        assertNull(BlasMatmul.of(new Mmul(rand(8, 'c', 1, 1), rand(9, 'c', 1, 1), Nd4j.create(DataType.FLOAT, 1, 1),
                MMulTranspose.allFalse())));
        // mismatched sizes are left to the native op, which reports them
        assertNull(BlasMatmul.of(new Mmul(x, x, Nd4j.create(DataType.FLOAT, 6, 4), MMulTranspose.allFalse())));
    }

    @Test
    void theExecutionerComputesDl4jsProductsThroughBlas() {
        assertTrue(CachingOpExecutioner.active(), "the test JVM runs with RegStudy's executioner (pom.xml argLine)");
        INDArray x = rand(11, 'c', 30, 2);
        INDArray w = rand(12, 'f', 2, 500);
        INDArray expected = Nd4j.create(DataType.FLOAT, new long[] {30, 500}, 'f');
        plain().exec(new Mmul(x, w, expected, MMulTranspose.allFalse()));
        INDArray actual = Nd4j.create(DataType.FLOAT, new long[] {30, 500}, 'f');
        long before = BlasMatmul.calls();
        Nd4j.gemm(x, w, actual, false, false, 1.0, 0.0);   // what DL4J's dense layers call
        assertEquals(before + 1, BlasMatmul.calls());
        assertEquals(expected, actual);
        // a product the class leaves alone (the result transposed by flag) still runs, natively
        INDArray transposed = Nd4j.create(DataType.FLOAT, 500, 30);
        Nd4j.getExecutioner().exec(new Mmul(x, w, transposed, MMulTranspose.builder().transposeResult(true).build()));
        assertEquals(before + 1, BlasMatmul.calls());
        assertTrue(transposed.equalsWithEps(expected.transpose(), 1e-6));
    }

    @Test
    void nanPanicStillChecksTheProduct() {
        INDArray x = rand(13, 'c', 4, 3);
        x.putScalar(0, 0, Float.NaN);
        INDArray y = rand(14, 'c', 3, 2);
        OpExecutioner.ProfilingMode mode = Nd4j.getExecutioner().getProfilingMode();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.NAN_PANIC);
        try {
            assertThrows(ND4JOpProfilerException.class, () -> Nd4j.getExecutioner().exec(
                    new Mmul(x, y, Nd4j.create(DataType.FLOAT, 4, 2), MMulTranspose.allFalse())));
        } finally {
            Nd4j.getExecutioner().setProfilingMode(mode);
        }
    }

    @Test
    void withLibnd4jsOwnLoopsEveryProductIsTheNativeOps() throws Exception {
        // SD_BLAS_FALLBACK makes libnd4j multiply with its own loops, whose sums round differently from
        // BLAS: a child JVM with it set must leave every product to the native op
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                FallbackCheck.class.getName()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("SD_BLAS_FALLBACK", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("left to the native op, same numbers"), out);
    }

    /** The child JVM of {@link #withLibnd4jsOwnLoopsEveryProductIsTheNativeOps}. */
    public static final class FallbackCheck {
        public static void main(String[] args) {
            Nd4jSetup.applyDefaults();
            INDArray x = rand(21, 'c', 30, 20);
            INDArray y = rand(22, 'f', 20, 9);
            INDArray expected = Nd4j.create(DataType.FLOAT, new long[] {30, 9}, 'f');
            plain().exec(new Mmul(x, y, expected, MMulTranspose.allFalse()));
            INDArray actual = Nd4j.create(DataType.FLOAT, new long[] {30, 9}, 'f');
            Mmul op = new Mmul(x, y, actual, MMulTranspose.allFalse());
            boolean left = BlasMatmul.of(op) == null;
            Nd4j.getExecutioner().exec(op);
            boolean same = expected.equals(actual);
            System.out.println(left && same ? "left to the native op, same numbers" : "computed: " + !left + ", same: " + same);
            System.exit(left && same ? 0 : 1);
        }
    }
}
