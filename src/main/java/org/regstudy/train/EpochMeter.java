package org.regstudy.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.regstudy.penalty.ProximalL1Regularization;

/**
 * Measures one network on its training and validation parts ({@link EpochRecord}) with as few
 * native calls as the network allows; built once per training run.
 *
 * <p>Fast path, used when neither part has masks and the output layer's loss has an
 * {@link OutputLoss} (MCXENT, negative log-likelihood, binary cross-entropy without softmax, MSE, L2,
 * L1, all without per-output weights): the two parts are stacked once, and each record makes
 * <b>one</b> forward pass ({@code output(features, false)}, or for plain dense stacks
 * {@link DenseForward}'s bitwise-equal pass into arrays made once) over both and copies the outputs
 * to Java once. The per-example data loss is DL4J's formula on those outputs in double precision (the values
 * of {@code scoreExamples(data, false)} to float rounding, summed over time steps for sequences), and
 * the metrics come from the same outputs; labels are copied once per run. Otherwise the record is
 * made the general way ({@code scoreExamples} and {@code output} per part).
 *
 * <p>Penalties and weight norms come from one copy of all parameters ({@link ParameterSums}): per
 * array {@code sum|w|} and {@code sum w^2} in double precision, then L1 {@code c*sum|w|}, L2 and
 * weight decay {@code 0.5*c*sum w^2}, proximal L1 {@code c*sum|w|}; any other {@code Regularization}
 * is asked for its own {@code score}.
 */
final class EpochMeter {
    private final DataSet train;
    private final DataSet validation;
    private final boolean classification;
    private final int nTrain;
    private final int nValidation;
    /** Stacked features (train rows, then validation rows); null when the fast path does not apply. */
    private final INDArray stackedFeatures;
    /** The stacked features' forward pass without DL4J's layout copies, or null (see {@link DenseForward}). */
    private final DenseForward denseForward;
    private final double[] labels2d;
    private final int outputs;
    private final int steps;
    private final OutputLoss loss;

    EpochMeter(MultiLayerNetwork net, DataSet train, DataSet validation, boolean classification) {
        this.train = train;
        this.validation = validation;
        this.classification = classification;
        this.nTrain = train.numExamples();
        this.nValidation = validation.numExamples();
        Object outConf = net.getLayer(net.getnLayers() - 1).conf().getLayer();
        // exactly DL4J's plain output layers: subclasses such as CenterLossOutputLayer add terms of their own
        boolean plainOutput = outConf != null
                && (outConf.getClass() == OutputLayer.class || outConf.getClass() == RnnOutputLayer.class);
        OutputLoss outputLoss = plainOutput ? OutputLoss.of(((BaseOutputLayer) outConf).getLossFn(),
                ((BaseOutputLayer) outConf).getActivationFn(), net.getLayerWiseConfigurations().getDataType()) : null;
        boolean fast = outputLoss != null && !hasMasks(train) && !hasMasks(validation)
                && sameBeyondFirstAxis(train.getFeatures(), validation.getFeatures())
                && sameBeyondFirstAxis(train.getLabels(), validation.getLabels());
        if (fast) {
            stackedFeatures = Nd4j.concat(0, train.getFeatures(), validation.getFeatures());
            denseForward = DenseForward.of(net, stackedFeatures);
            INDArray labels = Nd4j.concat(0, train.getLabels(), validation.getLabels());
            INDArray labels2dArray = Evaluation.flatten(labels).dup('c');
            labels2d = labels2dArray.data().asDouble();
            outputs = (int) labels2dArray.columns();
            steps = labels.rank() == 3 ? (int) labels.size(2) : 1;
            loss = outputLoss;
        } else {
            stackedFeatures = null;
            denseForward = null;
            labels2d = null;
            outputs = 0;
            steps = 1;
            loss = null;
        }
    }

    /** Whether records take the one-forward-pass path (for tests and benchmarks). */
    boolean fastPath() {
        return stackedFeatures != null;
    }

    /** Whether that pass is {@link DenseForward}'s rather than {@code output(features, false)}. */
    boolean denseForward() {
        return denseForward != null;
    }

    EpochRecord measure(MultiLayerNetwork net, int epoch) {
        return measure(net, epoch, ParameterSums.of(net));
    }

    /** The record, with the parameter sums already taken at this epoch. */
    EpochRecord measure(MultiLayerNetwork net, int epoch, ParameterSums sums) {
        double[] penalty = new double[net.getnLayers()];
        double[] norms = new double[net.getnLayers()];
        parameterTerms(net, sums, penalty, norms);
        double total = 0;
        for (double p : penalty) {
            total += p;
        }
        if (stackedFeatures == null) {
            return new EpochRecord(epoch, Evaluation.dataLoss(net, train), Evaluation.dataLoss(net, validation), total,
                    penalty, Evaluation.metrics(net, train, classification),
                    Evaluation.metrics(net, validation, classification), norms);
        }
        INDArray output = denseForward != null && denseForward.isFor(net) ? denseForward.output()
                : net.output(stackedFeatures, false);
        double[] out = contiguous(Evaluation.flatten(output)).data().asDouble();
        int trainRows = nTrain * steps;
        int rows = trainRows + nValidation * steps;
        double trainLoss = lossSum(out, 0, trainRows) / nTrain;
        double validationLoss = lossSum(out, trainRows, rows) / nValidation;
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
                : Evaluation.regression(p, y, outputs);
    }

    /** {@code a} itself when it is a row-major array of its own, else a row-major copy. */
    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() ? a : a.dup('c');
    }

    /** Sum of the per-row losses of rows {@code from .. to-1} (time steps of a sequence are rows). */
    private double lossSum(double[] out, int fromRow, int toRow) {
        double s = 0;
        for (int r = fromRow; r < toRow; r++) {
            s += loss.row(out, labels2d, r * outputs, outputs);
        }
        return s;
    }

    /**
     * Fills the penalty term and the L2 norm of the weights of each layer, from one Java copy of all
     * parameters (see the class comment).
     */
    static void parameterTerms(MultiLayerNetwork net, ParameterSums sums, double[] penalty, double[] weightNorm) {
        Layer[] layers = net.getLayers();
        int k = 0;
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            // a frozen layer's configuration is its inner layer's, penalties included, but DL4J's score adds
            // nothing for it (calcRegularizationScore is 0): count its norm, not its penalty
            boolean frozen = layers[i] instanceof org.deeplearning4j.nn.layers.FrozenLayer
                    || layers[i] instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
            double weightSq = 0;
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                double[] s = sums.of(k++);
                if (conf.initializer().isWeightParam(conf, e.getKey())) {
                    weightSq += s[1];
                }
                List<Regularization> regs = frozen ? null : conf.getRegularizationByParam(e.getKey());
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
     * {@code sum|w|}, {@code sum w^2} and {@code max|w|} of every parameter array, in the order of the
     * layers' {@code paramTable()}s. DL4J keeps all parameters in one flat buffer ({@code params()}),
     * each layer's arrays in {@code paramTable()} order as consecutive slices; when every array is
     * exactly that (same memory, the running offset, element-wise stride 1) the buffer is read with one
     * copy, otherwise with one copy per array.
     */
    static final class ParameterSums {
        private final List<double[]> sums;
        private final boolean fromFlatCopy;
        private final boolean nonFinite;
        private final double maxAbs;

        private ParameterSums(List<double[]> sums, boolean fromFlatCopy) {
            this.sums = sums;
            this.fromFlatCopy = fromFlatCopy;
            boolean bad = false;
            double max = 0;
            for (double[] s : sums) {
                bad |= !Double.isFinite(s[0]) || !Double.isFinite(s[1]) || !Double.isFinite(s[2]);
                max = Math.max(max, s[2]);
            }
            this.nonFinite = bad;
            this.maxAbs = max;
        }

        /** Whether any parameter is NaN or infinite. */
        boolean nonFinite() {
            return nonFinite;
        }

        /** {@code max |w|} over all parameters (meaningful when {@link #nonFinite()} is false). */
        double maxAbs() {
            return maxAbs;
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
            List<double[]> out = new ArrayList<>(arrays.size());
            if (flatLayout(flat, arrays)) {
                double[] all = flat.data().asDouble();
                int from = 0;
                for (INDArray a : arrays) {
                    out.add(sums(all, from, from + (int) a.length()));
                    from += (int) a.length();
                }
                return new ParameterSums(out, true);
            }
            for (INDArray a : arrays) {
                double[] v = contiguous(a).data().asDouble();
                out.add(sums(v, 0, v.length));
            }
            return new ParameterSums(out, false);
        }

        /**
         * Whether {@code flat} is an array of its own and {@code arrays} are, in order, contiguous slices
         * of it that cover it exactly (same memory, the running offset, element-wise stride 1).
         */
        private static boolean flatLayout(INDArray flat, List<INDArray> arrays) {
            if (flat == null || flat.isView() || flat.offset() != 0 || flat.length() != flat.data().length()
                    || flat.length() > Integer.MAX_VALUE) {
                return false;
            }
            long start = 0;
            for (INDArray a : arrays) {
                if (a.length() > 0 && (a.data().address() != flat.data().address() || a.offset() != start
                        || a.elementWiseStride() != 1)) {
                    return false;
                }
                start += a.length();
            }
            return start == flat.length();
        }

        /** {@code {sum |w|, sum w^2, max |w|}}; NaN in any when an element is NaN. */
        private static double[] sums(double[] v, int from, int to) {
            double abs = 0;
            double sq = 0;
            double max = 0;
            for (int i = from; i < to; i++) {
                double x = v[i];
                double a = Math.abs(x);
                abs += a;
                sq += x * x;
                max = a > max || Double.isNaN(a) ? a : max;
            }
            return new double[] {abs, sq, max};
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

    /** Whether {@code a} and {@code b} can be stacked along the first axis (same rank and other sizes). */
    private static boolean sameBeyondFirstAxis(INDArray a, INDArray b) {
        long[] x = a.shape();
        long[] y = b.shape();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasMasks(DataSet d) {
        return d.getFeaturesMaskArray() != null || d.getLabelsMaskArray() != null;
    }
}
