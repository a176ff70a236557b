package org.regstudy.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.regstudy.data.Split;

/** Splits by counts, as the spec asks for them. */
class SpecResolverSplitTest {

    static Split split(String splitYaml) {
        String spec = """
                data:
                  file: data/iris.csv
                  split: %s
                network:
                  hidden: [{type: dense, units: 4}]
                penalty: {kind: l2, strengths: [0.01]}
                """.formatted(splitYaml);
        return SpecResolver.resolve(SpecLoader.parse(spec, "s.yaml", true), "s.yaml").data().split();
    }

    @Test
    void countsInFileOrderTakeTheRowsAsTheyStand() {
        // the half-moons tutorial's "first 30 train, last 70 validation": in file order the parts are
        // train pool, then validation, so with 150 iris rows: train = rows 0..29, validation = rows 80..149
        Split s = split("{trainCount: 30, validationCount: 70, shuffle: false}");
        int[] first30 = new int[30];
        for (int i = 0; i < 30; i++) {
            first30[i] = i;
        }
        assertArrayEquals(first30, s.trainRows());
        assertEquals(80, s.validationRows()[0]);
        assertEquals(149, s.validationRows()[69]);
    }

    @Test
    void aStratifiedTrainCountBelowTheRestKeepsTheClassShares() {
        // iris has 50 of each class; validation 30 and test 30 leave 90, of which 30 are kept:
        // stratified, 10 of each class
        Split s = split("{trainCount: 30, validationCount: 30, testCount: 30, shuffle: true, stratify: true}");
        assertArrayEquals(new int[] {10, 10, 10}, s.train().classCounts());
        assertArrayEquals(new int[] {10, 10, 10}, s.validation().classCounts());
    }
}
