package org.regstudy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

class NetworkFactoryTest {

    private static NetworkSpec irisSpec(UpdaterSpec updater) {
        return NetworkSpec.builder().inputs(4).dense(8, "relu").dense(6, "tanh", "mid").output(3, "softmax", "MCXENT")
                .updater(updater).seed(7).dataType(DataType.DOUBLE).build();
    }

    private static final PenaltyPlan THREE = PenaltyPlan.builder()
            .layer(0, LayerPenalty.weightsOnly(Penalty.l1(0.01)))
            .layer(1, LayerPenalty.weightsOnly(Penalty.l2(0.02)))
            .layer(2, new LayerPenalty(Penalty.weightDecay(0.03, true), Penalty.l2(0.005)))
            .build();

    private static List<Regularization> weights(MultiLayerNetwork net, int i) {
        return ((BaseLayer) net.getLayerWiseConfigurations().getConf(i).getLayer()).getRegularization();
    }

    private static List<Regularization> biases(MultiLayerNetwork net, int i) {
        return ((BaseLayer) net.getLayerWiseConfigurations().getConf(i).getLayer()).getRegularizationBias();
    }

    @Test
    void threeLayerPlanIsCarriedExactlyAndSurvivesSaveLoad(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = NetworkFactory.build(irisSpec(UpdaterSpec.adam(0.01)), THREE);
        assertEquals(List.of(new L1Regularization(0.01)), weights(net, 0));
        assertEquals(List.of(), biases(net, 0));
        assertEquals(List.of(new L2Regularization(0.02)), weights(net, 1));
        assertEquals(List.of(new WeightDecay(0.03, true)), weights(net, 2));
        assertEquals(List.of(new L2Regularization(0.005)), biases(net, 2));
        assertEquals(THREE, NetworkFactory.readPlan(net));
        assertEquals(List.of("layer0", "mid", "output"), NetworkFactory.layerNames(net.getLayerWiseConfigurations()));

        DataSet ds = IrisRows.dataSet(DataType.DOUBLE);
        for (int i = 0; i < 5; i++) {
            net.fit(ds);
        }
        double term = PenaltyTerms.total(net);
        assertTrue(term > 0);
        // DL4J's score includes the penalty: score = data loss + penalty
        assertEquals(net.score(ds) - PenaltyTerms.dataLoss(net, ds), term, 1e-9);
        assertEquals(net.calcRegularizationScore(true), term, 1e-9);

        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertEquals(THREE, NetworkFactory.readPlan(back));
        NetworkFactory.verify(back.getLayerWiseConfigurations(), THREE);
        assertEquals(term, PenaltyTerms.total(back), 1e-12);
        assertEquals(net.score(ds), back.score(ds), 1e-12);
    }

    @Test
    void perLayerTermsFromParamTableByHand() {
        MultiLayerNetwork net = NetworkFactory.build(irisSpec(UpdaterSpec.sgd(0.1)), THREE);
        double[] per = PenaltyTerms.perLayer(net);
        // layer 0: 0.01*sum|W0|; layer 1: 0.5*0.02*sum W1^2; layer 2: 0.5*0.03*sum W2^2 + 0.5*0.005*sum b2^2
        INDArray w0 = net.getLayer(0).getParam("W");
        INDArray w1 = net.getLayer(1).getParam("W");
        INDArray w2 = net.getLayer(2).getParam("W");
        INDArray b2 = net.getLayer(2).getParam("b");
        assertEquals(0.01 * w0.norm1Number().doubleValue(), per[0], 1e-12);
        assertEquals(0.5 * 0.02 * w1.mul(w1).sumNumber().doubleValue(), per[1], 1e-12);
        assertEquals(0.5 * 0.03 * w2.mul(w2).sumNumber().doubleValue() + 0.5 * 0.005 * b2.mul(b2).sumNumber().doubleValue(),
                per[2], 1e-12);
        assertEquals(per[0] + per[1] + per[2], PenaltyTerms.total(net), 1e-12);
    }

    @Test
    void dataLossMatchesLossComputedFromOutputs() {
        MultiLayerNetwork net = NetworkFactory.build(irisSpec(UpdaterSpec.adam(0.01)), PenaltyPlan.uniform(Penalty.l2(0.5)));
        DataSet ds = IrisRows.dataSet(DataType.DOUBLE);
        net.fit(ds);
        // MCXENT: mean over examples of -sum_k y_k log p_k
        INDArray p = net.output(ds.getFeatures());
        double ce = -ds.getLabels().mul(org.nd4j.linalg.ops.transforms.Transforms.log(p, true)).sumNumber().doubleValue()
                / ds.numExamples();
        assertEquals(ce, PenaltyTerms.dataLoss(net, ds), 1e-9);
        assertEquals(ce + PenaltyTerms.total(net), net.score(ds), 1e-9);
    }

    @Test
    void badPlansFailNamingFieldAndValue() {
        NetworkSpec spec = irisSpec(UpdaterSpec.adam(0.01));
        PenaltyPlan seven = PenaltyPlan.builder().layer(7, LayerPenalty.weightsOnly(Penalty.l2(0.1))).build();
        var e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.build(spec, seven));
        assertEquals("override for layer 7: network has 3 layers (0..2)", e.getMessage());
        var byName = PenaltyPlan.builder().layer("missing", LayerPenalty.weightsOnly(Penalty.l2(0.1))).build();
        e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.configuration(spec, byName));
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Penalty.l2(-0.5));
        assertEquals("l2 must be finite and >= 0, got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Penalty.elasticNetRatio(0.1, 1.5));
        assertEquals("l1Ratio must be in [0, 1], got 1.5", e.getMessage());
    }

    /**
     * The DL4J 1.0.0-M2.1 bug the verify guard exists for: a weight decay set on the global
     * NeuralNetConfiguration.Builder lands in each layer's list twice, so the penalty doubles.
     */
    @Test
    void globalWeightDecayDoublesInDl4jAndVerifyCatchesIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Adam(0.01)).weightDecay(0.01).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        List<Regularization> list = ((BaseLayer) conf.getConf(0).getLayer()).getRegularization();
        assertEquals(List.of(new WeightDecay(0.01, true), new WeightDecay(0.01, true)), list, "M2.1 doubles it");
        var e = assertThrows(IllegalStateException.class,
                () -> NetworkFactory.verify(conf, PenaltyPlan.uniform(Penalty.weightDecay(0.01, true))));
        assertTrue(e.getMessage().startsWith("layer 0 '"), e.getMessage());
        assertTrue(e.getMessage().contains("weight regularization is [WeightDecay"), e.getMessage());
        // our per-layer lists do not double
        MultiLayerConfiguration ours = NetworkFactory.configuration(irisSpec(UpdaterSpec.adam(0.01)),
                PenaltyPlan.uniform(Penalty.weightDecay(0.01, true)));
        assertEquals(List.of(new WeightDecay(0.01, true)), ((BaseLayer) ours.getConf(0).getLayer()).getRegularization());
    }

    @Test
    void applyPlanToTrainedNetworkKeepsWeights() {
        MultiLayerNetwork net = NetworkFactory.build(irisSpec(UpdaterSpec.adam(0.01)), PenaltyPlan.none());
        DataSet ds = IrisRows.dataSet(DataType.DOUBLE);
        net.fit(ds);
        INDArray before = net.params().dup();
        double dataLoss = PenaltyTerms.dataLoss(net, ds);
        assertEquals(0.0, PenaltyTerms.total(net), 0.0);

        NetworkFactory.applyPlan(net, THREE);
        assertEquals(before, net.params());
        assertEquals(THREE, NetworkFactory.readPlan(net));
        double term = PenaltyTerms.total(net);
        assertTrue(term > 0);
        assertEquals(dataLoss + term, net.score(ds), 1e-9);
        net.fit(ds); // trains with the new lists
        assertNotEquals(before, net.params());

        // configuration variant: the original is untouched
        MultiLayerConfiguration conf = NetworkFactory.configuration(irisSpec(UpdaterSpec.adam(0.01)), PenaltyPlan.none());
        MultiLayerConfiguration applied = NetworkFactory.applyPlan(conf, THREE);
        assertEquals(PenaltyPlan.none(), NetworkFactory.readPlan(conf));
        assertEquals(THREE, NetworkFactory.readPlan(applied));
    }

    @Test
    void adamWMergesDecoupledDecayIntoEveryLayersWeights() {
        PenaltyPlan plan = PenaltyPlan.builder().defaults(LayerPenalty.weightsOnly(Penalty.l2(0.02)))
                .layer(2, LayerPenalty.weightsOnly(Penalty.weightDecay(0.5, false))).build();
        NetworkSpec spec = irisSpec(UpdaterSpec.adamW(0.01, 0.1));
        MultiLayerNetwork net = NetworkFactory.build(spec, plan);
        assertEquals(List.of(new L2Regularization(0.02), new WeightDecay(0.1, true)), weights(net, 0));
        assertEquals(List.of(new L2Regularization(0.02), new WeightDecay(0.1, true)), weights(net, 1));
        assertEquals(List.of(new WeightDecay(0.5, false)), weights(net, 2)); // the plan's own decay wins
        assertEquals(List.of(), biases(net, 0));
        PenaltyPlan eff = NetworkFactory.effectivePlan(spec, plan);
        assertEquals(eff, NetworkFactory.readPlan(net));
        assertEquals(Penalty.l2(0.02).withWeightDecay(0.1, true), eff.forLayer(0, "layer0").weights());
        assertTrue(net.getLayerWiseConfigurations().getConf(0).getLayer() instanceof BaseLayer bl
                && bl.getIUpdater() instanceof Adam);
    }

    @Test
    void specValidation() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder().inputs(4).dense(3, "nonsense").output(3, "softmax", "MCXENT").build());
        assertTrue(e.getMessage().contains("'nonsense'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder().inputs(4).dense(3, "relu").output(3, "softmax", "FOO").build());
        assertTrue(e.getMessage().contains("'FOO'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.adam(-1));
        assertEquals("learningRate must be finite and > 0, got -1.0", e.getMessage());
        NetworkSpec s = irisSpec(UpdaterSpec.nesterovs(0.1, 0.9));
        assertEquals(99, s.withSeed(99).seed());
        assertEquals(List.of("layer0", "mid", "output"), s.layerNames());
        assertEquals(DataType.FLOAT, NetworkSpec.builder().inputs(2).dense(3, "RELU").output(1, "sigmoid", "xent").build()
                .dataType());
    }
}
