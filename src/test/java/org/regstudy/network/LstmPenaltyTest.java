package org.regstudy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

class LstmPenaltyTest {

    /**
     * Sequence data: 6 sequences of 5 steps of a sine with different phases; label at each step:
     * class 1 when the next value rises, else 0 (one-hot, 2 classes). Shape [batch, features, time].
     */
    private static DataSet sines() {
        int n = 6;
        int t = 5;
        double[][][] x = new double[n][1][t];
        double[][][] y = new double[n][2][t];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                double v = Math.sin(0.7 * s + i);
                double next = Math.sin(0.7 * (s + 1) + i);
                x[i][0][s] = v;
                y[i][next > v ? 1 : 0][s] = 1;
            }
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    @Test
    void lstmInputAndRecurrentWeightsArePenalized() {
        NetworkSpec spec = NetworkSpec.builder().inputs(1).lstm(4, "tanh").output(2, "softmax", "MCXENT")
                .updater(UpdaterSpec.adam(0.01)).seed(3).dataType(DataType.DOUBLE).build();
        assertTrue(spec.recurrent());
        PenaltyPlan plan = PenaltyPlan.builder()
                .layer(0, new LayerPenalty(Penalty.l2(0.1), Penalty.l1(0.01)))
                .layer(1, LayerPenalty.weightsOnly(Penalty.l1(0.05))).build();
        MultiLayerNetwork net = NetworkFactory.build(spec, plan);
        assertTrue(net.getLayerWiseConfigurations().getConf(0).getLayer() instanceof LSTM);
        assertTrue(net.getLayerWiseConfigurations().getConf(1).getLayer() instanceof RnnOutputLayer);
        assertEquals(List.of(new L2Regularization(0.1)),
                ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getRegularization());
        assertEquals(plan, NetworkFactory.readPlan(net));

        DataSet ds = sines();
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        // layer 0: 0.5*0.1*(sum W^2 + sum RW^2) + 0.01*sum|b|
        INDArray w = net.getLayer(0).getParam("W");
        INDArray rw = net.getLayer(0).getParam("RW");
        INDArray b = net.getLayer(0).getParam("b");
        double byHand = 0.5 * 0.1 * (w.mul(w).sumNumber().doubleValue() + rw.mul(rw).sumNumber().doubleValue())
                + 0.01 * b.norm1Number().doubleValue();
        double[] per = PenaltyTerms.perLayer(net);
        assertEquals(byHand, per[0], 1e-12);
        // RW alone contributes: dropping it would change the term
        assertTrue(0.5 * 0.1 * rw.mul(rw).sumNumber().doubleValue() > 0);
        assertEquals(0.05 * net.getLayer(1).getParam("W").norm1Number().doubleValue(), per[1], 1e-12);

        double data = PenaltyTerms.dataLoss(net, ds);
        assertTrue(data > 0);
        assertEquals(net.score(ds), data + PenaltyTerms.total(net), 1e-9);
    }
}
