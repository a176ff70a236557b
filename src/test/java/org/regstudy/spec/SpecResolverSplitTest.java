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

    /**
     * Without a name, a study is named after its data file and penalty, under the rule a given name
     * follows: "iris (copy) #2" + "-l2" has its spaces, parentheses and '#' replaced by '_'; a
     * 70-character data name is cut to 64 - 3 = 61 characters so that "-l2" stays.
     */
    @Test
    void theDefaultNameIsAPlainPathSegment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path odd = dir.resolve("iris (copy) #2.csv");
        java.nio.file.Files.copy(java.nio.file.Path.of("data/iris.csv"), odd);
        String spec = """
                data:
                  file: "%s"
                  split: {validation: 0.3}
                network:
                  hidden: [{type: dense, units: 4}]
                penalty: {kind: l2, strengths: [0.01]}
                """.formatted(odd.toString().replace("\\", "/"));
        assertEquals("iris__copy___2-l2", SpecResolver.resolve(SpecLoader.parse(spec, "s.yaml", true), "s.yaml").name());
        assertEquals("a".repeat(61) + "-l2", SpecResolver.defaultName("a".repeat(70), "l2"));
    }

    @Test
    void countsInFileOrderTakeTheRowsAsTheyStand() {
        // the half-moons tutorial's "first N train, last M validation": in file order the parts are
        // train pool, then validation, so with 150 iris rows: train = rows 0..104, validation = rows 110..149
        // (iris is sorted by class, 50 rows each: rows 0..29 alone would be one class, and rows 0..59 lack
        // class 2, which the validation part holds; both are refused)
        Split s = split("{trainCount: 105, validationCount: 40, shuffle: false}");
        int[] first105 = new int[105];
        for (int i = 0; i < 105; i++) {
            first105[i] = i;
        }
        assertArrayEquals(first105, s.trainRows());
        assertEquals(110, s.validationRows()[0]);
        assertEquals(149, s.validationRows()[39]);
    }

    @Test
    void aStratifiedTrainCountBelowTheRestKeepsTheClassShares() {
        // iris has 50 of each class; validation 30 and test 30 leave 90, of which 30 are kept:
        // stratified, 10 of each class
        Split s = split("{trainCount: 30, validationCount: 30, testCount: 30, shuffle: true, stratify: true}");
        assertArrayEquals(new int[] {10, 10, 10}, s.train().classCounts());
        assertArrayEquals(new int[] {10, 10, 10}, s.validation().classCounts());
    }

    @Test
    void windowsAreSplitInTimeOrderUnlessShuffleIsGiven() {
        // 60 steps, windows of 5: 55 windows; validation 0.2 and test 0.2 of 55 round to 11 each, so in
        // time order train = windows 0..32, validation 33..43, test 44..54
        String spec = """
                data:
                  generator: {kind: sequence, length: 60, window: 5, seed: 3}
                  split: %s
                network:
                  hidden: [{type: lstm, units: 4}]
                  output: {activation: identity, loss: mse}
                penalty: {kind: l2, strengths: [0.01]}
                """;
        Split inOrder = SpecResolver.resolve(SpecLoader.parse(spec.formatted("{validation: 0.2, test: 0.2}"), "s.yaml", true),
                "s.yaml").data().split();
        assertArrayEquals(java.util.stream.IntStream.range(0, 33).toArray(), inOrder.trainRows());
        assertArrayEquals(java.util.stream.IntStream.range(33, 44).toArray(), inOrder.validationRows());
        assertArrayEquals(java.util.stream.IntStream.range(44, 55).toArray(), inOrder.testRows());
        Split shuffled = SpecResolver.resolve(SpecLoader.parse(spec.formatted("{validation: 0.2, test: 0.2, shuffle: true}"),
                "s.yaml", true), "s.yaml").data().split();
        assertEquals(33, shuffled.trainRows().length);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(inOrder.trainRows(), shuffled.trainRows()),
                "shuffle: true, given, still shuffles");
    }
}
