package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.regstudy.data.CsvLoader;
import org.regstudy.data.CsvOptions;
import org.regstudy.data.Normalization;
import org.regstudy.data.NormalizationKind;
import org.regstudy.data.NormalizedSplit;
import org.regstudy.data.SplitSpec;
import org.regstudy.data.Splitter;

/**
 * {@link DenseForward}'s pass is DL4J's {@code output(x, false)} bit for bit on real data, before and
 * after training steps (its arrays are reused), for the layouts it keeps and the copies it makes, and
 * it declines every network it does not cover.
 */
class DenseForwardTest {

    private static final DataSet IRIS_TRAIN = TrainerTest.part(TrainerTest.IRIS.split().train());
    private static final DataSet IRIS_VALIDATION = TrainerTest.part(TrainerTest.IRIS.split().validation());
    private static final NormalizedSplit CANCER = Normalization.fit(Splitter.holdout(
            CsvLoader.load(Path.of("data/breast_cancer.csv"), CsvOptions.defaults()), SplitSpec.fractions(0.3, 0), 4),
            NormalizationKind.STANDARDIZE);

    private static NeuralNetConfiguration.ListBuilder list(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.01)).dataType(DataType.FLOAT).list();
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * DL4J's outputs and the pass's, compared as raw float bits after each of a few training steps: the
     * pass {@code of} takes (which layout depends on the CPU's BLAS kernels), and on a twin network the
     * layout that copies every product to row-major as DL4J does, which must be DL4J's on any machine.
     */
    private static void assertBitwiseDl4jWhileTraining(MultiLayerConfiguration conf, DataSet train, INDArray input) {
        MultiLayerNetwork net = init(conf);
        DenseForward forward = DenseForward.of(net, input);
        assertNotNull(forward, "the pass declined a plain dense stack (or was not bitwise DL4J's)");
        assertBitwiseDl4jWhileTraining(net, forward, train, input);
        MultiLayerNetwork twin = init(conf);
        DenseForward copying = DenseForward.make(twin, input, false);
        assertNotNull(copying);
        assertFalse(copying.keepsAny());
        assertBitwiseDl4jWhileTraining(twin, copying, train, input);
    }

    private static void assertBitwiseDl4jWhileTraining(MultiLayerNetwork net, DenseForward forward, DataSet train,
                                                       INDArray input) {
        assertTrue(forward.isFor(net));
        for (int step = 0; step < 4; step++) {
            float[] dl4j = EpochMeter.contiguous(net.output(input, false)).data().asFloat();
            INDArray ours = forward.output();
            assertSame(ours, forward.output(), "the output array is made once");
            assertArrayEquals(dl4j, ours.data().asFloat(), 0f, "step " + step);
            net.fit(train);
        }
    }

    private static INDArray stacked(DataSet a, DataSet b) {
        return Nd4j.concat(0, a.getFeatures(), b.getFeatures());
    }

    @Test
    void breastCancerWideReluSigmoidStackIsDl4jBitForBit() {
        // 30 -> 200 relu -> 1 sigmoid: like half-moons 2-500-1, a wide hidden product kept column-major
        // and a one-column output product (ND4J's matrix-vector case)
        // (one sigmoid output: the labels' second one-hot column, "malignant")
        DataSet train = CANCER.split().train().toDataSet();
        train = new DataSet(train.getFeatures(), train.getLabels().getColumn(1, true));
        DataSet validation = CANCER.split().validation().toDataSet();
        MultiLayerConfiguration conf = list(3)
                .layer(new DenseLayer.Builder().nIn(30).nOut(200).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(200).nOut(1).activation(Activation.SIGMOID).build())
                .build();
        assertBitwiseDl4jWhileTraining(conf, train, stacked(train, validation));
    }

    @Test
    void irisDeeperStackWithDropoutNoBiasAndSoftmaxIsDl4jBitForBit() {
        // dropout does nothing at inference; a layer without bias; tanh and ELU hidden layers; softmax out
        MultiLayerConfiguration conf = list(5)
                .layer(new DenseLayer.Builder().nIn(4).nOut(64).activation(Activation.TANH).dropOut(0.8).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(32).activation(Activation.ELU).hasBias(false).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        assertBitwiseDl4jWhileTraining(conf, IRIS_TRAIN, stacked(IRIS_TRAIN, IRIS_VALIDATION));
    }

    @Test
    void aZeroInitializedOutputLayerDoesNotBlindTheCheck() {
        // every output is 1/3 at first whatever the hidden layers give, so a check of the outputs alone took the
        // column-major layout even where the CPU's kernels round it differently, and the outputs then left DL4J's
        // once training moved the output weights (a review's probe: 4-32-32-3, 300 random rows, AMD EPYC). On
        // iris this machine's kernels may round both layouts alike; the pass must be DL4J's either way
        // 300 rows: iris twice
        MultiLayerConfiguration conf = list(7)
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(3).activation(Activation.SOFTMAX)
                        .weightInit(org.deeplearning4j.nn.weights.WeightInit.ZERO).build())
                .build();
        MultiLayerNetwork net = init(conf);
        INDArray input = Nd4j.concat(0, stacked(IRIS_TRAIN, IRIS_VALIDATION), stacked(IRIS_TRAIN, IRIS_VALIDATION));
        DenseForward forward = DenseForward.of(net, input);
        if (forward != null) {
            assertBitwiseDl4jWhileTraining(net, forward, IRIS_TRAIN, input);
        }
    }

    @Test
    void aHiddenSoftmaxIsCopiedToRowMajorFirstAndOneRowWorks() {
        // softmax works along each row, so that layer's product is made row-major as DL4J makes it;
        // the identity output of a regression; and a single input row (ND4J's vector-matrix case)
        MultiLayerConfiguration conf = list(7)
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.SOFTMAX).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(3).activation(Activation.IDENTITY)
                        .hasBias(false).build())
                .build();
        assertBitwiseDl4jWhileTraining(conf, IRIS_TRAIN, stacked(IRIS_TRAIN, IRIS_VALIDATION));
        INDArray oneRow = IRIS_VALIDATION.getFeatures().getRows(0);
        assertBitwiseDl4jWhileTraining(conf, IRIS_TRAIN, oneRow);
    }

    @Test
    void declinesWhatItDoesNotCover() {
        INDArray x = stacked(IRIS_TRAIN, IRIS_VALIDATION);
        DenseLayer.Builder hidden = new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU);
        OutputLayer out = new OutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build();
        MultiLayerNetwork layerNorm = init(list(1).layer(hidden.hasLayerNorm(true).build()).layer(out).build());
        MultiLayerNetwork weightNoise = init(list(1)
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU)
                        .weightNoise(new DropConnect(0.5)).build())
                .layer(out).build());
        MultiLayerNetwork plain = init(list(1)
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build()).layer(out).build());
        assertNull(DenseForward.of(layerNorm, x), "layer normalization");
        assertNull(DenseForward.of(weightNoise, x), "weight noise");
        assertNull(DenseForward.of(plain, x.castTo(DataType.DOUBLE)), "input of another data type");
        assertNotNull(DenseForward.of(plain, x));

        MultiLayerNetwork preprocessed = init(list(1)
                .layer(new DenseLayer.Builder().nIn(1).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .inputPreProcessor(1, new FeedForwardToRnnPreProcessor())
                .build());
        assertNull(DenseForward.of(preprocessed, Nd4j.rand(DataType.FLOAT, 6, 1)), "preprocessor, RNN output");
        MultiLayerNetwork lstm = init(list(1)
                .layer(new LSTM.Builder().nIn(1).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        assertNull(DenseForward.of(lstm, Nd4j.rand(DataType.FLOAT, 6, 1, 5)), "LSTM, sequence input");

        // the meter takes the pass for the dense stack, and DL4J's output for the LSTM
        assertTrue(new EpochMeter(plain, IRIS_TRAIN, IRIS_VALIDATION, true).denseForward());
        DataSet seq = new DataSet(Nd4j.rand(DataType.FLOAT, 6, 1, 5), Nd4j.rand(DataType.FLOAT, 6, 1, 5));
        EpochMeter lstmMeter = new EpochMeter(lstm, seq, seq, false);
        assertTrue(lstmMeter.fastPath());
        assertFalse(lstmMeter.denseForward());
    }
}
