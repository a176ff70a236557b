package org.regstudy.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

/** Single optimizer steps of a 1-layer network (output layer only), checked against hand arithmetic. */
class OptimizerStepTest {

    /** 2 inputs -> 1 output, identity activation, MSE; W = [1; -0.5], b = 0. */
    private static MultiLayerNetwork oneLayer(UpdaterSpec updater, Penalty weights) {
        NetworkSpec spec = NetworkSpec.builder().inputs(2).output(1, "identity", "MSE").updater(updater)
                .seed(1).dataType(DataType.DOUBLE).build();
        MultiLayerNetwork net = NetworkFactory.build(spec, PenaltyPlan.uniform(weights));
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new double[][] {{1.0}, {-0.5}}));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new double[][] {{0.0}}));
        return net;
    }

    /** One example x = [1, 1], y = 0. */
    private static DataSet example() {
        return new DataSet(Nd4j.createFromArray(new double[][] {{1.0, 1.0}}), Nd4j.createFromArray(new double[][] {{0.0}}));
    }

    private static double[] w(MultiLayerNetwork net) {
        return net.getLayer(0).getParam("W").toDoubleVector();
    }

    /*
     * Data gradient: out = 1*1 + (-0.5)*1 + 0 = 0.5; MSE (nOut = 1, batch 1) L = (out - y)^2,
     * dL/dout = 2*(0.5 - 0) = 1, so gW = x * 1 = [1, 1], gb = 1.
     *
     * Adam, first step (t = 1), lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8:
     *   m = (1-b1) g, v = (1-b2) g^2, alpha = lr*sqrt(1-b2)/(1-b1)
     *   update = alpha*m/(sqrt(v)+eps) = lr*g*sqrt(1-b2)/(sqrt(1-b2)|g| + eps) ~= lr*sign(g)
     *   (relative error ~ eps/(0.0316*|g|) < 1e-6 for |g| >= 0.5).
     *
     * L2 c = 0.5 (added to the gradient before Adam): g' = g + c*w = [1 + 0.5, 1 - 0.25] = [1.5, 0.75]
     *   w1 = w0 - 0.1*sign(g') = [1 - 0.1, -0.5 - 0.1] = [0.9, -0.6]
     * WeightDecay c = 0.5, applyLR = false (added to the update after Adam): update = 0.1*sign(g) + c*w0
     *   w1 = [1 - 0.1 - 0.5*1, -0.5 - 0.1 - 0.5*(-0.5)] = [0.4, -0.35]
     * Bias (no penalty) in both: b1 = 0 - 0.1*sign(1) = -0.1.
     */
    @Test
    void adamStepWithL2DiffersFromDecoupledWeightDecay() {
        MultiLayerNetwork l2 = oneLayer(UpdaterSpec.adam(0.1), Penalty.l2(0.5));
        l2.fit(example());
        assertArrayEquals(new double[] {0.9, -0.6}, w(l2), 1e-6);
        assertEquals(-0.1, l2.getLayer(0).getParam("b").getDouble(0), 1e-6);

        MultiLayerNetwork wd = oneLayer(UpdaterSpec.adam(0.1), Penalty.weightDecay(0.5, false));
        wd.fit(example());
        assertArrayEquals(new double[] {0.4, -0.35}, w(wd), 1e-6);
        assertEquals(-0.1, wd.getLayer(0).getParam("b").getDouble(0), 1e-6);
        assertNotEquals(w(l2)[0], w(wd)[0], 0.1);
    }

    /*
     * AdamW via UpdaterSpec.adamW(0.1, 0.5): WeightDecay(0.5, applyLR = true):
     *   update = 0.1*sign(g) + lr*c*w0 = 0.1*sign(g) + 0.05*w0
     *   w1 = [1 - 0.1 - 0.05, -0.5 - 0.1 + 0.025] = [0.85, -0.575]
     */
    @Test
    void adamWStepScalesDecayByLearningRate() {
        MultiLayerNetwork net = oneLayer(UpdaterSpec.adamW(0.1, 0.5), Penalty.none());
        net.fit(example());
        assertArrayEquals(new double[] {0.85, -0.575}, w(net), 1e-6);
    }

    /*
     * Proximal L1, SGD lr = 0.1, c = 1 -> threshold lr*c = 0.1. Input x = [0, 0, 0, 0] makes the
     * weight gradient zero (gW = x * dL/dout = 0), so after one step w1 = soft(w0, 0.1):
     *   w0 = [0.05, -0.03, 0.5, -0.8]  ->  [0, 0, 0.4, -0.7]   (the first two exactly zero)
     * Compare DL4J's subgradient L1 (same c): w1 = w0 - 0.1*1*sign(w0) = [-0.05, 0.07, 0.4, -0.7]:
     * the small weights jump across zero instead of stopping there.
     */
    @Test
    void proximalL1StepSetsSmallWeightsExactlyToZero() {
        DataSet zeros = new DataSet(Nd4j.zeros(DataType.DOUBLE, 1, 4), Nd4j.createFromArray(new double[][] {{0.3}}));
        INDArray w0 = Nd4j.createFromArray(new double[][] {{0.05}, {-0.03}, {0.5}, {-0.8}});

        MultiLayerNetwork prox = prox(Penalty.l1Proximal(1.0), w0);
        prox.fit(zeros);
        double[] w1 = prox.getLayer(0).getParam("W").toDoubleVector();
        assertEquals(0.0, w1[0], 0.0);
        assertEquals(0.0, w1[1], 0.0);
        assertArrayEquals(new double[] {0, 0, 0.4, -0.7}, w1, 1e-12);

        MultiLayerNetwork sub = prox(Penalty.l1(1.0), w0);
        sub.fit(zeros);
        assertArrayEquals(new double[] {-0.05, 0.07, 0.4, -0.7}, sub.getLayer(0).getParam("W").toDoubleVector(), 1e-12);
    }

    private static MultiLayerNetwork prox(Penalty p, INDArray w0) {
        NetworkSpec spec = NetworkSpec.builder().inputs(4).output(1, "identity", "MSE").updater(UpdaterSpec.sgd(0.1))
                .seed(1).dataType(DataType.DOUBLE).build();
        MultiLayerNetwork net = NetworkFactory.build(spec, PenaltyPlan.builder().defaults(LayerPenalty.weightsOnly(p)).build());
        net.getLayer(0).setParam("W", w0.dup());
        return net;
    }
}
