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
     * [1e-15, 1] so an absent class does not give 0*log(0).
     */
    public static double trivialLoss(MultiLayerNetwork net, INDArray trainLabels) {
        INDArray labels2d = flatten(trainLabels);
        INDArray mean = labels2d.mean(0).reshape(1, labels2d.columns());
        boolean probabilities = labels2d.minNumber().doubleValue() >= 0 && labels2d.maxNumber().doubleValue() <= 1;
        if (probabilities) {
            mean = org.nd4j.linalg.ops.transforms.Transforms.max(mean, 1e-15);
        }
        INDArray pred = mean.repeat(0, labels2d.rows()).castTo(labels2d.dataType());
        INDArray perRow = lossFunction(net).computeScoreArray(labels2d, pred, new ActivationIdentity(), null);
        return perRow.sumNumber().doubleValue() / trainLabels.size(0);
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

    /** Metrics for a classification (one-hot or single sigmoid output) or regression output. */
    public static Metrics metrics(MultiLayerNetwork net, DataSet data, boolean classification) {
        INDArray out = flatten(net.output(data.getFeatures(), false));
        INDArray y = flatten(data.getLabels());
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
        return regression(pred.dup('c').data().asDouble(), labels.dup('c').data().asDouble());
    }

    /** Regression metrics over all elements of {@code p} (predictions) and {@code y} (targets), same layout. */
    static Metrics regression(double[] p, double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - p[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return Metrics.regression(Math.sqrt(sse / y.length), sae / y.length, sst == 0 ? Double.NaN : 1 - sse / sst);
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
