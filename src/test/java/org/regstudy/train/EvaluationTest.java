package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
import org.regstudy.network.UpdaterSpec;
import org.regstudy.penalty.PenaltyPlan;

/** Metrics and the trivial loss against numbers worked out by hand. */
class EvaluationTest {

    @Test
    void classificationMetricsByHand() {
        // 4 examples, 2 classes. Truth: 0, 0, 1, 1. Predicted probabilities of class 1:
        // 0.2 (pred 0, correct), 0.6 (pred 1, wrong), 0.9 (pred 1, correct), 0.4 (pred 0, wrong).
        var probs = Nd4j.createFromArray(new double[][] {{0.8, 0.2}, {0.4, 0.6}, {0.1, 0.9}, {0.6, 0.4}});
        var labels = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}});
        Metrics m = Evaluation.classification(probs, labels);
        // accuracy 2/4
        assertEquals(0.5, m.accuracy(), 1e-12);
        // class 0: tp 1, fp 1 (example 4), fn 1 (example 2): F1 = 2/(2+1+1) = 0.5; class 1 likewise: macro 0.5
        assertEquals(0.5, m.macroF1(), 1e-12);
        // log loss = -(ln 0.8 + ln 0.4 + ln 0.9 + ln 0.4)/4 = (0.22314 + 0.91629 + 0.10536 + 0.91629)/4 = 0.54027
        assertEquals((-Math.log(0.8) - Math.log(0.4) - Math.log(0.9) - Math.log(0.4)) / 4, m.logLoss(), 1e-9);
        assertEquals(0.54027, m.logLoss(), 1e-5);
        // the same with a single sigmoid output gives the same numbers
        Metrics single = Evaluation.classification(Nd4j.createFromArray(new double[][] {{0.2}, {0.6}, {0.9}, {0.4}}),
                Nd4j.createFromArray(new double[][] {{0}, {0}, {1}, {1}}));
        assertEquals(m, single);
    }

    @Test
    void regressionMetricsByHand() {
        // y = 1, 2, 3, 4; yhat = 1, 3, 3, 2: errors 0, -1, 0, 2
        Metrics m = Evaluation.regression(Nd4j.createFromArray(new double[][] {{1}, {3}, {3}, {2}}),
                Nd4j.createFromArray(new double[][] {{1}, {2}, {3}, {4}}));
        // RMSE = sqrt((0 + 1 + 0 + 4)/4) = sqrt(1.25); MAE = 3/4; SS_tot = 2.25+0.25+0.25+2.25 = 5, R^2 = 1 - 5/5 = 0
        assertEquals(Math.sqrt(1.25), m.rmse(), 1e-12);
        assertEquals(0.75, m.mae(), 1e-12);
        assertEquals(0.0, m.r2(), 1e-12);
    }

    @Test
    void trivialLossIsTheEntropyOfTheClassPriors() {
        MultiLayerNetwork net = NetworkFactory.build(NetworkSpec.builder().inputs(2).dense(3, "relu")
                .output(2, "softmax", "MCXENT").seed(1).build(), PenaltyPlan.none());
        // priors 1/4 and 3/4: L_0 = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.34657 + 0.21576 = 0.56233
        var labels = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0, 1}, {0, 1}});
        assertEquals(0.562335, Evaluation.trivialLoss(net, labels), 1e-5);
    }

    @Test
    void trivialLossForRegressionIsTheVarianceOfTheTargets() {
        MultiLayerNetwork net = NetworkFactory.build(NetworkSpec.builder().inputs(2).dense(3, "relu")
                .output(1, "identity", "MSE").seed(1).build(), PenaltyPlan.none());
        // y = 1, 2, 3, 4: mean 2.5, population variance (2.25+0.25+0.25+2.25)/4 = 1.25
        var labels = Nd4j.createFromArray(new float[][] {{1}, {2}, {3}, {4}});
        assertEquals(1.25, Evaluation.trivialLoss(net, labels), 1e-6);
    }

    @Test
    void rSquaredIsPerOutputThenAveraged() {
        // outputs on different scales: targets (0, 100), (1, 101); each output predicted by its own mean
        // (0.5, 100.5): SS_res_j = 0.25 + 0.25 = SS_tot_j, so R^2_j = 0 for both and R^2 = 0. About one grand
        // mean (50.5) SS_tot would be about 2 x 50^2 x 2 and R^2 about 0.9999
        Metrics m = Evaluation.regression(Nd4j.createFromArray(new double[][] {{0.5, 100.5}, {0.5, 100.5}}),
                Nd4j.createFromArray(new double[][] {{0, 100}, {1, 101}}));
        assertEquals(0.0, m.r2(), 1e-12);
        assertEquals(0.5, m.rmse(), 1e-12); // every error is 0.5
        // output 0 exact (R^2 1), output 1 its mean (R^2 0): mean 0.5
        assertEquals(0.5, Evaluation.regression(Nd4j.createFromArray(new double[][] {{0, 100.5}, {1, 100.5}}),
                Nd4j.createFromArray(new double[][] {{0, 100}, {1, 101}})).r2(), 1e-12);
    }

    @Test
    void maskedTimeStepsCountNeitherInTheTrivialLossNorInTheMetrics() {
        // 2 sequences of 4 steps, the last 2 masked; the kept labels are classes 0, 1 (sequence 0) and 1, 0
        // (sequence 1): priors 1/2, 1/2, each kept step's loss ln 2, L_0 = 4 ln 2 / 2 examples = 2 ln 2 = 1.3863.
        // The padded steps' labels are all zero (as padding is): counted, they would move L_0 and the metrics
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 4);
        labels.putScalar(new long[] {0, 0, 0}, 1);
        labels.putScalar(new long[] {0, 1, 1}, 1);
        labels.putScalar(new long[] {1, 1, 0}, 1);
        labels.putScalar(new long[] {1, 0, 1}, 1);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0, 0}, {1, 1, 0, 0}});
        MultiLayerNetwork net = NetworkFactory.build(NetworkSpec.builder().inputs(1).lstm(3, "tanh")
                .output(2, "softmax", "MCXENT").updater(UpdaterSpec.adam(0.01)).seed(3).dataType(DataType.DOUBLE).build(),
                PenaltyPlan.none());
        assertEquals(2 * Math.log(2), Evaluation.trivialLoss(net, labels, mask), 1e-9);
        assertEquals(Evaluation.trivialLoss(net, labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup()),
                Evaluation.trivialLoss(net, labels, mask), 1e-12);
        // metrics: the same as on the sequences cut to their 2 kept steps (an LSTM's output at a step does not
        // depend on later steps), with and without the features mask
        INDArray features = Nd4j.createFromArray(new double[][][] {{{0.3, -0.8, 5, 5}}, {{-1.2, 0.4, 5, 5}}});
        INDArray cut = labels.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
        Metrics expected = Evaluation.metrics(net, new DataSet(
                features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup(), cut), true);
        assertEquals(expected, Evaluation.metrics(net, new DataSet(features, labels, null, mask), true));
        assertEquals(expected, Evaluation.metrics(net, new DataSet(features, labels, mask, mask), true));
        // a per-output mask is refused with its shape
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Evaluation.trivialLoss(net, labels, Nd4j.ones(DataType.DOUBLE, 2, 2, 4)));
        assertEquals("the label mask must hold one value per example and time step ([2, 4]), got shape [2, 2, 4]"
                + " (per-output masks are not supported)", e.getMessage());
    }
}
