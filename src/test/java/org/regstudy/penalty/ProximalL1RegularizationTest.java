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
}
