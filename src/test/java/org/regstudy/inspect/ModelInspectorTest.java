package org.regstudy.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelInspectorTest {

    @TempDir
    Path dir;

    /** 2-2-1 dense net in double precision with weights set by hand. */
    private static MultiLayerNetwork twoTwoOne() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.RELU)
                        .regularization(new ArrayList<>(List.of(new L1Regularization(0.1))))
                        .regularizationBias(new ArrayList<>(List.of(new L2Regularization(0.5)))).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY)
                        .regularization(new ArrayList<>(List.of(new L2Regularization(0.2), new WeightDecay(0.3, false))))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new double[][] {{3, 0}, {4, 5}}));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new double[][] {{0.001, 0}}));
        net.getLayer(1).setParam("W", Nd4j.createFromArray(new double[][] {{3}, {4}}));
        net.getLayer(1).setParam("b", Nd4j.createFromArray(new double[][] {{-2}}));
        return net;
    }

    @Test
    void aGlobalPenaltyIsShownOnlyWhereDl4jAppliesIt() {
        // DL4J copies a global l2 onto every layer's configuration, BatchNormalization and dropout
        // included, but penalizes neither: their rows show no regularization and a penalty term of 0
        var conf = new NeuralNetConfiguration.Builder().l2(1e-3).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nOut(8).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        List<LayerInspection> layers = ModelInspector.inspect(net, SparsityThreshold.defaults(), 5).layers();
        assertEquals(List.of("L2"), layers.get(0).weightRegularization().stream().map(RegularizationInfo::kind).toList());
        assertEquals(1e-3, layers.get(0).weightRegularization().get(0).coefficient(), 1e-15);
        for (int i : new int[] {1, 2}) {
            assertEquals(List.of(), layers.get(i).weightRegularization(), layers.get(i).type());
            assertEquals(List.of(), layers.get(i).biasRegularization(), layers.get(i).type());
            assertEquals(0.0, layers.get(i).penaltyTerm(), layers.get(i).type());
        }
        assertEquals(32, layers.get(1).parameterCount(), "gamma, beta, mean and variance of 8 units");
        assertEquals(1, layers.get(3).weightRegularization().size());
    }

    @Test
    void handSetNetwork() {
        ModelInspection m = ModelInspector.inspect(twoTwoOne(), SparsityThreshold.defaults(), 5);
        assertEquals("MultiLayerNetwork", m.modelType());
        // parameters: 2*2 + 2 + 2*1 + 1 = 9
        assertEquals(9, m.totalParameters());
        assertEquals(2, m.layers().size());
        assertEquals("feed-forward, 2 features", m.inputType());
        assertTrue(m.updater().startsWith("Sgd("), m.updater());

        LayerInspection l0 = m.layers().get(0);
        assertEquals("DenseLayer", l0.type());
        assertEquals(6, l0.parameterCount());
        assertEquals(2L, l0.nIn());
        assertEquals(2L, l0.nOut());
        assertEquals("relu", l0.activation());
        assertEquals(List.of(new RegularizationInfo("L1", 0.1, null)), l0.weightRegularization());
        assertEquals(List.of(new RegularizationInfo("L2", 0.5, null)), l0.biasRegularization());
        WeightStats w0 = l0.weights().get(0);
        // W0 = [[3,0],[4,5]]: L1 12, L2 sqrt(50), spectral sqrt(45) (eigenvalues of W^T W are 45, 5)
        assertEquals(12.0, w0.l1(), 1e-12);
        assertEquals(Math.sqrt(50), w0.l2(), 1e-12);
        assertEquals(Math.sqrt(45), w0.spectralNorm(), 1e-12);
        assertEquals(0.25, w0.sparsity(), 0.0);
        // bias [0.001, 0]: relative epsilon 1e-3 * 0.001 = 1e-6; only the exact zero counts -> 0.5
        assertEquals(0.5, l0.bias().sparsity(), 0.0);
        assertTrue(Double.isNaN(l0.bias().spectralNorm()));
        // penalty layer 0 = L1: 0.1 * 12 = 1.2, plus bias L2: 0.5 * 0.5 * (0.001^2) = 2.5e-7
        assertEquals(1.2 + 2.5e-7, l0.penaltyTerm(), 1e-12);

        LayerInspection l1 = m.layers().get(1);
        assertEquals(List.of(new RegularizationInfo("L2", 0.2, null), new RegularizationInfo("WEIGHT_DECAY", 0.3, false)),
                l1.weightRegularization());
        // W1 = [[3],[4]]: a 2x1 matrix, its one singular value is its norm 5
        assertEquals(5.0, l1.weights().get(0).spectralNorm(), 1e-12);
        // penalty layer 1 = 0.5*0.2*25 + 0.5*0.3*25 = 2.5 + 3.75 = 6.25 (bias unregularized)
        assertEquals(6.25, l1.penaltyTerm(), 1e-12);
        assertEquals(7.45 + 2.5e-7, m.totalPenalty(), 1e-12);
    }

    @Test
    void penaltyEqualsDl4jScoreMinusDataLoss() {
        // DL4J's score includes the penalty: score(ds) - data loss = sum of penalty terms
        MultiLayerNetwork net = twoTwoOne();
        var ds = new org.nd4j.linalg.dataset.DataSet(Nd4j.createFromArray(new double[][] {{1, 2}}),
                Nd4j.createFromArray(new double[][] {{1}}));
        double withPenalty = net.score(ds);
        double dataLoss = net.scoreExamples(ds, false).getDouble(0);
        double penalty = ModelInspector.inspect(net, SparsityThreshold.defaults(), 5).totalPenalty();
        assertEquals(withPenalty - dataLoss, penalty, 1e-9);
    }

    @Test
    void lstmWeightsAndRecurrentWeightsSeparately() {
        var conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nIn(3).nOut(2).activation(Activation.TANH)
                        .regularization(new ArrayList<>(List.of(new L2Regularization(0.1)))).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ModelInspection m = ModelInspector.inspect(net, SparsityThreshold.defaults(), 4);
        LayerInspection lstm = m.layers().get(0);
        assertEquals("LSTM", lstm.type());
        assertEquals(2, lstm.weights().size());
        WeightStats w = lstm.weights().get(0);
        WeightStats rw = lstm.weights().get(1);
        assertEquals("W", w.param());
        assertEquals("RW", rw.param());
        // W [nIn, 4*nOut] = [3, 8], RW [nOut, 4*nOut] = [2, 8], b [1, 8]: 24 + 16 + 8 = 48
        assertArrayEquals(new long[] {3, 8}, w.shape());
        assertArrayEquals(new long[] {2, 8}, rw.shape());
        assertEquals("b", lstm.bias().param());
        assertEquals(48, lstm.parameterCount());
        INDArray wArr = net.getLayer(0).getParam("W");
        INDArray rwArr = net.getLayer(0).getParam("RW");
        assertEquals(new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(rwArr.toDoubleMatrix())).getNorm(),
                rw.spectralNorm(), 1e-12);
        // L2 applies to both W and RW: 0.5 * 0.1 * (|W|^2 + |RW|^2)
        double sq = Math.pow(wArr.norm2Number().doubleValue(), 2) + Math.pow(rwArr.norm2Number().doubleValue(), 2);
        assertEquals(0.05 * sq, lstm.penaltyTerm(), 1e-12);
        assertEquals("recurrent, 3 features per step", m.inputType());
    }

    @Test
    void trainedIrisModelFromDisk() throws Exception {
        Path zip = dir.resolve("iris-l1.zip");
        MultiLayerNetwork trained = Fixtures.saveIris(zip, 0.01, 30);
        ModelInspection m = ModelInspector.inspect(zip, SparsityThreshold.defaults(), 10);
        assertEquals(zip.toString(), m.source());
        // 4*8 + 8 + 8*3 + 3 = 67
        assertEquals(67, m.totalParameters());
        assertEquals("NormalizerStandardize(features: mean [1, 4], std [1, 4])", m.normalizer());
        assertTrue(m.updater().startsWith("Adam("), m.updater());
        LayerInspection l0 = m.layers().get(0);
        LayerInspection l1 = m.layers().get(1);
        assertEquals(List.of(new RegularizationInfo("L1", 0.01, null)), l0.weightRegularization());
        assertEquals(List.of(new RegularizationInfo("L2", 1e-3, null)), l0.biasRegularization());
        assertEquals(List.of(new RegularizationInfo("L2", 1e-3, null),
                new RegularizationInfo("WEIGHT_DECAY", 1e-4, true)), l1.weightRegularization());
        assertEquals(List.of(), l1.biasRegularization());

        // hand check of the penalties from the saved weights (float32 params -> 1e-5 relative tolerance):
        // layer 0 = 0.01*sum|W0| + 0.5*1e-3*sum b0^2; layer 1 = 0.5*(1e-3 + 1e-4)*sum W1^2
        INDArray w0 = trained.getLayer(0).getParam("W");
        INDArray b0 = trained.getLayer(0).getParam("b");
        INDArray w1 = trained.getLayer(1).getParam("W");
        double p0 = 0.01 * w0.norm1Number().doubleValue() + 0.5e-3 * Math.pow(b0.norm2Number().doubleValue(), 2);
        double p1 = 0.5 * 1.1e-3 * Math.pow(w1.norm2Number().doubleValue(), 2);
        assertEquals(p0, l0.penaltyTerm(), 1e-5 * p0);
        assertEquals(p1, l1.penaltyTerm(), 1e-5 * p1);
        assertEquals(w0.norm2Number().doubleValue(), l0.weights().get(0).l2(), 1e-5);

        // the same numbers as inspecting the network in memory
        ModelInspection mem = ModelInspector.inspect(trained, SparsityThreshold.defaults(), 10);
        assertEquals(mem.layers(), m.layers());
        assertEquals(mem.totalPenalty(), m.totalPenalty(), 0.0);
    }

    @Test
    void nonFiniteWeightsInAZipAreCountedAndLeftOutOfTheStatistics() throws Exception {
        Path zip = dir.resolve("non-finite.zip");
        Fixtures.saveNonFinite(zip);
        ModelInspection m = ModelInspector.inspect(zip, SparsityThreshold.defaults(), 5);
        LayerInspection l0 = m.layers().get(0);
        WeightStats w = l0.weights().get(0);
        // layer 0 W (see Fixtures.saveNonFinite): NaN and +Inf are the 2 non-finite of 32; the 30 finite
        // values are 0, 1e-4, -2 and 27 x 0.5 (float32, so 1e-4 is stored as 9.99999975e-05):
        // L1 = 0 + 1e-4 + 2 + 27*0.5 = 15.5001; L2 = sqrt(1e-8 + 4 + 27*0.25) = sqrt(10.75000001);
        // max|w| = 2, epsilon = 1e-3*2 = 0.002, below it: 0 and 1e-4 -> sparsity 2/30; one exact zero.
        // (Before, +Inf made epsilon infinite, so sparsity counted every finite entry: 30/32.)
        assertEquals(32, w.count());
        assertEquals(2, w.nonFinite());
        assertEquals(15.5001, w.l1(), 1e-6);
        assertEquals(Math.sqrt(10.75000001), w.l2(), 1e-6);
        assertEquals(2.0, w.maxAbs(), 0.0);
        assertEquals(0.002, w.epsilon(), 1e-12);
        assertEquals(2.0 / 30, w.sparsity(), 1e-12);
        assertEquals(1, w.exactZeros());
        assertTrue(Double.isNaN(w.spectralNorm()));
        // 5 bins over [-2, 0.5], width 0.5: -2 in bin 0; 0 and 1e-4 at (x+2)/0.5 = 4 in bin 4, and 0.5 = max
        // in the last bin too: [1, 0, 0, 0, 29], 30 = 32 - 2 values
        assertEquals(-2.0, w.histogram().min(), 0.0);
        assertEquals(0.5, w.histogram().max(), 0.0);
        assertArrayEquals(new long[] {1, 0, 0, 0, 29}, w.histogram().counts());
        // layer 0 b: -Inf is 1 non-finite of 8; the other 7 are 0.1 (float32 0.100000001):
        // L1 = 0.7, max|w| = 0.1, epsilon 1e-4, sparsity 0/7
        WeightStats b = l0.bias();
        assertEquals(1, b.nonFinite());
        assertEquals(0.7, b.l1(), 1e-6);
        assertEquals(0.1, b.maxAbs(), 1e-7);
        assertEquals(0.0, b.sparsity(), 0.0);
        assertEquals(7, b.histogram().total());
        // layer 1 was left as trained: nothing non-finite, every value in its histogram
        for (WeightStats s : m.layers().get(1).allStats()) {
            assertEquals(0, s.nonFinite(), s.param());
            assertEquals(s.count(), s.histogram().total(), s.param());
        }
    }

    /** Records whether Java deserialization ever instantiated it (readObject is its only side effect). */
    static final class Tripwire implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    @Test
    void loadsTheValidatedPrivateCopyNotTheFileSwappedInAfterValidation() throws Exception {
        Path zip = dir.resolve("swapped.zip");
        Fixtures.saveIris(zip, 0.05, 5);
        // the file an attacker swaps in after validation: no L1, plus a Java-serialized preprocessor.bin
        Path other = dir.resolve("other.zip");
        Fixtures.saveIris(other, 0, 5);
        Path hostile = dir.resolve("hostile.zip");
        var bytes = new java.io.ByteArrayOutputStream();
        try (var oos = new java.io.ObjectOutputStream(bytes)) {
            oos.writeObject(new Tripwire());
        }
        try (var zf = new java.util.zip.ZipFile(other.toFile());
                var z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(hostile))) {
            for (String name : List.of("configuration.json", "coefficients.bin")) {
                z.putNextEntry(new java.util.zip.ZipEntry(name));
                z.write(zf.getInputStream(zf.getEntry(name)).readAllBytes());
            }
            z.putNextEntry(new java.util.zip.ZipEntry("preprocessor.bin"));
            z.write(bytes.toByteArray());
        }
        List<Path> copies = new ArrayList<>();
        Tripwire.deserialized = false;
        ModelInspector.afterValidation = (original, copy) -> {
            try {
                assertEquals(zip, original);
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(copy)));
                java.nio.file.Files.copy(hostile, original, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                copies.add(copy);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            ModelInspection m = ModelInspector.inspect(zip, SparsityThreshold.defaults(), 5);
            // the validated copy was loaded: L1 0.05 and its normalizer, not the swapped-in file
            assertEquals(List.of(new RegularizationInfo("L1", 0.05, null)), m.layers().get(0).weightRegularization());
            assertNotNull(m.normalizer());
            assertEquals(zip.toString(), m.source());
            assertTrue(!Tripwire.deserialized, "the swapped-in preprocessor.bin was deserialized");
            assertEquals(1, copies.size());
            assertTrue(!java.nio.file.Files.exists(copies.get(0)), "the private copy is deleted");

            // the copy is deleted when loading fails, too
            Fixtures.saveIris(zip, 0.05, 5);
            ModelInspector.afterValidation = (original, copy) -> {
                copies.add(copy);
                throw new IllegalStateException("boom");
            };
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.regstudy.common.BadInputException.class,
                    () -> ModelInspector.inspect(zip, SparsityThreshold.defaults(), 5));
            assertTrue(e.getMessage().startsWith(zip + ": "), e.getMessage());
            assertTrue(!java.nio.file.Files.exists(copies.get(1)), "the private copy is deleted on errors");
        } finally {
            ModelInspector.afterValidation = null;
        }
        // the hostile file itself is refused before DL4J sees it
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.regstudy.common.BadInputException.class,
                () -> ModelInspector.inspect(hostile, SparsityThreshold.defaults(), 5));
        assertTrue(e.getMessage().contains("preprocessor.bin"), e.getMessage());
        assertTrue(!Tripwire.deserialized);
    }

    @Test
    void controlCharactersFromTheFileAreEscapedInText() throws Exception {
        String evil = "l0\u001b[31m\nmodel: forged\r\u0007\u202e";
        var conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name(evil).nIn(2).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path zip = dir.resolve("evil\u001b[2J.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        ModelInspection m = ModelInspector.inspect(zip, SparsityThreshold.defaults(), 4);
        assertEquals(evil, m.layers().get(0).name()); // the record keeps the name as stored
        String text = InspectionText.single(m, SparsityThreshold.defaults())
                + InspectionText.compare(List.of(m, m));
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || c >= 0x20 && c != 0x7f && c != 0x202e, "unescaped U+" + Integer.toHexString(c));
        }
        assertTrue(text.contains("l0\\u001b[31m\\nmodel: forged\\r\\u0007\\u202e"), text);
        assertTrue(text.contains("evil\\u001b[2J.zip"), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("model: forged")), text);
    }

    @Test
    void computationGraphZip() throws Exception {
        ComputationGraph g = Fixtures.graph();
        Path zip = dir.resolve("graph.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);
        ModelInspection m = ModelInspector.inspect(zip, SparsityThreshold.defaults(), 8);
        assertEquals("ComputationGraph", m.modelType());
        // (4*5 + 5) + (5*3 + 3) = 43
        assertEquals(43, m.totalParameters());
        assertNull(m.normalizer());
        assertEquals(2, m.layers().size());
        LayerInspection hidden = m.layers().stream().filter(l -> l.name().equals("hidden")).findFirst().orElseThrow();
        LayerInspection out = m.layers().stream().filter(l -> l.name().equals("out")).findFirst().orElseThrow();
        assertEquals(List.of(new RegularizationInfo("L2", 0.01, null)), hidden.weightRegularization());
        assertEquals(List.of(new RegularizationInfo("L1", 0.02, null)), out.weightRegularization());
        INDArray w = g.getLayer("out").getParam("W");
        assertEquals(0.02 * w.norm1Number().doubleValue(), out.penaltyTerm(), 1e-6);
        assertNotNull(hidden.weights().get(0).histogram());
        assertEquals(20, hidden.weights().get(0).histogram().total());
    }
}
