package org.regstudy.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Real small models for the tests: trained on 30 iris rows with plain DL4J, saved with ModelSerializer. */
final class Fixtures {
    private Fixtures() {
    }

    /** The 30-row iris fixture as a DataSet (4 features, one-hot 3 classes). */
    static DataSet iris() throws IOException {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (InputStream in = Fixtures.class.getResourceAsStream("iris-30.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(",");
                x.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3])});
                y.add(Integer.parseInt(f[4]));
            }
        }
        double[][] labels = new double[y.size()][3];
        for (int i = 0; i < y.size(); i++) {
            labels[i][y.get(i)] = 1;
        }
        return new DataSet(Nd4j.createFromArray(x.toArray(double[][]::new)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                Nd4j.createFromArray(labels).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }

    /**
     * 4-8-3 net: layer 0 L1(l1) on weights and L2(1e-3) on its bias; layer 1 L2(1e-3) +
     * WeightDecay(1e-4, applyLR=true) on weights. Trained full-batch for {@code epochs} on iris-30.
     */
    static MultiLayerNetwork trainIris(double l1, int epochs, DataSet normalized) {
        List<Regularization> w0 = l1 > 0 ? List.of(new L1Regularization(l1)) : List.of();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH)
                        .regularization(new ArrayList<>(w0))
                        .regularizationBias(new ArrayList<>(List.of(new L2Regularization(1e-3)))).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX)
                        .regularization(new ArrayList<>(List.of(new L2Regularization(1e-3), new WeightDecay(1e-4, true))))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int e = 0; e < epochs; e++) {
            net.fit(normalized);
        }
        return net;
    }

    /** Trains {@link #trainIris} on normalized iris-30 and saves it with its normalizer. */
    static MultiLayerNetwork saveIris(Path zip, double l1, int epochs) throws IOException {
        DataSet ds = iris();
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(ds);
        norm.transform(ds);
        MultiLayerNetwork net = trainIris(l1, epochs, ds);
        // writeModel(net, file, true, norm) throws IOException "flush() failed: stream is closed"
        // in DL4J M2.1 (from commons-io's ClosedOutputStream while closing); add the normalizer in a
        // second step instead
        ModelSerializer.writeModel(net, zip.toFile(), true);
        ModelSerializer.addNormalizerToModel(zip.toFile(), norm);
        return net;
    }

    /**
     * {@link #trainIris} (L1 0.05, 5 epochs) with hand-set layer-0 parameters, saved to {@code zip}:
     * W (4x8, 32 values) row 0 = [NaN, +Inf, 0, 1e-4, -2, 0.5, 0.5, 0.5], every other entry 0.5
     * (27 of them); b (1x8) = 0.1 everywhere but b[7] = -Inf. Layer 1 keeps its trained weights.
     */
    static MultiLayerNetwork saveNonFinite(Path zip) throws IOException {
        DataSet ds = iris();
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(ds);
        norm.transform(ds);
        MultiLayerNetwork net = trainIris(0.05, 5, ds);
        var w = net.getLayer(0).getParam("W");
        w.assign(0.5);
        w.putScalar(0, 0, Double.NaN);
        w.putScalar(0, 1, Double.POSITIVE_INFINITY);
        w.putScalar(0, 2, 0);
        w.putScalar(0, 3, 1e-4);
        w.putScalar(0, 4, -2);
        var b = net.getLayer(0).getParam("b");
        b.assign(0.1);
        b.putScalar(0, 7, Double.NEGATIVE_INFINITY);
        ModelSerializer.writeModel(net, zip.toFile(), true);
        return net;
    }

    /** A small graph: in -> dense(4->5, L2 0.01) -> out(5->3, L1 0.02). */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU)
                        .regularization(new ArrayList<>(List.of(new L2Regularization(0.01)))).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX)
                        .regularization(new ArrayList<>(List.of(new L1Regularization(0.02)))).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
