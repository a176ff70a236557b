package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossPoisson;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
import org.regstudy.network.PenaltyTerms;
import org.regstudy.network.UpdaterSpec;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

/**
 * The one-forward-pass record equals the record made the general way (DL4J's {@code scoreExamples}
 * and {@code output} per part, penalties from DL4J's own {@code Regularization.score}), for every
 * output the fast path accepts, and falls back where it must.
 */
class EpochMeterTest {

    private static final DataSet TRAIN = TrainerTest.part(TrainerTest.IRIS.split().train());
    private static final DataSet VALIDATION = TrainerTest.part(TrainerTest.IRIS.split().validation());

    /** L2 on hidden weights, L1 on hidden biases, decoupled weight decay and proximal L1 on the output. */
    private static final PenaltyPlan PLAN = PenaltyPlan.builder()
            .layer(0, new LayerPenalty(Penalty.l2(0.01), Penalty.l1(0.003)))
            .layer(1, new LayerPenalty(Penalty.weightDecay(0.02, true), Penalty.l1Proximal(0.001)))
            .build();

    private static MultiLayerNetwork trained(NetworkSpec spec, DataSet train, int steps) {
        MultiLayerNetwork net = NetworkFactory.build(spec, PLAN);
        for (int i = 0; i < steps; i++) {
            net.fit(train);
        }
        return net;
    }

    /** The general way, as records were made before the meter. */
    private static void assertSameAsGeneralWay(MultiLayerNetwork net, DataSet train, DataSet validation,
                                               boolean classification) {
        EpochMeter meter = new EpochMeter(net, train, validation, classification);
        assertTrue(meter.fastPath());
        EpochRecord r = meter.measure(net, 7);
        assertEquals(7, r.epoch());
        // DL4J computes in float32, the meter in double from the same float outputs: equal to float rounding
        assertEquals(PenaltyTerms.dataLoss(net, train), r.trainLoss(), 2e-6 * Math.max(1, r.trainLoss()));
        assertEquals(PenaltyTerms.dataLoss(net, validation), r.validationLoss(), 2e-6 * Math.max(1, r.validationLoss()));
        assertMetrics(Evaluation.metrics(net, train, classification), r.train());
        assertMetrics(Evaluation.metrics(net, validation, classification), r.validation());
        double[] perLayer = PenaltyTerms.perLayer(net);
        for (int i = 0; i < perLayer.length; i++) {
            assertEquals(perLayer[i], r.layerPenalty()[i], 1e-6 * Math.max(1e-3, perLayer[i]), "layer " + i);
            INDArray w = net.getLayer(i).getParam("W");
            double norm = w.norm2Number().doubleValue();
            if (net.getLayer(i).paramTable().containsKey("RW")) {
                double rw = net.getLayer(i).getParam("RW").norm2Number().doubleValue();
                norm = Math.sqrt(norm * norm + rw * rw);
            }
            assertEquals(norm, r.layerWeightNorm()[i], 1e-5 * norm);
        }
        // DL4J's score includes the penalty: score = data loss + penalty term
        assertEquals(net.score(train), r.trainLoss() + r.penalty(), 1e-5 * Math.max(1, net.score(train)));
    }

    @Test
    void parameterSumsReadDl4jsFlatLayoutForDenseAndLstmLayers() {
        MultiLayerNetwork dense = trained(NetworkSpec.builder().inputs(4).dense(8, "relu").dense(5, "tanh")
                .output(3, "softmax", "MCXENT").updater(UpdaterSpec.adam(0.01)).seed(2).build(), TRAIN, 3);
        MultiLayerNetwork lstm = trained(NetworkSpec.builder().inputs(1).lstm(5, "tanh").output(1, "identity", "MSE")
                .updater(UpdaterSpec.adam(0.01)).seed(5).build(), sines(6, 0), 3);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {dense, lstm}) {
            EpochMeter.ParameterSums sums = EpochMeter.ParameterSums.of(net);
            assertTrue(sums.fromFlatCopy());
            int k = 0;
            for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
                for (INDArray a : layer.paramTable().values()) {
                    double[] s = sums.of(k++);
                    assertEquals(a.norm1Number().doubleValue(), s[0], 1e-5 * Math.max(1, s[0]));
                    double norm2 = a.norm2Number().doubleValue();
                    assertEquals(norm2 * norm2, s[1], 1e-5 * Math.max(1, s[1]));
                }
            }
        }
    }

    @Test
    void outputLossRowsByHand() {
        // softmax outputs p = (0.7, 0.2, 0.1), label class 0: MCXENT = -ln 0.7 = 0.356675;
        // a zero probability is clipped to 1e-10: -ln 1e-10 = 23.02585
        OutputLoss mcxent = OutputLoss.of(new LossMCXENT(), new ActivationSoftmax(), DataType.DOUBLE);
        assertEquals(-Math.log(0.7), mcxent.row(new double[] {0.7, 0.2, 0.1}, new double[] {1, 0, 0}, 0, 3), 1e-15);
        assertEquals(23.02585093, mcxent.row(new double[] {0.0, 1.0}, new double[] {1, 0}, 0, 2), 1e-8);
        // one sigmoid output p = 0.8: label 1 -> -ln 0.8 = 0.223144; label 0 -> -ln 0.2 = 1.609438
        OutputLoss xent = OutputLoss.of(new LossBinaryXENT(), new org.nd4j.linalg.activations.impl.ActivationSigmoid(),
                DataType.DOUBLE);
        assertEquals(-Math.log(0.8), xent.row(new double[] {0.8}, new double[] {1}, 0, 1), 1e-15);
        assertEquals(-Math.log(0.2), xent.row(new double[] {0.8}, new double[] {0}, 0, 1), 1e-12);
        // a saturated sigmoid (p = 1) with label 0 is clipped to 1 - 1e-5: -ln(1e-5) = 11.512925 in float64;
        // DL4J clips a float32 array at float(1 - 1e-5) = 0.99998999..., so 1 - p = 1.0013580e-5 and the
        // loss is -ln(1.0013580e-5) = 11.511568
        assertEquals(11.512925, xent.row(new double[] {1.0}, new double[] {0}, 0, 1), 1e-6);
        OutputLoss xentFloat = OutputLoss.of(new LossBinaryXENT(), new org.nd4j.linalg.activations.impl.ActivationSigmoid(),
                DataType.FLOAT);
        assertEquals(-Math.log(1 - (double) (float) (1 - 1e-5)), xentFloat.row(new double[] {1.0}, new double[] {0}, 0, 1), 1e-12);
        assertEquals(11.511568, xentFloat.row(new double[] {1.0}, new double[] {0}, 0, 1), 1e-6);
        // errors (1, -2) over 2 outputs: L2 = 1 + 4 = 5, MSE = 5 / 2 = 2.5, L1 = 1 + 2 = 3; the row at offset 2
        double[] p = {9, 9, 1, 2};
        double[] y = {9, 9, 2, 0};
        assertEquals(5, OutputLoss.of(new org.nd4j.linalg.lossfunctions.impl.LossL2(), new ActivationIdentity(), DataType.DOUBLE).row(p, y, 2, 2), 1e-15);
        assertEquals(2.5, OutputLoss.of(new org.nd4j.linalg.lossfunctions.impl.LossMSE(), new ActivationIdentity(), DataType.DOUBLE).row(p, y, 2, 2), 1e-15);
        assertEquals(3, OutputLoss.of(new org.nd4j.linalg.lossfunctions.impl.LossL1(), new ActivationIdentity(), DataType.DOUBLE).row(p, y, 2, 2), 1e-15);
    }

    private static void assertMetrics(Metrics expected, Metrics actual) {
        assertEquals(expected.accuracy(), actual.accuracy(), 1e-12);
        assertEquals(expected.macroF1(), actual.macroF1(), 1e-12);
        assertEquals(expected.logLoss(), actual.logLoss(), 1e-9);
        assertEquals(expected.rmse(), actual.rmse(), 1e-9);
        assertEquals(expected.mae(), actual.mae(), 1e-9);
        assertEquals(expected.r2(), actual.r2(), 1e-9);
    }

    @Test
    void softmaxCrossEntropy() {
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(4).dense(8, "relu").output(3, "softmax", "MCXENT")
                .updater(UpdaterSpec.adam(0.01)).seed(2).build(), TRAIN, 30);
        assertSameAsGeneralWay(net, TRAIN, VALIDATION, true);
    }

    @Test
    void saturatedSoftmaxIsClippedAsDl4jClipsIt() {
        // output weights scaled by 1000 drive the softmax to exact 0/1 probabilities in float32: without
        // MCXENT's clipping to [1e-10, 1 - 1e-10] a wrong class would cost log(0) = -infinity
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(4).dense(8, "relu").output(3, "softmax", "MCXENT")
                .updater(UpdaterSpec.adam(0.01)).seed(2).build(), TRAIN, 10);
        net.getLayer(1).getParam("W").muli(1000);
        INDArray out = net.output(VALIDATION.getFeatures());
        assertTrue(out.minNumber().doubleValue() < 1e-10, "saturated: min p = " + out.minNumber());
        assertSameAsGeneralWay(net, TRAIN, VALIDATION, true);
    }

    @Test
    void sigmoidBinaryCrossEntropyOnOneOutput() {
        DataSet train = firstClassVersusRest(TRAIN);
        DataSet validation = firstClassVersusRest(VALIDATION);
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(4).dense(8, "tanh").output(1, "sigmoid", "XENT")
                .updater(UpdaterSpec.adam(0.01)).seed(3).build(), train, 30);
        assertSameAsGeneralWay(net, train, validation, true);
    }

    @Test
    void saturatedSigmoidIsClippedAsDl4jClipsItsFloatOutputs() {
        // output weights scaled by 1000 saturate the sigmoid to exactly 0 or 1 in float32: wrong-side rows then
        // cost -ln(1 - float(1 - 1e-5)), as DL4J's clipbyvalue on the float32 output gives
        DataSet train = firstClassVersusRest(TRAIN);
        DataSet validation = firstClassVersusRest(VALIDATION);
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(4).dense(8, "tanh").output(1, "sigmoid", "XENT")
                .updater(UpdaterSpec.adam(0.01)).seed(3).build(), train, 10);
        net.getLayer(1).getParam("W").muli(1000);
        INDArray out = net.output(VALIDATION.getFeatures());
        assertTrue(out.maxNumber().doubleValue() == 1.0 || out.minNumber().doubleValue() == 0.0, "saturated");
        assertSameAsGeneralWay(net, train, validation, true);
    }

    @Test
    void regressionMeanSquaredError() {
        DataSet train = petalWidth(TRAIN);
        DataSet validation = petalWidth(VALIDATION);
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(3).dense(8, "relu").output(1, "identity", "MSE")
                .updater(UpdaterSpec.adam(0.01)).seed(4).build(), train, 30);
        assertSameAsGeneralWay(net, train, validation, false);
    }

    @Test
    void lstmSequenceRegressionSumsOverTimeSteps() {
        DataSet train = sines(6, 0);
        DataSet validation = sines(4, 10);
        MultiLayerNetwork net = trained(NetworkSpec.builder().inputs(1).lstm(5, "tanh").output(1, "identity", "MSE")
                .updater(UpdaterSpec.adam(0.01)).seed(5).dataType(DataType.DOUBLE).build(), train, 20);
        assertSameAsGeneralWay(net, train, validation, false);
    }

    @Test
    void softmaxWithBinaryCrossEntropyAndMasksTakeTheGeneralWay() {
        // DL4J's binary cross-entropy on a softmax works from the pre-activations (log-softmax); a
        // loss the meter does not know (Poisson here), DL4J's MAE (its per-example score is the L1
        // sum) and a weighted loss are left to DL4J
        assertNull(OutputLoss.of(new LossBinaryXENT(), new ActivationSoftmax(), DataType.FLOAT));
        assertNull(OutputLoss.of(new LossPoisson(), new ActivationIdentity(), DataType.FLOAT));
        assertNull(OutputLoss.of(new LossMAE(), new ActivationIdentity(), DataType.FLOAT));
        assertNull(OutputLoss.of(new LossMCXENT(Nd4j.createFromArray(1.0, 2.0, 1.0)), new ActivationSoftmax(), DataType.FLOAT));
        assertNull(OutputLoss.of(new LossMCXENT(), new ActivationSoftmax(), DataType.HALF));

        DataSet train = sines(6, 0);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 6, 5);
        mask.putScalar(0, 4, 0);
        train.setLabelsMaskArray(mask);
        MultiLayerNetwork lstm = NetworkFactory.build(NetworkSpec.builder().inputs(1).lstm(5, "tanh")
                .output(1, "identity", "MSE").updater(UpdaterSpec.adam(0.01)).seed(5).dataType(DataType.DOUBLE).build(),
                PLAN);
        EpochMeter meter = new EpochMeter(lstm, train, sines(4, 10), false);
        assertFalse(meter.fastPath());
        EpochRecord r = meter.measure(lstm, 1);
        assertEquals(PenaltyTerms.dataLoss(lstm, train), r.trainLoss(), 1e-9);
    }

    /** Iris with one sigmoid target: class 0 (setosa) = 1, others 0. */
    private static DataSet firstClassVersusRest(DataSet d) {
        return new DataSet(d.getFeatures(), d.getLabels().getColumn(0, true).dup());
    }

    /** Iris regression: petal width (feature 3) from the other three features. */
    private static DataSet petalWidth(DataSet d) {
        INDArray f = d.getFeatures();
        return new DataSet(f.getColumns(0, 1, 2).dup(), f.getColumn(3, true).dup());
    }

    /** {@code n} sine sequences of 5 steps, phase offset {@code phase}; target: the next value. Shape [n, 1, 5]. */
    static DataSet sines(int n, int phase) {
        double[][][] x = new double[n][1][5];
        double[][][] y = new double[n][1][5];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 5; s++) {
                x[i][0][s] = Math.sin(0.7 * s + i + phase);
                y[i][0][s] = Math.sin(0.7 * (s + 1) + i + phase);
            }
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    @Test
    void aFrozenLayersPenaltyIsNotCountedAsDl4jsScoreDoesNot() {
        // layer 0 frozen around a dense layer with L2 0.01, the output layer with L2 0.01: DL4J's score adds the
        // output layer's 0.5 * 0.01 * sum W^2 only; the frozen layer's configuration still lists its inner L2
        for (boolean withBackprop : new boolean[] {false, true}) {
            org.deeplearning4j.nn.conf.layers.DenseLayer inner = new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                    .nIn(4).nOut(5).activation(org.nd4j.linalg.activations.Activation.RELU).l2(0.01).build();
            org.deeplearning4j.nn.conf.layers.Layer frozen = withBackprop
                    ? new org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop(inner)
                    : new org.deeplearning4j.nn.conf.layers.misc.FrozenLayer(inner);
            MultiLayerNetwork net = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                    .seed(3).dataType(DataType.DOUBLE).list()
                    .layer(frozen)
                    .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                            org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                            .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).l2(0.01).build())
                    .build());
            net.init();
            double[] perLayer = Trainer.layerPenalties(net);
            assertEquals(0.0, perLayer[0], 0.0, "frozen layer, withBackprop " + withBackprop);
            INDArray w = net.getLayer(1).getParam("W");
            assertEquals(0.5 * 0.01 * w.mul(w).sumNumber().doubleValue(), perLayer[1], 1e-12);
            assertEquals(net.calcRegularizationScore(true), perLayer[0] + perLayer[1], 1e-12);
        }
    }
}
