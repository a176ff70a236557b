package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorsTest {
    @Test
    void moonsWithoutNoiseLieOnTheTwoHalfCircles() {
        Dataset d = Generators.moons(11, 0.0, 1);
        // nOuter = 11 / 2 = 5 of class 0, nInner = 6 of class 1
        assertArrayEquals(new int[] {5, 6}, d.classCounts());
        int[] cls = d.classIndices();
        for (int i = 0; i < 11; i++) {
            double x = d.features().getDouble(i, 0);
            double y = d.features().getDouble(i, 1);
            // class 0: x^2 + y^2 = 1, y >= 0; class 1: (x-1)^2 + (y-0.5)^2 = 1, y <= 0.5
            double r = cls[i] == 0 ? x * x + y * y : (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5);
            assertEquals(1.0, r, 1e-6);
            assertTrue(cls[i] == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
        }
        // the rows are shuffled: the first 5 are not all of class 0 for this seed
        assertTrue(java.util.Arrays.stream(cls, 0, 5).anyMatch(c -> c == 1));
    }

    @Test
    void moonsAreReproducibleAndSeedDependent() {
        Dataset a = Generators.moons(50, 0.2, 7);
        assertEquals(a.features(), Generators.moons(50, 0.2, 7).features());
        assertEquals(a.fingerprint(), Generators.moons(50, 0.2, 7).fingerprint());
        assertNotEquals(a.features(), Generators.moons(50, 0.2, 8).features());
        assertNotEquals(a.fingerprint(), Generators.moons(50, 0.2, 8).fingerprint());
        assertEquals("generator=moons n=50 noise=0.2 seed=7", a.fingerprint().description());
        assertThrows(IllegalArgumentException.class, () -> Generators.moons(3, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Generators.moons(10, -1, 1));
    }

    @Test
    void irrelevantFeaturesFollowTheLogisticModel() {
        Dataset d = Generators.irrelevantFeatures(4000, 1, 20, 3);
        assertEquals(21, d.numFeatures());
        assertEquals("rel_1", d.featureNames().get(0));
        assertEquals("irr_20", d.featureNames().get(20));
        // theta_1 = 10: P(y = 1 | x1 > 0.5) = sigma(>5) > 0.99, so almost all such rows are class 1
        int[] cls = d.classIndices();
        int pos = 0;
        int big = 0;
        int irrPos = 0;
        int irrBig = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.features().getDouble(i, 0) > 0.5) {
                big++;
                pos += cls[i];
            }
            if (d.features().getDouble(i, 5) > 0.5) {
                irrBig++;
                irrPos += cls[i];
            }
        }
        assertTrue(pos > 0.98 * big, pos + " of " + big);
        // an irrelevant feature tells nothing: about half of its large-value rows are class 1
        assertEquals(0.5, (double) irrPos / irrBig, 0.06);
        assertArrayEquals(new double[] {10 / Math.sqrt(2), -10 / Math.sqrt(2)}, Generators.trueWeights(2), 1e-12);
    }

    @Test
    void sequenceWindowsPredictTheNextValue() {
        Dataset d = Generators.sequence(SequenceKind.SINE, 30, 8, 0.0, 1);
        // 30 - 8 = 22 windows of [1, 8]
        assertArrayEquals(new long[] {22, 1, 8}, d.features().shape());
        assertArrayEquals(new long[] {22, 1, 8}, d.labels().shape());
        for (int i = 0; i < 22; i++) {
            for (int t = 0; t < 8; t++) {
                // noise 0: features x_{i+t} = sin(2 pi (i+t) / 25), labels x_{i+t+1}
                assertEquals(Math.sin(2 * Math.PI * (i + t) / 25), d.features().getDouble(i, 0, t), 1e-6);
                assertEquals(Math.sin(2 * Math.PI * (i + t + 1) / 25), d.labels().getDouble(i, 0, t), 1e-6);
            }
        }
        double[] ar = Generators.series(SequenceKind.AR, 4, 0.0, 1);
        // x2 = 0.75*0.75 - 0.25*1 = 0.3125; x3 = 0.75*0.3125 - 0.25*0.75 = 0.046875
        assertArrayEquals(new double[] {1, 0.75, 0.3125, 0.046875}, ar, 1e-12);
        assertEquals(Generators.series(SequenceKind.AR, 50, 0.5, 9)[49], Generators.series(SequenceKind.AR, 50, 0.5, 9)[49], 0.0);
    }

    @Test
    void writtenCsvReadsBackIdentically(@TempDir Path dir) {
        Dataset d = Generators.irrelevantFeatures(30, 2, 3, 5);
        Path f = dir.resolve("irr.csv");
        DatasetCsv.write(d, f);
        Dataset back = CsvLoader.load(f, CsvOptions.defaults());
        assertEquals(d.features(), back.features());
        assertEquals(d.labels(), back.labels());
        assertEquals(d.featureNames(), back.featureNames());
    }
}
