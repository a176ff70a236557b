package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class NormalizationTest {
    static final Dataset BREAST = CsvLoader.load(Path.of("data/breast_cancer.csv"), CsvOptions.defaults());

    /** Mean, population std, min, max of column j over the given rows, in double. */
    static double[] stats(Dataset d, int[] rows, int j) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
            double v = d.features().getFloat(r, j);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / rows.length;
        double ss = 0;
        for (int r : rows) {
            double v = d.features().getFloat(r, j);
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / rows.length), min, max};
    }

    @Test
    void standardizeStatisticsAreThoseOfTheTrainingRowsAlone() {
        Split split = Splitter.holdout(BREAST, SplitSpec.fractions(0.3, 0.2), 4);
        NormalizedSplit ns = Normalization.fit(split, NormalizationKind.STANDARDIZE);
        NormalizerStandardize norm = (NormalizerStandardize) ns.normalizer();
        int[] train = split.trainRows();
        for (int j = 0; j < 30; j++) {
            double[] s = stats(BREAST, train, j);
            double[] all = stats(BREAST, java.util.stream.IntStream.range(0, 569).toArray(), j);
            assertEquals(s[0], norm.getMean().getDouble(j), 1e-5 * Math.max(1, Math.abs(s[0])), "mean of feature " + j);
            assertEquals(s[1], norm.getStd().getDouble(j), 1e-4 * s[1], "std of feature " + j);
            // and the whole-file statistics differ, so the test would notice a leak
            if (j == 3) {
                org.junit.jupiter.api.Assertions.assertNotEquals(all[0], norm.getMean().getDouble(j), 1e-3);
            }
        }
        // validation features use the training statistics: x' = (x - mean_train) / std_train
        int r = split.validationRows()[0];
        double[] s3 = stats(BREAST, train, 3);
        double expected = (BREAST.features().getFloat(r, 3) - s3[0]) / s3[1];
        assertEquals(expected, ns.split().validation().features().getDouble(0, 3), 1e-4);
        // training part has mean 0, std 1 afterwards
        assertEquals(0.0, ns.split().train().features().getColumn(3).meanNumber().doubleValue(), 1e-4);
        // the original split is untouched (copies were scaled)
        assertEquals(BREAST.features().getFloat(r, 3), split.validation().features().getFloat(0, 3), 0f);
        assertEquals(split.testRows().length, ns.split().test().size());
    }

    @Test
    void minMaxStatisticsAreThoseOfTheTrainingRowsAlone() {
        Split split = Splitter.holdout(BREAST, new SplitSpec(100, 50, false, false), 0);
        NormalizedSplit ns = Normalization.fit(split, NormalizationKind.MIN_MAX);
        NormalizerMinMaxScaler norm = (NormalizerMinMaxScaler) ns.normalizer();
        for (int j = 0; j < 30; j++) {
            double[] s = stats(BREAST, split.trainRows(), j);
            assertEquals(s[2], norm.getMin().getDouble(j), 1e-6 * Math.max(1, Math.abs(s[2])));
            assertEquals(s[3], norm.getMax().getDouble(j), 1e-6 * Math.max(1, Math.abs(s[3])));
        }
        assertEquals(0.0, ns.split().train().features().min(0).minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, ns.split().train().features().max(0).maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void normalizerTravelsInTheModelZip(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Split split = Splitter.holdout(BREAST, SplitSpec.fractions(0.2, 0), 9);
        NormalizedSplit ns = Normalization.fit(split, NormalizationKind.STANDARDIZE);
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(30).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        net.fit(ns.split().train().toDataSet());
        java.io.File zip = dir.resolve("model.zip").toFile();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, zip, false);
        org.deeplearning4j.util.ModelSerializer.addNormalizerToModel(zip, ns.normalizer());
        NormalizerStandardize back = org.deeplearning4j.util.ModelSerializer.restoreNormalizerFromFile(zip);
        assertEquals(((NormalizerStandardize) ns.normalizer()).getMean(), back.getMean());
        assertEquals(((NormalizerStandardize) ns.normalizer()).getStd(), back.getStd());
    }

    @Test
    void noneKeepsTheSplit() {
        Split split = Splitter.holdout(BREAST, SplitSpec.fractions(0.2, 0), 1);
        NormalizedSplit ns = Normalization.fit(split, NormalizationKind.NONE);
        assertNull(ns.normalizer());
        assertSame(split, ns.split());
    }

    @Test
    void sequenceStandardizationUsesAllTimeSteps() {
        Dataset seq = Generators.sequence(SequenceKind.AR, 60, 5, 0.3, 2);
        Split split = Splitter.holdout(seq, new SplitSpec(10, 0, true, false), 3);
        NormalizerStandardize norm = (NormalizerStandardize) Normalization.fit(split, NormalizationKind.STANDARDIZE).normalizer();
        double sum = 0;
        double ss = 0;
        int cnt = 0;
        for (int r : split.trainRows()) {
            for (int t = 0; t < 5; t++) {
                double v = seq.features().getFloat(r, 0, t);
                sum += v;
                cnt++;
            }
        }
        double mean = sum / cnt;
        for (int r : split.trainRows()) {
            for (int t = 0; t < 5; t++) {
                double v = seq.features().getFloat(r, 0, t);
                ss += (v - mean) * (v - mean);
            }
        }
        assertEquals(mean, norm.getMean().getDouble(0), 1e-5);
        assertEquals(Math.sqrt(ss / cnt), norm.getStd().getDouble(0), 1e-4);
    }

    @Test
    void featureConstantOnTrainingRowsIsShiftedNotBlownUp() {
        // digits, first 20 rows in file order for training: some border pixel is constant there
        // but nonzero in a later (validation) image; find the first such column and row.
        Dataset digits = CsvLoader.load(Path.of("data/digits.csv"), CsvOptions.defaults());
        int n = digits.size();
        Split split = Splitter.holdout(digits, new SplitSpec(n - 20, 0, false, false), 1);
        int[] train = split.trainRows();
        int column = -1;
        int later = -1;
        for (int j = 0; j < digits.numFeatures() && later < 0; j++) {
            if (stats(digits, train, j)[1] == 0) {
                for (int r = 20; r < n && later < 0; r++) {
                    if (digits.features().getFloat(r, j) != digits.features().getFloat(0, j)) {
                        column = j;
                        later = r;
                    }
                }
            }
        }
        assertTrue(later > 0, "some pixel is constant on the first 20 digits but not later");
        double c = stats(digits, train, column)[0];
        for (NormalizationKind kind : new NormalizationKind[] {NormalizationKind.STANDARDIZE, NormalizationKind.MIN_MAX}) {
            NormalizedSplit ns = Normalization.fit(split, kind);
            int v = later - 20; // validation rows follow the training rows in file order
            // constant c on train: both scalers give (x - c) / 1 (DL4J alone would divide by ~1e-5)
            assertEquals(digits.features().getFloat(later, column) - c, ns.split().validation().features().getFloat(v, column),
                    1e-5, kind.toString());
        }
    }

    @Test
    void globalMinMaxUsesOneRangeForAllFeatures() {
        // digits pixels span 0..16 on any sizeable training part, so x' = (x - 0) / (16 - 0) = x / 16
        Dataset digits = CsvLoader.load(Path.of("data/digits.csv"), CsvOptions.defaults());
        Split split = Splitter.holdout(digits, SplitSpec.fractions(0.2, 0.2), 3);
        NormalizedSplit ns = Normalization.fit(split, NormalizationKind.GLOBAL_MIN_MAX);
        int row = split.validationRows()[0];
        for (int j = 0; j < digits.numFeatures(); j++) {
            assertEquals(digits.features().getFloat(row, j) / 16f, ns.split().validation().features().getFloat(0, j), 1e-6);
        }
    }

    @Test
    void aColumnWhoseSquaresOverflowFloatIsRefusedWhenStandardizedAndReadForMinMax(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // 1e30 is a float, its square (1e60) is not: DL4J's float32 std is Infinity and every scaled
        // value NaN, so every run diverged; min-max scaling never squares and reads it
        StringBuilder csv = new StringBuilder("mass,x,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(1e30 * (1 + i / 20.0)).append(',').append(i).append(',').append(i % 2).append('\n');
        }
        Path f = dir.resolve("huge.csv");
        java.nio.file.Files.writeString(f, csv);
        Dataset d = CsvLoader.load(f, CsvOptions.defaults());
        Split split = Splitter.holdout(d, SplitSpec.fractions(0.25, 0.25), 1);
        org.regstudy.common.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.regstudy.common.BadInputException.class, () -> Normalization.fit(split, NormalizationKind.STANDARDIZE));
        assertTrue(e.getMessage().startsWith("feature 'mass': standardizing it overflows float32"), e.getMessage());
        NormalizedSplit minmax = Normalization.fit(split, NormalizationKind.MIN_MAX);
        assertTrue(minmax.split().train().features().maxNumber().doubleValue() <= 1.0 + 1e-6);
    }
}
