package org.regstudy.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class PenaltyTest {

    // W = [1 -2; 3 -4]: sum|w| = 1+2+3+4 = 10, sum w^2 = 1+4+9+16 = 30
    private static final INDArray W = Nd4j.createFromArray(new double[][] {{1, -2}, {3, -4}});

    @Test
    void termsMatchHandArithmetic() {
        assertEquals(0.0, Penalty.none().term(W), 0.0);
        // L1 c=0.1: 0.1 * 10 = 1.0
        assertEquals(1.0, Penalty.l1(0.1).term(W), 1e-12);
        assertEquals(1.0, Penalty.l1Proximal(0.1).term(W), 1e-12);
        // L2 c=0.2: 0.5 * 0.2 * 30 = 3.0
        assertEquals(3.0, Penalty.l2(0.2).term(W), 1e-12);
        // elastic net l1=0.1, l2=0.2: 1.0 + 3.0 = 4.0
        assertEquals(4.0, Penalty.elasticNet(0.1, 0.2).term(W), 1e-12);
        // ratio form: total 0.4, ratio 0.25 -> l1 = 0.1, l2 = 0.3: 0.1*10 + 0.5*0.3*30 = 1 + 4.5 = 5.5
        Penalty r = Penalty.elasticNetRatio(0.4, 0.25);
        assertEquals(0.1, r.l1(), 1e-15);
        assertEquals(0.3, r.l2(), 1e-15);
        assertEquals(5.5, r.term(W), 1e-12);
        // weight decay c=0.05 (DL4J scores it like L2): 0.5 * 0.05 * 30 = 0.75, with or without lr scaling
        assertEquals(0.75, Penalty.weightDecay(0.05, true).term(W), 1e-12);
        assertEquals(0.75, Penalty.weightDecay(0.05, false).term(W), 1e-12);
    }

    @Test
    void termsEqualDl4jScores() {
        for (Penalty p : List.of(Penalty.l1(0.1), Penalty.l1Proximal(0.3), Penalty.l2(0.2), Penalty.elasticNet(0.1, 0.2),
                Penalty.weightDecay(0.05, false), Penalty.l2(0.2).withWeightDecay(0.01, true))) {
            double dl4j = 0;
            for (Regularization reg : p.toDl4j()) {
                dl4j += reg.score(W, 0, 0);
            }
            assertEquals(dl4j, p.term(W), 1e-12, p.toString());
        }
    }

    @Test
    void dl4jListsRoundTrip() {
        assertEquals(List.of(new L1Regularization(0.1)), Penalty.l1(0.1).toDl4j());
        assertEquals(List.of(new L2Regularization(0.2)), Penalty.l2(0.2).toDl4j());
        assertEquals(List.of(new L1Regularization(0.1), new L2Regularization(0.2)), Penalty.elasticNet(0.1, 0.2).toDl4j());
        assertEquals(List.of(new WeightDecay(0.05, false)), Penalty.weightDecay(0.05, false).toDl4j());
        assertEquals(List.of(new ProximalL1Regularization(0.3)), Penalty.l1Proximal(0.3).toDl4j());
        assertEquals(List.of(), Penalty.none().toDl4j());
        for (Penalty p : List.of(Penalty.none(), Penalty.l1(0.1), Penalty.l1Proximal(0.3), Penalty.l2(0.2),
                Penalty.elasticNet(0.1, 0.2), Penalty.weightDecay(0.05, true), Penalty.weightDecay(0.05, false),
                Penalty.l1(0.1).withWeightDecay(0.02, true))) {
            assertEquals(p, Penalty.fromDl4j(p.toDl4j()), p.toString());
        }
    }

    @Test
    void doubledWeightDecayIsRejectedOnReadBack() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Penalty.fromDl4j(List.of(new WeightDecay(0.01, true), new WeightDecay(0.01, true))));
        assertTrue(e.getMessage().contains("WeightDecay twice"), e.getMessage());
    }

    @Test
    void strengthOrdersPenalties() {
        assertEquals(0.3, Penalty.elasticNet(0.1, 0.2).strength(), 1e-15);
        assertTrue(Penalty.l2(0.01).strength() < Penalty.l2(0.1).strength());
    }

    @Test
    void badStrengthsNameFieldAndValue() {
        assertMessage(() -> Penalty.l1(-0.1), "l1 must be finite and >= 0, got -0.1");
        assertMessage(() -> Penalty.l2(Double.NaN), "l2 must be finite and >= 0, got NaN");
        assertMessage(() -> Penalty.weightDecay(Double.POSITIVE_INFINITY, true), "weightDecay must be finite and >= 0, got Infinity");
        assertMessage(() -> Penalty.elasticNetRatio(0.1, 1.5), "l1Ratio must be in [0, 1], got 1.5");
        assertMessage(() -> Penalty.elasticNetRatio(-1, 0.5), "total must be finite and >= 0, got -1.0");
        assertMessage(() -> new Penalty(PenaltyKind.L2, 0.1, 0.2, 0, false), "l1 must be 0 for kind L2, got 0.1");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable ex, String message) {
        var e = assertThrows(IllegalArgumentException.class, ex);
        assertEquals(message, e.getMessage());
    }
}
