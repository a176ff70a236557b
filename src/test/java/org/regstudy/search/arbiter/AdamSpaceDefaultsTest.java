package org.regstudy.search.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.conf.updater.NadamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class AdamSpaceDefaultsTest {

    private static MultiLayerConfiguration candidate(MultiLayerSpace space) {
        RandomSearchGenerator g = new RandomSearchGenerator(space, null);
        g.setRngSeed(3);
        return ((DL4JConfiguration) g.getCandidate().getValue()).getMultiLayerConfiguration();
    }

    private static MultiLayerSpace space(NadamSpace layerUpdater) {
        return new MultiLayerSpace.Builder()
                .updater(new AdamSpace(new ContinuousParameterSpace(0.01, 0.1)))
                .addLayer(new DenseLayerSpace.Builder().nOut(4).activation(Activation.RELU).updater(layerUpdater).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
    }

    @Test
    void arbitersAdamSpaceWithALearningRateOnlyTrainsWithDl4jsDefaultsOnceCompleted() {
        // Arbiter beta7 as it is: AdamSpace(lr) gives Adam(lr, 0.001, 0.001, 0.001)
        Adam before = (Adam) ((BaseLayer) candidate(space(NadamSpace.withLR(new FixedValue<>(0.02)))).getConf(1)
                .getLayer()).getIUpdater();
        assertEquals(List.of(0.001, 0.001, 0.001), List.of(before.getBeta1(), before.getBeta2(), before.getEpsilon()));

        MultiLayerSpace space = space(NadamSpace.withLR(new FixedValue<>(0.02)));
        // the network's AdamSpace and the first layer's NadamSpace
        assertEquals(2, AdamSpaceDefaults.complete(space));
        assertEquals(0, AdamSpaceDefaults.complete(space), "nothing left to complete");
        MultiLayerConfiguration conf = candidate(space);
        Adam adam = (Adam) ((BaseLayer) conf.getConf(1).getLayer()).getIUpdater();
        assertEquals(List.of(0.9, 0.999, 1e-8), List.of(adam.getBeta1(), adam.getBeta2(), adam.getEpsilon()));
        Nadam nadam = (Nadam) ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
        assertEquals(List.of(0.02, 0.9, 0.999, 1e-8),
                List.of(nadam.getLearningRate(), nadam.getBeta1(), nadam.getBeta2(), nadam.getEpsilon()));
    }

    @Test
    void valuesGivenAreKept() {
        MultiLayerSpace space = space(new NadamSpace(new FixedValue<>(0.02), new FixedValue<>(0.5),
                new FixedValue<>(0.6), new FixedValue<>(0.7)));
        assertEquals(1, AdamSpaceDefaults.complete(space), "only the network's AdamSpace");
        Nadam nadam = (Nadam) ((BaseLayer) candidate(space).getConf(0).getLayer()).getIUpdater();
        assertEquals(List.of(0.5, 0.6, 0.7), List.of(nadam.getBeta1(), nadam.getBeta2(), nadam.getEpsilon()));
    }
}
