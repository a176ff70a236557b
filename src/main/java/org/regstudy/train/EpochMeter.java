package org.regstudy.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.common.primitives.Pair;
import org.regstudy.penalty.ProximalL1Regularization;

/**
 * Measures one network on its training and validation parts ({@link EpochRecord}) with as few
 * native calls as the network allows; built once per training run.
 *
 * <p>Fast path, used when neither part has masks and the output layer's loss is one DL4J computes
 * from the activated outputs alone (MCXENT, negative log-likelihood, binary cross-entropy without
 * softmax, MSE, L2, L1, MAE): the two parts are stacked once, and each record makes <b>one</b>
 * forward pass ({@code output(features, false)}) over both. The per-example data loss comes from the
 * same outputs through the output layer's own {@code ILossFunction.computeScoreArray}, given an
 * activation that passes the outputs through unchanged (a softmax subclass where the output is a
 * softmax, so MCXENT clips probabilities exactly as it does when it applies the softmax itself):
 * the values are those of {@code scoreExamples(data, false)}, summed over time steps for sequences.
 * Metrics are computed from the same outputs, copied to Java once; labels are copied once per run.
 * Otherwise the record is made the general way ({@code scoreExamples} and {@code output} per part).
 *
 * <p>Penalties and weight norms come from one copy of all parameters: per array {@code sum|w|} and
 * {@code sum w^2} in double precision, then L1 {@code c*sum|w|}, L2 and weight decay
 * {@code 0.5*c*sum w^2}, proximal L1 {@code c*sum|w|}; any other {@code Regularization} is asked for
 * its own {@code score}.
 */
final class EpochMeter {
    private final DataSet train;
    private final DataSet validation;
    private final boolean classification;
    private final int nTrain;
    private final int nValidation;
    /** Stacked features (train rows, then validation rows); null when the fast path does not apply. */
    private final INDArray stackedFeatures;
    private final INDArray stackedLabels2d;
    private final double[] labels2d;
    private final int outputs;
    private final int steps;
    private final ILossFunction loss;
    private final IActivation passThrough;

    EpochMeter(MultiLayerNetwork net, DataSet train, DataSet validation, boolean classification) {
        this.train = train;
        this.validation = validation;
        this.classification = classification;
        this.nTrain = train.numExamples();
        this.nValidation = validation.numExamples();
        Object outConf = net.getLayer(net.getnLayers() - 1).conf().getLayer();
        ILossFunction lossFn = outConf instanceof BaseOutputLayer o ? o.getLossFn() : null;
        IActivation act = outConf instanceof BaseOutputLayer o ? o.getActivationFn() : null;
        IActivation through = passThrough(lossFn, act);
        boolean fast = through != null && !hasMasks(train) && !hasMasks(validation)
                && train.getFeatures().rank() == validation.getFeatures().rank()
                && train.getLabels().rank() == validation.getLabels().rank()
                && (train.getLabels().rank() == 2 || train.getLabels().size(2) == validation.getLabels().size(2));
        if (fast) {
            stackedFeatures = Nd4j.concat(0, train.getFeatures(), validation.getFeatures());
            INDArray labels = Nd4j.concat(0, train.getLabels(), validation.getLabels());
            stackedLabels2d = Evaluation.flatten(labels).dup('c');
            labels2d = stackedLabels2d.data().asDouble();
            outputs = (int) stackedLabels2d.columns();
            steps = labels.rank() == 3 ? (int) labels.size(2) : 1;
            loss = lossFn;
            passThrough = through;
        } else {
            stackedFeatures = null;
            stackedLabels2d = null;
            labels2d = null;
            outputs = 0;
            steps = 1;
            loss = null;
            passThrough = null;
        }
    }

    /** Whether records take the one-forward-pass path (for tests and benchmarks). */
    boolean fastPath() {
        return stackedFeatures != null;
    }

    EpochRecord measure(MultiLayerNetwork net, int epoch) {
        double[] penalty = new double[net.getnLayers()];
        double[] norms = new double[net.getnLayers()];
        parameterTerms(net, penalty, norms);
        double total = 0;
        for (double p : penalty) {
            total += p;
        }
        if (stackedFeatures == null) {
            return new EpochRecord(epoch, Evaluation.dataLoss(net, train), Evaluation.dataLoss(net, validation), total,
                    penalty, Evaluation.metrics(net, train, classification),
                    Evaluation.metrics(net, validation, classification), norms);
        }
        INDArray out2d = contiguous(Evaluation.flatten(net.output(stackedFeatures, false)));
        double[] perRow = loss.computeScoreArray(stackedLabels2d, out2d, passThrough, null).data().asDouble();
        double[] out = out2d.data().asDouble();
        int trainRows = nTrain * steps;
        int rows = trainRows + nValidation * steps;
        double trainLoss = sum(perRow, 0, trainRows) / nTrain;
        double validationLoss = sum(perRow, trainRows, rows) / nValidation;
        Metrics trainMetrics = metrics(out, 0, trainRows);
        Metrics validationMetrics = metrics(out, trainRows, rows);
        return new EpochRecord(epoch, trainLoss, validationLoss, total, penalty, trainMetrics, validationMetrics, norms);
    }

    private Metrics metrics(double[] out, int fromRow, int toRow) {
        int from = fromRow * outputs;
        int to = toRow * outputs;
        double[] p = java.util.Arrays.copyOfRange(out, from, to);
        double[] y = java.util.Arrays.copyOfRange(labels2d, from, to);
        return classification ? Evaluation.classification(p, y, toRow - fromRow, outputs)
                : Evaluation.regression(p, y);
    }

    /** {@code a} itself when it is a row-major array of its own, else a row-major copy. */
    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() ? a : a.dup('c');
    }

    private static double sum(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }

    /**
     * Fills the penalty term and the L2 norm of the weights of each layer, from one Java copy of all
     * parameters (see the class comment).
     */
    static void parameterTerms(MultiLayerNetwork net, double[] penalty, double[] weightNorm) {
        ParameterSums sums = ParameterSums.of(net);
        Layer[] layers = net.getLayers();
        int k = 0;
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            double weightSq = 0;
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                double[] s = sums.of(k++);
                if (conf.initializer().isWeightParam(conf, e.getKey())) {
                    weightSq += s[1];
                }
                List<Regularization> regs = conf.getRegularizationByParam(e.getKey());
                if (regs != null) {
                    for (Regularization r : regs) {
                        penalty[i] += score(r, e.getValue(), s, net.getIterationCount(), net.getEpochCount());
                    }
                }
            }
            weightNorm[i] = Math.sqrt(weightSq);
        }
    }

    /**
     * {@code sum|w|} and {@code sum w^2} of every parameter array, in the order of the layers'
     * {@code paramTable()}s. DL4J keeps all parameters in one flat buffer ({@code params()}), each
     * layer's arrays in {@code paramTable()} order as consecutive slices; that layout is read with one
     * copy and checked against each array (length, first and last element); any mismatch falls back to
     * one copy per array.
     */
    static final class ParameterSums {
        private final List<double[]> sums;
        private final boolean fromFlatCopy;

        private ParameterSums(List<double[]> sums, boolean fromFlatCopy) {
            this.sums = sums;
            this.fromFlatCopy = fromFlatCopy;
        }

        /** Whether the sums came from the one copy of {@code params()} (else one copy per array). */
        boolean fromFlatCopy() {
            return fromFlatCopy;
        }

        double[] of(int k) {
            return sums.get(k);
        }

        static ParameterSums of(MultiLayerNetwork net) {
            List<INDArray> arrays = new ArrayList<>();
            for (Layer layer : net.getLayers()) {
                arrays.addAll(layer.paramTable().values());
            }
            INDArray flat = net.params();
            double[] all = flat == null || flat.length() > Integer.MAX_VALUE ? null : contiguous(flat).data().asDouble();
            List<double[]> out = new ArrayList<>(arrays.size());
            int start = 0;
            boolean layoutOk = all != null;
            for (INDArray a : arrays) {
                long n = a.length();
                if (!layoutOk || start + n > all.length || (n > 0 && (all[start] != a.getDouble(0)
                        || all[(int) (start + n - 1)] != a.getDouble(n - 1)))) {
                    layoutOk = false;
                    break;
                }
                out.add(sums(all, start, start + (int) n));
                start += (int) n;
            }
            layoutOk = layoutOk && start == all.length;
            if (!layoutOk) {
                out.clear();
                for (INDArray a : arrays) {
                    double[] v = contiguous(a).data().asDouble();
                    out.add(sums(v, 0, v.length));
                }
            }
            return new ParameterSums(out, layoutOk);
        }

        private static double[] sums(double[] v, int from, int to) {
            double abs = 0;
            double sq = 0;
            for (int i = from; i < to; i++) {
                double x = v[i];
                abs += Math.abs(x);
                sq += x * x;
            }
            return new double[] {abs, sq};
        }
    }

    /** A regularization's score term from the sums; unknown kinds are asked directly. */
    private static double score(Regularization r, INDArray param, double[] sums, int iteration, int epoch) {
        if (r instanceof L2Regularization l2) {
            return 0.5 * l2.getL2().valueAt(iteration, epoch) * sums[1];
        }
        if (r instanceof WeightDecay wd) {
            return 0.5 * wd.getCoeff().valueAt(iteration, epoch) * sums[1];
        }
        if (r instanceof L1Regularization l1) {
            return l1.getL1().valueAt(iteration, epoch) * sums[0];
        }
        if (r instanceof ProximalL1Regularization p) {
            return p.getCoeff() * sums[0];
        }
        return r.score(param, iteration, epoch);
    }

    private static boolean hasMasks(DataSet d) {
        return d.getFeaturesMaskArray() != null || d.getLabelsMaskArray() != null;
    }

    /**
     * The activation to hand the loss function together with already-activated outputs, or null
     * when the loss cannot be computed from outputs alone (see the class comment).
     */
    static IActivation passThrough(ILossFunction loss, IActivation activation) {
        if (loss == null || activation == null || activation instanceof ActivationRReLU) {
            return null;
        }
        Class<?> c = loss.getClass();
        boolean fromOutputs = c == LossMCXENT.class || c == LossNegativeLogLikelihood.class || c == LossMSE.class
                || c == LossL2.class || c == LossL1.class || c == LossMAE.class
                || (c == LossBinaryXENT.class && !(activation instanceof ActivationSoftmax));
        if (!fromOutputs) {
            return null;
        }
        return activation instanceof ActivationSoftmax ? new AppliedSoftmax() : new Applied();
    }

    /** Outputs already activated: passed through unchanged. Never used for training. */
    static final class Applied extends BaseActivationFunction {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return in;
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            throw new UnsupportedOperationException("outputs already activated: for scoring only");
        }

        @Override
        public String toString() {
            return "applied";
        }
    }

    /** Softmax outputs already computed: passed through unchanged, recognised as a softmax by MCXENT. */
    static final class AppliedSoftmax extends ActivationSoftmax {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return in;
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            throw new UnsupportedOperationException("outputs already activated: for scoring only");
        }
    }
}
