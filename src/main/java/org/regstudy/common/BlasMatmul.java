package org.regstudy.common;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;

/**
 * ND4J's {@code matmul} op on two float (or two double) matrices into a given matrix of the same type,
 * as the one BLAS call the native library would make for it, made directly from Java.
 *
 * <p>Why: a training step of a two-layer dense network is eight products; each went through a native
 * op context (every array's shape information looked up in libnd4j's shared cache, under its lock:
 * about 4 us a call on half-moons' small matrices) before the same {@code cblas_sgemm} (or {@code cblas_dgemm})
 * of the same OpenBLAS library. With it a half-moons training is 10 % faster on one thread, 4 % on two. Here
 * the call's arguments are derived exactly as libnd4j's {@code MmulHelper::mmulMxM} derives them ({@code matmul}'s transpose flags become
 * swapped strides; an operand with neither axis contiguous, or a product libnd4j computes another
 * way, is left to the native op, and so is every product when libnd4j is told to use its own loops
 * instead of BLAS, {@code SD_BLAS_FALLBACK}), so the numbers are the native op's bit for bit
 * ({@code BlasMatmulTest} compares every layout with ND4J's own executioner).
 *
 * <p>C = alpha op(A) op(B) + beta C, with op(A) an M x K and op(B) a K x N matrix; for a matrix
 * with strides (s0, s1) an axis is contiguous when its stride is 1 or its size 1; the BLAS order is
 * column-major when C's first axis (M) is contiguous, row-major otherwise, and an operand is
 * transposed for BLAS when its first axis is contiguous and C's is not, or the other way round.
 */
final class BlasMatmul {
    private static final LongAdder CALLS = new LongAdder();
    /**
     * libnd4j computes products with its own loops instead of BLAS when told to
     * ({@code SD_BLAS_FALLBACK} in the environment); then so does every product here (native op).
     */
    private static final boolean NATIVE_LOOPS = Nd4jCpu.Environment.getInstance().blasFallback();

    private BlasMatmul() {
    }

    /** How many products this class has computed in this process (for tests and benchmarks). */
    static long calls() {
        return CALLS.sum();
    }

    /**
     * The BLAS call for {@code op} if it is a {@link Mmul} this class computes exactly as the native
     * library would, or null (nothing done) for anything else, left to the native op.
     */
    static Call of(CustomOp op) {
        if (NATIVE_LOOPS || !(op instanceof Mmul) || op.numInputArguments() != 2 || op.numOutputArguments() != 1) {
            return null;
        }
        long[] flags = op.iArgs();
        double[] scalars = op.tArgs();
        boolean transposeX = flags.length > 0 && flags[0] != 0;
        boolean transposeY = flags.length > 1 && flags[1] != 0;
        boolean transposeZ = flags.length > 2 && flags[2] != 0;
        if (transposeZ || flags.length > 3 || scalars.length > 2) {
            return null;
        }
        INDArray x = op.getInputArgument(0);
        INDArray y = op.getInputArgument(1);
        INDArray z = op.getOutputArgument(0);
        DataType type = x == null ? null : x.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || !plainMatrix(x, type) || !plainMatrix(y, type)
                || !plainMatrix(z, type)) {
            return null;
        }
        // op(A) = A or its transpose: the same memory with the axes' sizes and strides swapped
        long m = x.size(transposeX ? 1 : 0);
        long k = x.size(transposeX ? 0 : 1);
        long aStrideM = x.stride(transposeX ? 1 : 0);
        long aStrideK = x.stride(transposeX ? 0 : 1);
        long kOfB = y.size(transposeY ? 1 : 0);
        long n = y.size(transposeY ? 0 : 1);
        long bStrideK = y.stride(transposeY ? 1 : 0);
        long bStrideN = y.stride(transposeY ? 0 : 1);
        if (kOfB != k || z.size(0) != m || z.size(1) != n) {
            return null; // the native op reports the mismatch
        }
        // MmulHelper::mmul takes a dot product when both operands are vectors of one shape (only 1 x 1 here)
        if (m == 1 && k == 1 && n == 1) {
            return null;
        }
        boolean aMContiguous = m == 1 || aStrideM == 1;
        boolean aKContiguous = k == 1 || aStrideK == 1;
        boolean bKContiguous = k == 1 || bStrideK == 1;
        boolean bNContiguous = n == 1 || bStrideN == 1;
        boolean cMContiguous = m == 1 || z.stride(0) == 1;
        boolean cNContiguous = n == 1 || z.stride(1) == 1;
        if ((!aMContiguous && !aKContiguous) || (!bKContiguous && !bNContiguous)
                || (!cMContiguous && !cNContiguous)) {
            return null; // libnd4j copies such an operand to column-major first
        }
        long lda = aMContiguous && aKContiguous ? m : !aMContiguous ? aStrideM : aStrideK;
        long ldb = bKContiguous && bNContiguous ? k : !bKContiguous ? bStrideK : bStrideN;
        long ldc = cMContiguous && cNContiguous ? m : !cMContiguous ? z.stride(0) : z.stride(1);
        if (Math.max(Math.max(m, n), Math.max(k, Math.max(lda, Math.max(ldb, ldc)))) > Integer.MAX_VALUE) {
            return null;
        }
        return new Call(cMContiguous ? CblasColMajor : CblasRowMajor,
                aMContiguous != cMContiguous ? CblasTrans : CblasNoTrans,
                bKContiguous != cMContiguous ? CblasTrans : CblasNoTrans, (int) m, (int) n, (int) k,
                scalars.length > 0 ? scalars[0] : 1.0, x, (int) lda, y, (int) ldb,
                scalars.length > 1 ? scalars[1] : 0.0, z, (int) ldc);
    }

    /**
     * One {@code cblas_sgemm} call ({@code cblas_dgemm} for doubles): C = alpha op(A) op(B) + beta C, in
     * BLAS's own terms; alpha and beta are rounded to float for floats, as libnd4j rounds them.
     */
    record Call(int order, int transposeA, int transposeB, int m, int n, int k, double alpha, INDArray a, int lda,
                INDArray b, int ldb, double beta, INDArray c, int ldc) {
        /** Makes the call (the caller keeps the arrays reachable until it returns). */
        void run() {
            CALLS.increment();
            if (c.dataType() == DataType.DOUBLE) {
                cblas_dgemm(order, transposeA, transposeB, m, n, k, alpha, (DoublePointer) a.data().addressPointer(), lda,
                        (DoublePointer) b.data().addressPointer(), ldb, beta, (DoublePointer) c.data().addressPointer(), ldc);
            } else {
                cblas_sgemm(order, transposeA, transposeB, m, n, k, (float) alpha, (FloatPointer) a.data().addressPointer(),
                        lda, (FloatPointer) b.data().addressPointer(), ldb, (float) beta,
                        (FloatPointer) c.data().addressPointer(), ldc);
            }
        }
    }

    private static boolean plainMatrix(INDArray array, DataType type) {
        return array != null && array.dataType() == type && array.rank() == 2 && !array.isEmpty()
                && array.stride(0) > 0 && array.stride(1) > 0;
    }
}
