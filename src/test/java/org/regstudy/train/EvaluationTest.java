package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
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
}
