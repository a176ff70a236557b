package org.regstudy.train;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * The per-example data loss of already-activated outputs {@code p} against labels {@code y} (one
 * row of {@code k} outputs), with the formula and clipping of the DL4J loss the output layer uses,
 * in double precision; what DL4J's {@code computeScoreArray} gives for that row, to float rounding.
 *
 * <ul>
 *   <li>MCXENT and negative log-likelihood: {@code -sum_j y_j ln p_j}, with {@code p} clipped to
 *       {@code [eps, 1 - eps]} (the loss's {@code softmaxClipEps}, 1e-10 by default) when the output
 *       activation is a softmax, as DL4J clips it (the bounds rounded to the outputs' data type, as
 *       DL4J's clipping of a float32 array rounds them);</li>
 *   <li>binary cross-entropy (not after a softmax): {@code -sum_j [y_j ln p_j + (1 - y_j) ln(1 - p_j)]}
 *       with {@code p} clipped to {@code [eps, 1 - eps]} (its {@code clipEps}, 1e-5 by default);</li>
 *   <li>L2: {@code sum_j (y_j - p_j)^2}; MSE: the same divided by {@code k}; L1: {@code sum_j |y_j - p_j|}.</li>
 * </ul>
 *
 * <p>Any other loss, a loss with per-output weights, or binary cross-entropy after a softmax (which
 * DL4J computes from the pre-activations) has no {@code OutputLoss}: {@link #of} returns null and
 * the caller uses DL4J's {@code scoreExamples}.
 */
final class OutputLoss {
    private enum Kind { LOG, BINARY, SQUARED, ABSOLUTE }

    private final Kind kind;
    /** Whether outputs are clipped to {@code [lo, hi]}. */
    private final boolean clipped;
    private final double lo;
    private final double hi;
    private final boolean mean;

    private OutputLoss(Kind kind, double eps, boolean mean, DataType type) {
        this.kind = kind;
        this.clipped = eps > 0;
        // DL4J clips the network's own outputs, in their data type: in float32 1 - 1e-5 is 0.99998999...,
        // 1 - 1e-10 is 1.0; the bounds here are those values
        this.lo = inType(eps, type);
        this.hi = inType(1 - eps, type);
        this.mean = mean;
    }

    private static double inType(double v, DataType type) {
        return type == DataType.DOUBLE ? v : (double) (float) v;
    }

    /**
     * The output loss of {@code loss} after {@code activation} on outputs of data type {@code type},
     * or null when it is not one of these (or the type is neither float32 nor float64).
     */
    static OutputLoss of(ILossFunction loss, IActivation activation, DataType type) {
        if (loss == null || activation == null || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            return null;
        }
        Class<?> c = loss.getClass();
        boolean softmax = activation instanceof ActivationSoftmax;
        if ((c == LossMCXENT.class || c == LossNegativeLogLikelihood.class) && ((LossMCXENT) loss).getWeights() == null) {
            double eps = ((LossMCXENT) loss).getSoftmaxClipEps();
            return new OutputLoss(Kind.LOG, softmax && eps > 0 ? eps : 0, false, type);
        }
        if (c == LossBinaryXENT.class && !softmax && ((LossBinaryXENT) loss).getWeights() == null) {
            return new OutputLoss(Kind.BINARY, Math.max(0, ((LossBinaryXENT) loss).getClipEps()), false, type);
        }
        if ((c == LossL2.class || c == LossMSE.class) && ((LossL2) loss).getWeights() == null) {
            return new OutputLoss(Kind.SQUARED, 0, c == LossMSE.class, type);
        }
        if (c == LossL1.class && ((LossL1) loss).getWeights() == null) {
            return new OutputLoss(Kind.ABSOLUTE, 0, false, type);
        }
        return null;
    }

    /** The loss of row {@code p[from .. from+k-1]} against {@code y[from .. from+k-1]}. */
    double row(double[] p, double[] y, int from, int k) {
        double s = 0;
        for (int j = from; j < from + k; j++) {
            double pj = p[j];
            double yj = y[j];
            switch (kind) {
                case LOG -> s -= yj * Math.log(clipped ? clip(pj) : pj);
                case BINARY -> {
                    double q = clipped ? clip(pj) : pj;
                    s -= yj * Math.log(q) + (1 - yj) * Math.log(1 - q);
                }
                case SQUARED -> s += (yj - pj) * (yj - pj);
                case ABSOLUTE -> s += Math.abs(yj - pj);
                default -> throw new IllegalStateException(kind.toString());
            }
        }
        return mean ? s / k : s;
    }

    private double clip(double v) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
