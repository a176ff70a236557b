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
    /** Row 0 of {@code Generators.moons(100, 0.2, 1)} as printed by the code before the sampler option. */
    private static final float PINNED_X00 = 0.88601124f;
    private static final float PINNED_X01 = 0.298155f;

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

    /*
     * The numpy reference: scikit-learn's make_moons (shuffle on, since 0.20) written out in numpy 2.4.6,
     *
     *   def make_moons(n, noise, seed):  # sklearn.datasets.make_moons(n, noise=noise, random_state=seed)
     *       g = np.random.RandomState(seed)
     *       no = n // 2; ni = n - no
     *       X = np.vstack([np.append(np.cos(np.linspace(0, np.pi, no)), 1 - np.cos(np.linspace(0, np.pi, ni))),
     *                      np.append(np.sin(np.linspace(0, np.pi, no)), 1 - np.sin(np.linspace(0, np.pi, ni)) - 0.5)]).T
     *       y = np.hstack([np.zeros(no, dtype=np.intp), np.ones(ni, dtype=np.intp)])
     *       idx = np.arange(n); g.shuffle(idx); X, y = X[idx], y[idx]
     *       X += g.normal(scale=noise, size=X.shape)
     *       return X, y
     *   X, y = make_moons(100, 0.2, 1)
     *   [[repr(float(v)) for v in X[i]] for i in (0, 1, 2, 99)]
     *   repr(float(X.sum())), repr(float((X*X).sum())), "".join(map(str, y))
     *   int(X.astype(np.float32).view(np.int32).astype(np.int64).sum())
     */
    @Test
    void sklearnSamplerReproducesMakeMoonsOfTheTutorial() {
        Generators.MoonsPoints p = Generators.sklearnMoons(100, 0.2, 1);
        double[][] x = p.x();
        assertArrayEquals(new double[] {1.366982377748571, -0.23541583828163382}, x[0], 1e-15);
        assertArrayEquals(new double[] {1.7640440153035182, -0.3456328842150106}, x[1], 1e-15);
        assertArrayEquals(new double[] {-0.3786817354813095, 0.41004374609459043}, x[2], 1e-15);
        assertArrayEquals(new double[] {-1.0412165518486707, 0.8833974460543893}, x[99], 1e-15);
        double sum = 0;
        double sumSq = 0;
        for (double[] r : x) {
            sum += r[0] + r[1];
            sumSq += r[0] * r[0] + r[1] * r[1];
        }
        assertEquals(71.9838982670372, sum, 1e-12);
        assertEquals(138.38663464269837, sumSq, 1e-12);
        String labels = "1101100111101110001001110010001111100100111010010101001001010110010101101101011000000100110011010100";
        StringBuilder got = new StringBuilder();
        for (int c : p.y()) {
            got.append(c);
        }
        assertEquals(labels, got.toString());

        // the float32 features RegStudy trains on are float32(X) bit for bit
        Dataset d = Generators.moons(100, 0.2, 1, Sampler.SKLEARN);
        long bits = 0;
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 2; j++) {
                bits += Float.floatToIntBits(d.features().getFloat(i, j));
            }
        }
        assertEquals(64987823845L, bits);
        int[] cls = d.classIndices();
        for (int i = 0; i < 100; i++) {
            assertEquals(labels.charAt(i) - '0', cls[i]);
        }
        assertEquals("generator=moons sampler=sklearn n=100 noise=0.2 seed=1", d.fingerprint().description());
        assertNotEquals(Generators.moons(100, 0.2, 1).fingerprint(), d.fingerprint());
    }

    @Test
    void sklearnSamplerGeometryIsNumpysLinspace() {
        // X, y = make_moons(7, 0.0, 0); [[repr(float(v)) for v in r] for r in X], y.tolist()
        Generators.MoonsPoints p = Generators.sklearnMoons(7, 0.0, 0);
        double[][] expected = {{2.0, 0.4999999999999999}, {-1.0, 1.2246467991473532e-16}, {6.123233995736766e-17, 1.0},
                {0.0, 0.5}, {1.0, 0.0}, {1.4999999999999998, -0.3660254037844387}, {0.4999999999999999, -0.3660254037844386}};
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(expected[i], p.x()[i], 1e-15);
        }
        assertArrayEquals(new int[] {1, 0, 0, 1, 0, 1, 1}, p.y());
        // np.linspace(0, np.pi, 3): [0, pi/2, pi], the last exactly pi
        assertArrayEquals(new double[] {0, Math.PI / 2, Math.PI}, Generators.linspace(0, Math.PI, 3), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> Generators.moons(100, 0.2, -1, Sampler.SKLEARN));
        assertTrue(e.getMessage().contains("0 .. 2147483647"), e.getMessage());
    }

    @Test
    void regstudySamplerIsTheOriginalGenerator() {
        // values of the SplittableRandom moons, pinned when the sklearn sampler was added
        Dataset d = Generators.moons(100, 0.2, 1, Sampler.REGSTUDY);
        Dataset old = Generators.moons(100, 0.2, 1);
        assertEquals(old.features(), d.features());
        assertEquals(old.fingerprint(), d.fingerprint());
        assertEquals("generator=moons n=100 noise=0.2 seed=1", d.fingerprint().description());
        assertEquals(PINNED_X00, d.features().getFloat(0, 0), 0.0f);
        assertEquals(PINNED_X01, d.features().getFloat(0, 1), 0.0f);
        assertEquals(Sampler.SKLEARN, Sampler.parse("SkLearn"));
        assertThrows(IllegalArgumentException.class, () -> Sampler.parse("numpy"));
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
