package org.regstudy.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ThresholdsTest {

    private static void rejects(Executable ex, String field, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        Thresholds t = Thresholds.defaults();
        assertEquals(0.5, t.underfitRatio());
        assertEquals(0.1, t.gapRatio());
        assertEquals(1.1, t.riseRatio());
        assertEquals(0.95, t.confidence());
    }

    @Test
    void invalidThresholdsAreRejectedNamingFieldAndValue() {
        rejects(() -> new Thresholds(0, 0.1, 1.1, 0.95), "underfitRatio", "0.0");
        rejects(() -> new Thresholds(Double.NaN, 0.1, 1.1, 0.95), "underfitRatio", "NaN");
        rejects(() -> new Thresholds(0.5, -0.01, 1.1, 0.95), "gapRatio", "-0.01");
        rejects(() -> new Thresholds(0.5, 0.1, 0.9, 0.95), "riseRatio", "0.9");
        rejects(() -> new Thresholds(0.5, 0.1, Double.POSITIVE_INFINITY, 0.95), "riseRatio", "Infinity");
        rejects(() -> new Thresholds(0.5, 0.1, 1.1, 0), "confidence", "0.0");
        rejects(() -> new Thresholds(0.5, 0.1, 1.1, 1.5), "confidence", "1.5");
        // boundary values that are allowed
        new Thresholds(2.0, 0.0, 1.0, 0.5);
    }

    @Test
    void lossHistoryIsValidatedAndImmutable() {
        rejects(() -> new LossHistory(new int[] {0, 1}, new double[] {1}, new double[] {1, 1}, 1), "equal lengths", "1");
        rejects(() -> new LossHistory(new int[] {0, 0}, new double[] {1, 1}, new double[] {1, 1}, 1), "epochs[1]", "0");
        rejects(() -> new LossHistory(new int[] {0}, new double[] {Double.NaN}, new double[] {1}, 1), "trainLoss[0]", "NaN");
        rejects(() -> new LossHistory(new int[] {0}, new double[] {1}, new double[] {-1}, 1), "validationLoss[0]", "-1");
        rejects(() -> new LossHistory(new int[] {0}, new double[] {1}, new double[] {1}, 0), "trivialLoss", "0.0");
        rejects(() -> new LossHistory(new int[0], new double[0], new double[0], 1), "epochs", "none");
        int[] ep = {0, 5};
        double[] tr = {1, 0.5};
        LossHistory h = new LossHistory(ep, tr, new double[] {1, 0.6}, 1);
        ep[1] = 99;
        tr[1] = 99;
        h.trainLoss()[0] = 42;
        assertArrayEquals(new int[] {0, 5}, h.epochs());
        assertArrayEquals(new double[] {1, 0.5}, h.trainLoss());
        assertEquals(new LossHistory(new int[] {0, 5}, new double[] {1, 0.5}, new double[] {1, 0.6}, 1), h);
        rejects(() -> h.upTo(3), "epoch 3", "not recorded");
    }
}
