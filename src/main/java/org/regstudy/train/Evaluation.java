package org.regstudy.train;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.regstudy.network.PenaltyTerms;

/**
 * Data loss (never the penalty) and metrics of a network on a data set, and the trivial
 * predictor's loss L_0, all computed the way DL4J scores: per example, the loss summed over
 * outputs (and over time steps for sequences), then the mean over examples.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Mean data loss per example without the penalty (see {@link PenaltyTerms#dataLoss}). */
    public static double dataLoss(MultiLayerNetwork net, DataSet data) {
        return PenaltyTerms.dataLoss(net, data);
    }

    /** The output layer's loss function. */
    public static ILossFunction lossFunction(MultiLayerNetwork net) {
        Object conf = net.getLayer(net.getnLayers() - 1).conf().getLayer();
        if (!(conf instanceof BaseOutputLayer out)) {
            throw new IllegalArgumentException("the last layer is not an output layer with a loss: "
                    + conf.getClass().getSimpleName());
        }
        return out.getLossFn();
    }

    /**
     * L_0: the data loss of the trivial predictor that ignores the inputs and predicts the
     * training labels' mean (for one-hot labels, the class priors; for regression, the mean),
     * evaluated on the same labels with the network's loss function. Probabilities are clipped to
     * [1e-15, 1] so an absent class does not give 0*log(0). Without a label mask.
     */
    public static double trivialLoss(MultiLayerNetwork net, INDArray trainLabels) {
        return trivialLoss(net, trainLabels, null);
    }

    /**
     * L_0 as {@link #trivialLoss(MultiLayerNetwork, INDArray)}, counting only the time steps (or rows)
     * that {@code labelsMask} keeps, as DL4J's scores do: the mean is taken over the kept rows, and
     * {@code L_0 = (sum of the kept rows' losses) / n examples}.
     *
     * @param labelsMask null, or a per-example mask ([n] or [n, 1] for 2-d labels, [n, T] for [n, k, T] labels)
     */
    public static double trivialLoss(MultiLayerNetwork net, INDArray trainLabels, INDArray labelsMask) {
        INDArray labels2d = keptRows(flatten(trainLabels), rowMask(trainLabels, labelsMask));
        if (labels2d.rows() == 0) {
            throw new IllegalArgumentException("the label mask keeps no time step of the training labels");
        }
        INDArray mean = labels2d.mean(0).reshape(1, labels2d.columns());
        boolean probabilities = labels2d.minNumber().doubleValue() >= 0 && labels2d.maxNumber().doubleValue() <= 1;
        if (probabilities) {
            mean = org.nd4j.linalg.ops.transforms.Transforms.max(mean, 1e-15);
        }
        INDArray pred = mean.repeat(0, labels2d.rows()).castTo(labels2d.dataType());
        INDArray perRow = lossFunction(net).computeScoreArray(labels2d, pred, new ActivationIdentity(), null);
        return perRow.sumNumber().doubleValue() / trainLabels.size(0);
    }

    /**
     * The label mask as one flag per row of {@link #flatten}ed labels (row {@code i*T + t} for step t of
     * example i), or null when there is no mask. Per-output masks ([n, k] or [n, k, T]) are refused:
     * a row's loss and metrics need all its outputs.
     */
    static boolean[] rowMask(INDArray labels, INDArray mask) {
        if (mask == null) {
            return null;
        }
        long n = labels.size(0);
        long steps = labels.rank() == 3 ? labels.size(2) : 1;
        if (mask.length() != n * steps) {
            throw new IllegalArgumentException("the label mask must hold one value per example"
                    + (steps > 1 ? " and time step ([" + n + ", " + steps + "])" : " ([" + n + "])")
                    + ", got shape " + java.util.Arrays.toString(mask.shape()) + " (per-output masks are not supported)");
        }
        double[] m = mask.dup('c').data().asDouble();
        boolean[] keep = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            keep[i] = m[i] != 0;
        }
        return keep;
    }

    /** The rows of {@code a} that {@code keep} flags (all of them when {@code keep} is null). */
    static INDArray keptRows(INDArray a, boolean[] keep) {
        if (keep == null) {
            return a;
        }
        int[] rows = java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i]).toArray();
        if (rows.length == keep.length) {
            return a;
        }
        if (rows.length == 0) {
            return org.nd4j.linalg.factory.Nd4j.create(a.dataType(), 0, a.columns());
        }
        return a.getRows(rows);
    }

    /** [n, k] stays; [n, k, T] becomes [n*T, k]. */
    static INDArray flatten(INDArray a) {
        if (a.rank() == 2) {
            return a;
        }
        if (a.rank() == 3) {
            return a.permute(0, 2, 1).dup('c').reshape(a.size(0) * a.size(2), a.size(1));
        }
        throw new IllegalArgumentException("labels must be 2-d or 3-d, got rank " + a.rank());
    }

    /**
     * Metrics for a classification (one-hot or single sigmoid output) or regression output, over the
     * examples (for sequences: the time steps) the data's label mask keeps; the features mask is given
     * to the network as in training.
     */
    public static Metrics metrics(MultiLayerNetwork net, DataSet data, boolean classification) {
        INDArray output = data.getFeaturesMaskArray() == null && data.getLabelsMaskArray() == null
                ? net.output(data.getFeatures(), false)
                : net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        boolean[] keep = rowMask(data.getLabels(), data.getLabelsMaskArray());
        INDArray out = keptRows(flatten(output), keep);
        INDArray y = keptRows(flatten(data.getLabels()), keep);
        return classification ? classification(out, y) : regression(out, y);
    }

    static Metrics classification(INDArray probs, INDArray labels) {
        int n = (int) labels.rows();
        int k = (int) labels.columns();
        // one copy each into Java arrays (row-major: element [i][j] at i*k + j); INDArray.toDoubleMatrix
        // copies row by row, one native call per row, which cost more than the forward pass here
        return classification(probs.dup('c').data().asDouble(), labels.dup('c').data().asDouble(), n, k);
    }

    /**
     * Classification metrics of {@code n} rows of {@code k} outputs (row-major: element [i][j] at
     * {@code i*k + j}); {@code k == 1} is a single sigmoid output (class 1 when p >= 0.5).
     */
    static Metrics classification(double[] p, double[] y, int n, int k) {
        int classes = k == 1 ? 2 : k;
        long[] tp = new long[classes];
        long[] fp = new long[classes];
        long[] fn = new long[classes];
        long correct = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            int truth;
            int pred;
            double pTruth;
            int row = i * k;
            if (k == 1) {
                truth = y[row] >= 0.5 ? 1 : 0;
                pred = p[row] >= 0.5 ? 1 : 0;
                pTruth = truth == 1 ? p[row] : 1 - p[row];
            } else {
                truth = argmax(y, row, k);
                pred = argmax(p, row, k);
                pTruth = p[row + truth];
            }
            logLoss -= Math.log(Math.min(1, Math.max(1e-15, pTruth)));
            if (truth == pred) {
                correct++;
                tp[truth]++;
            } else {
                fp[pred]++;
                fn[truth]++;
            }
        }
        double f1Sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            if (tp[c] + fp[c] + fn[c] == 0) {
                continue;
            }
            f1Sum += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
            counted++;
        }
        return Metrics.classification((double) correct / n, counted == 0 ? Double.NaN : f1Sum / counted, logLoss / n);
    }

    static Metrics regression(INDArray pred, INDArray labels) {
        return regression(pred.dup('c').data().asDouble(), labels.dup('c').data().asDouble(), (int) labels.columns());
    }

    /** {@link #regression(double[], double[], int)} of a single output. */
    static Metrics regression(double[] p, double[] y) {
        return regression(p, y, 1);
    }

    /**
     * Regression metrics of predictions {@code p} against targets {@code y}, both row-major with
     * {@code outputs} values per row: RMSE and MAE over all values; R^2 per output,
     * {@code 1 - SSE_j / SST_j} with {@code SST_j} about output j's own mean, averaged over the outputs
     * whose {@code SST_j > 0} (scikit-learn's "uniform_average"; NaN when no output varies).
     */
    static Metrics regression(double[] p, double[] y, int outputs) {
        int rows = y.length / outputs;
        double[] mean = new double[outputs];
        for (int i = 0; i < y.length; i++) {
            mean[i % outputs] += y[i];
        }
        for (int j = 0; j < outputs; j++) {
            mean[j] /= rows;
        }
        double[] sseOf = new double[outputs];
        double[] sstOf = new double[outputs];
        double sse = 0;
        double sae = 0;
        for (int i = 0; i < y.length; i++) {
            int j = i % outputs;
            double e = y[i] - p[i];
            sse += e * e;
            sae += Math.abs(e);
            sseOf[j] += e * e;
            sstOf[j] += (y[i] - mean[j]) * (y[i] - mean[j]);
        }
        double r2 = 0;
        int varying = 0;
        for (int j = 0; j < outputs; j++) {
            if (sstOf[j] > 0) {
                r2 += 1 - sseOf[j] / sstOf[j];
                varying++;
            }
        }
        return Metrics.regression(Math.sqrt(sse / y.length), sae / y.length, varying == 0 ? Double.NaN : r2 / varying);
    }

    /** Index (0..k-1) of the largest of {@code v[from..from+k-1]}; the first on ties. */
    private static int argmax(double[] v, int from, int k) {
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
