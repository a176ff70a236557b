package org.regstudy.penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ProximalL1RegularizationTest {

    @Test
    void rewritesUpdateToSoftThreshold() {
        // lr = 0.1, c = 2 -> threshold t = 0.2
        // w = [0.5, -0.3, 0.1, 0.25], update u = [0.1, 0, 0.05, 0.1] -> w - u = [0.4, -0.3, 0.05, 0.15]
        // soft(., 0.2) = [0.2, -0.1, 0, 0]; new update u' = w - soft = [0.3, -0.2, 0.1, 0.25]
        INDArray w = Nd4j.createFromArray(0.5, -0.3, 0.1, 0.25);
        INDArray u = Nd4j.createFromArray(0.1, 0.0, 0.05, 0.1);
        Regularization r = new ProximalL1Regularization(2.0);
        assertEquals(Regularization.ApplyStep.POST_UPDATER, r.applyStep());
        r.apply(w, u, 0.1, 0, 0);
        assertArrayEquals(new double[] {0.3, -0.2, 0.1, 0.25}, u.toDoubleVector(), 1e-12);
        double[] next = w.sub(u).toDoubleVector();
        assertArrayEquals(new double[] {0.2, -0.1, 0, 0}, next, 1e-12);
        assertEquals(0.0, next[2], 0.0);
        // score: c * sum|w| = 2 * (0.5+0.3+0.1+0.25) = 2.3
        assertEquals(2.3, r.score(w, 0, 0), 1e-12);
    }

    @Test
    void survivesDl4jJsonRoundTrip() {
        var b = new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY);
        b.regularization(new ArrayList<>(Penalty.l1Proximal(0.25).toDl4j()));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(b.build()).build();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        BaseLayer layer = (BaseLayer) back.getConf(0).getLayer();
        assertEquals(Penalty.l1Proximal(0.25), Penalty.fromDl4j(layer.getRegularization()));
        assertEquals(new ProximalL1Regularization(0.25), layer.getRegularization().get(0));
    }

    @org.junit.jupiter.api.Test
    void withAWeightDecayTheSoftThresholdStillActsLastAndGivesExactZeros() {
        // DL4J applies post-updater steps in list order to the update u, then w' = w - u.
        // w = [0.05, -0.02, 2.0], u = 0 (zero gradient), lr = 0.1, decay 0.1 with lr, proximal c = 1:
        // decay: u = lr*wd*w = [0.0005, -0.0002, 0.02]; proximal: w - u = [0.0495, -0.0198, 1.98],
        // soft(., lr*c = 0.1) = [0, 0, 1.88]: the first two exactly zero.
        Penalty p = Penalty.l1Proximal(1).withWeightDecay(0.1, true);
        var w = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[] {0.05, -0.02, 2.0});
        var u = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3);
        for (var r : p.toDl4j()) {
            org.junit.jupiter.api.Assertions.assertEquals(
                    org.nd4j.linalg.learning.regularization.Regularization.ApplyStep.POST_UPDATER, r.applyStep());
            r.apply(w, u, 0.1, 0, 0);
        }
        var next = w.sub(u);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, next.getDouble(0), 0.0);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, next.getDouble(1), 0.0);
        org.junit.jupiter.api.Assertions.assertEquals(1.88, next.getDouble(2), 1e-12);
    }

    /**
     * A one-weight lasso, {@code y = 3x} on 200 rows {@code x_i = (i - 99.5)/50}, full batch, no bias, w from 1:
     * DL4J's MSE is {@code mean (y - wx)^2}, so {@code mean (y - wx)^2 + c|w|} is least at
     * {@code w* = 3 - c/(2 E[x^2])}; {@code E[x^2] = ((200^2 - 1)/12)/2500 = 1.3333} exactly, and with c = 2,
     * {@code w* = 3 - 1/1.3333 = 2.2499812}.
     * Proximal L1 reaches it under SGD; under Adam its threshold {@code lr*c = 0.02} exceeds Adam's step of about
     * {@code lr = 0.01}, and the weight ends at exactly 0, while DL4J's subgradient L1 with Adam stays near w*
     * (docs/penalties.md).
     */
    @Test
    void isTheLassoStepUnderSgdAndZeroesTheWeightUnderAdam() {
        double[][] x = new double[200][1];
        double[][] y = new double[200][1];
        for (int i = 0; i < 200; i++) {
            x[i][0] = (i - 99.5) / 50;
            y[i][0] = 3 * x[i][0];
        }
        org.nd4j.linalg.dataset.DataSet data = new org.nd4j.linalg.dataset.DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        double lasso = 3 - 2 / (2 * (39999.0 / 12 / 2500));
        assertEquals(2.2499812, lasso, 1e-7);
        assertEquals(lasso, fitOneWeight(new org.nd4j.linalg.learning.config.Sgd(0.05), new ProximalL1Regularization(2), data), 1e-9);
        assertEquals(0.0, fitOneWeight(new org.nd4j.linalg.learning.config.Adam(0.01), new ProximalL1Regularization(2), data), 0.0);
        assertEquals(lasso, fitOneWeight(new org.nd4j.linalg.learning.config.Adam(0.01),
                new org.nd4j.linalg.learning.regularization.L1Regularization(2), data), 0.05);
    }

    private static double fitOneWeight(org.nd4j.linalg.learning.config.IUpdater updater, Regularization r,
                                       org.nd4j.linalg.dataset.DataSet data) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(updater)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1).hasBias(false)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                        .weightInit(new org.deeplearning4j.nn.weights.WeightInitConstant(1.0))
                        .regularization(java.util.List.of(r)).build())
                .build();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        for (int step = 0; step < 2000; step++) {
            net.fit(data);
        }
        return net.params().getDouble(0);
    }
}
