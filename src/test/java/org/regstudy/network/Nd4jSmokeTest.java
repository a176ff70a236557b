package org.regstudy.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jSmokeTest {
    @Test
    void nativeBackendLoadsAndComputes() {
        // [1 2; 3 4] x [1; 1] = [3; 7]
        var m = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        var v = Nd4j.createFromArray(new double[][] {{1}, {1}});
        var r = m.mmul(v);
        assertEquals(3.0, r.getDouble(0, 0), 0.0);
        assertEquals(7.0, r.getDouble(1, 0), 0.0);
    }
}
