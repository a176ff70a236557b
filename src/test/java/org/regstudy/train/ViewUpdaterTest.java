package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link ViewUpdater} gives the same parameters and updater state as DL4J's plain updater, bit for bit,
 * step by step, on real data, for the updaters, penalties, gradient clipping, minibatch sizes and layer
 * kinds RegStudy trains; registers fewer native objects per step; and leaves a network that already
 * has an updater alone. Its model zips load in plain DL4J with the same updater state.
 */
class ViewUpdaterTest {

    private static final DataSet IRIS = TrainerTest.part(TrainerTest.IRIS.split().train());

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        return net;
    }

    /** The values of {@code a}, or an empty array for no array (plain SGD keeps no updater state). */
    private static float[] floats(INDArray a) {
        return a == null ? new float[0] : a.dup().data().asFloat();
    }

    /**
     * Trains a plain copy and a {@link ViewUpdater} copy in lockstep on the same minibatches, comparing
     * parameters and updater state after every step; returns the native objects each registered per
     * step (ND4J's deallocator id counter), plain then view.
     */
    private static double[] assertSameTraining(MultiLayerConfiguration conf, DataSet data, int batch, int steps) {
        MultiLayerNetwork plain = init(conf);
        MultiLayerNetwork view = init(conf);
        assertTrue(ViewUpdater.install(view));
        assertTrue(view.getUpdater() instanceof ViewUpdater);
        java.util.List<DataSet> batches = data.batchBy(batch);
        long[] ids = new long[2];
        for (int s = 0; s < steps; s++) {
            DataSet b = batches.get(s % batches.size());
            long id0 = Nd4j.getDeallocatorService().nextValue();
            plain.fit(b);
            long id1 = Nd4j.getDeallocatorService().nextValue();
            view.fit(b);
            long id2 = Nd4j.getDeallocatorService().nextValue();
            if (s > 0) {   // the first step makes the updater state and its views
                ids[0] += id1 - id0 - 1;
                ids[1] += id2 - id1 - 1;
            }
            assertArrayEquals(floats(plain.params()), floats(view.params()), 0f, "parameters after step " + s);
            assertArrayEquals(floats(plain.getUpdater().getStateViewArray()), floats(view.getUpdater().getStateViewArray()),
                    0f, "updater state after step " + s);
        }
        assertEquals(plain.score(), view.score(), 0.0);
        return new double[] {ids[0] / (steps - 1.0), ids[1] / (steps - 1.0)};
    }

    @Test
    void adamWithL1L2OnIrisMinibatchesIsBitForBitDl4js() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.01))
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).l2(1e-3).l1Bias(1e-4).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.TANH).l1(1e-3).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        double[] perStep = assertSameTraining(conf, IRIS, 32, 12);
        // the external path DL4J takes otherwise cuts, for each of the 6 parameter arrays before and after
        // the updater, a parameter and a gradient view of the whole arrays (24 buffers), plus the
        // minibatch division's views; the standard path uses the views it made once
        assertTrue(perStep[1] < perStep[0] - 20, "registered objects per step: plain " + perStep[0] + ", view " + perStep[1]);
    }

    @Test
    void decoupledWeightDecayClippingAndMomentumAreBitForBitDl4js() {
        // weight decay runs after the updater (the second pass), gradient clipping before it
        MultiLayerConfiguration sgd = new NeuralNetConfiguration.Builder().seed(4).updater(new Sgd(0.05))
                .dataType(DataType.FLOAT).gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(0.05).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(10).activation(Activation.SIGMOID)
                        .regularization(java.util.List.of(new WeightDecay(0.01, true))).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(10).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        assertSameTraining(sgd, IRIS, IRIS.numExamples(), 8);
        MultiLayerConfiguration nesterovs = new NeuralNetConfiguration.Builder().seed(5).updater(new Nesterovs(0.02, 0.9))
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(10).activation(Activation.ELU)
                        .regularization(java.util.List.of(new WeightDecay(1e-3, false))).l2Bias(1e-3).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(10).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        assertSameTraining(nesterovs, IRIS, 20, 10);
    }

    @Test
    void lstmWithRmsPropIsBitForBitDl4js() {
        DataSet sines = EpochMeterTest.sines(12, 0);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).updater(new RmsProp(0.01))
                .dataType(DataType.FLOAT).list()
                .layer(new LSTM.Builder().nIn(1).nOut(6).activation(Activation.TANH).l2(1e-3).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        assertSameTraining(conf, sines, 6, 8);
    }

    @Test
    void aNetworkWithAnUpdaterKeepsItAndZipsLoadInPlainDl4j(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.01))
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork trained = init(conf);
        trained.fit(IRIS);
        Object own = trained.getUpdater();
        assertFalse(ViewUpdater.install(trained));
        assertSame(own, trained.getUpdater());
        assertSame(MultiLayerUpdater.class, own.getClass());

        MultiLayerNetwork view = init(conf);
        assertTrue(ViewUpdater.install(view));
        for (int i = 0; i < 3; i++) {
            view.fit(IRIS);
        }
        File zip = dir.resolve("view.zip").toFile();
        ModelSerializer.writeModel(view, zip, true);
        MultiLayerNetwork loaded = MultiLayerNetwork.load(zip, true);
        assertSame(MultiLayerUpdater.class, loaded.getUpdater().getClass());
        assertArrayEquals(floats(view.params()), floats(loaded.params()), 0f);
        assertArrayEquals(floats(view.getUpdater().getStateViewArray()), floats(loaded.getUpdater().getStateViewArray()), 0f);
    }
}
