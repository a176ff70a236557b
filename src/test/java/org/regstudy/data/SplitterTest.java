package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {
    static final Dataset BREAST = CsvLoader.load(Path.of("data/breast_cancer.csv"), CsvOptions.defaults());
    static final Dataset IRIS = CsvLoader.load(Path.of("data/iris.csv"), CsvOptions.defaults());

    @Test
    void sameSeedSameSplitBitForBitOtherSeedOtherSplit() {
        SplitSpec spec = SplitSpec.fractions(0.2, 0.1);
        Split a = Splitter.holdout(BREAST, spec, 42);
        Split b = Splitter.holdout(BREAST, spec, 42);
        Split c = Splitter.holdout(BREAST, spec, 43);
        assertArrayEquals(a.trainRows(), b.trainRows());
        assertArrayEquals(a.validationRows(), b.validationRows());
        assertArrayEquals(a.testRows(), b.testRows());
        assertEquals(a.train().features(), b.train().features());
        assertFalse(Arrays.equals(a.validationRows(), c.validationRows()));
        assertFalse(Arrays.equals(a.trainRows(), c.trainRows()));
        // same for unstratified shuffles
        SplitSpec plain = new SplitSpec(0.25, 0, true, false);
        assertArrayEquals(Splitter.holdout(IRIS, plain, 7).trainRows(), Splitter.holdout(IRIS, plain, 7).trainRows());
        assertFalse(Arrays.equals(Splitter.holdout(IRIS, plain, 7).trainRows(), Splitter.holdout(IRIS, plain, 8).trainRows()));
    }

    @Test
    void partsAreDisjointAndCoverAllRows() {
        Split s = Splitter.holdout(BREAST, SplitSpec.fractions(0.2, 0.1), 1);
        // test = round(0.1 * 569) = round(56.9) = 57; validation = round(113.8) = 114; train = 569 - 171 = 398
        assertEquals(57, s.testRows().length);
        assertEquals(114, s.validationRows().length);
        assertEquals(398, s.trainRows().length);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.trainRows()), Arrays.stream(s.validationRows())),
                Arrays.stream(s.testRows())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 569).toArray(), all);
    }

    @Test
    void stratifiedPartsKeepProportionsWithinOneExample() {
        for (long seed = 0; seed < 5; seed++) {
            for (Dataset d : List.of(BREAST, IRIS)) {
                Split s = Splitter.holdout(d, new SplitSpec(0.17, 0.13, seed % 2 == 0, true), seed);
                int[] total = d.classCounts();
                for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
                    int[] counts = part.classCounts();
                    for (int c = 0; c < total.length; c++) {
                        double expected = (double) part.size() * total[c] / d.size();
                        assertTrue(Math.abs(counts[c] - expected) < 1.0,
                                d.name() + " class " + c + ": " + counts[c] + " vs " + expected);
                    }
                }
            }
        }
        // iris 150, test 0.2 -> 30 rows = 10 per class exactly; validation 0.2 -> 10 per class
        Split iris = Splitter.holdout(IRIS, SplitSpec.fractions(0.2, 0.2), 3);
        assertArrayEquals(new int[] {10, 10, 10}, iris.test().classCounts());
        assertArrayEquals(new int[] {30, 30, 30}, iris.train().classCounts());
    }

    @Test
    void countsInFileOrderFirst30TrainLast70Validation() {
        Dataset moons = Generators.moons(100, 0.2, 5);
        Split s = Splitter.holdout(moons, SplitSpec.counts(70, 0, false), 999);
        assertArrayEquals(IntStream.range(0, 30).toArray(), s.trainRows());
        assertArrayEquals(IntStream.range(30, 100).toArray(), s.validationRows());
        assertNull(s.test());
        assertEquals(0, s.testRows().length);
        assertEquals(moons.features().getRow(30), s.validation().features().getRow(0));
        // the seed plays no part without shuffling
        assertArrayEquals(s.trainRows(), Splitter.holdout(moons, SplitSpec.counts(70, 0, false), 1).trainRows());
    }

    @Test
    void stratifiedInFileOrderHoldsOutTheLaterRowsOfEachClass() throws Exception {
        // rows t = 0..19, label t % 2: 10 rows a class, 6 train, 2 validation, 2 test each. In file order the
        // training part is each class's first rows (t = 0..11), validation the next (12..15), test the last
        // (16..19), as without stratification; it was the reverse (test 0..3, training the latest rows)
        StringBuilder csv = new StringBuilder("t,label\n");
        for (int t = 0; t < 20; t++) {
            csv.append(t).append(',').append(t % 2).append('\n');
        }
        Path file = java.nio.file.Files.createTempFile("ordered", ".csv");
        try {
            java.nio.file.Files.writeString(file, csv);
            Dataset d = CsvLoader.load(file, CsvOptions.defaults());
            for (boolean stratify : new boolean[] {true, false}) {
                Split s = Splitter.holdout(d, new SplitSpec(0.2, 0.2, false, stratify), 1);
                assertArrayEquals(IntStream.range(0, 12).toArray(), s.trainRows(), "stratify " + stratify);
                assertArrayEquals(IntStream.range(12, 16).toArray(), s.validationRows(), "stratify " + stratify);
                assertArrayEquals(IntStream.range(16, 20).toArray(), s.testRows(), "stratify " + stratify);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void kFoldTestIsFixedAndFoldsPartitionTheRest() {
        List<Split> folds = Splitter.kFold(IRIS, 5, true, 0.2, 11);
        assertEquals(5, folds.size());
        int[] test = folds.get(0).testRows();
        // 0.2 * 150 = 30 test rows, 10 per class; 120 left, 24 per fold, 8 per class per fold
        assertEquals(30, test.length);
        int[] seen = new int[150];
        for (Split f : folds) {
            assertArrayEquals(test, f.testRows());
            assertEquals(24, f.validationRows().length);
            assertEquals(96, f.trainRows().length);
            assertArrayEquals(new int[] {8, 8, 8}, f.validation().classCounts());
            for (int r : f.validationRows()) {
                seen[r]++;
            }
            for (int r : f.trainRows()) {
                assertTrue(Arrays.stream(test).noneMatch(t -> t == r), "train row in test part");
            }
        }
        for (int r = 0; r < 150; r++) {
            final int row = r;
            boolean inTest = Arrays.stream(test).anyMatch(t -> t == row);
            assertEquals(inTest ? 0 : 1, seen[r], "row " + r + " validated exactly once unless in test");
        }
        assertArrayEquals(folds.get(2).validationRows(), Splitter.kFold(IRIS, 5, true, 0.2, 11).get(2).validationRows());
        assertFalse(Arrays.equals(folds.get(2).validationRows(), Splitter.kFold(IRIS, 5, true, 0.2, 12).get(2).validationRows()));
        assertNull(Splitter.kFold(IRIS, 3, false, 0, 1).get(0).test());
    }

    @Test
    void aFractionsRowCountRoundsHalfUpInDecimal() {
        // 0.29 * 50 = 14.5 -> 15, 0.58 * 25 = 14.5 -> 15, 0.7 * 45 = 31.5 -> 32 (in binary they fell just under .5
        // and rounded down); 0.2 * 569 = 113.8 -> 114; a whole count stays as given
        assertEquals(15, new SplitSpec(0.29, 0, true, false).validationCount(50));
        assertEquals(15, new SplitSpec(0.58, 0, true, false).validationCount(25));
        assertEquals(32, new SplitSpec(0.7, 0, true, false).validationCount(45));
        assertEquals(114, new SplitSpec(0.2, 0.2, true, false).testCount(569));
        assertEquals(30, SplitSpec.counts(30, 0, false).validationCount(100));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec(1.5, 0, true, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec(-0.1, 0, true, false));
        assertThrows(IllegalArgumentException.class, () -> Splitter.holdout(IRIS, SplitSpec.counts(100, 50, false), 0));
        assertThrows(IllegalArgumentException.class, () -> Splitter.kFold(IRIS, 1, false, 0, 0));
        Dataset reg = Generators.sequence(SequenceKind.SINE, 40, 5, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> Splitter.holdout(reg, SplitSpec.fractions(0.2, 0), 0));
    }

    @Test
    void apportionKeepsSumsAndRounding() {
        // classes 5, 5, 1 into parts 4, 4, 3 (n = 11): ideal 5*4/11 = 1.82 etc.
        int[] cls = {5, 5, 1};
        int[] parts = {4, 4, 3};
        int[][] a = Splitter.apportion(cls, parts);
        for (int c = 0; c < 3; c++) {
            assertEquals(cls[c], Arrays.stream(a[c]).sum());
            for (int p = 0; p < 3; p++) {
                double ideal = (double) cls[c] * parts[p] / 11;
                assertTrue(a[c][p] == Math.floor(ideal) || a[c][p] == Math.ceil(ideal));
            }
        }
        for (int p = 0; p < 3; p++) {
            final int pp = p;
            assertEquals(parts[p], Arrays.stream(a).mapToInt(r -> r[pp]).sum());
        }
    }
}
