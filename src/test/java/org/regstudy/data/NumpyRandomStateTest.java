package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Expected values from numpy 2.4.6 ({@code import numpy as np}; the legacy RandomState stream is
 * frozen), each produced by the Python line in the comment above it.
 */
class NumpyRandomStateTest {

    @Test
    void rawOutputsAreMt19937SeededWithInitGenrand() {
        // np.random.RandomState(1).randint(0, 2**32, size=5, dtype=np.uint32).tolist()
        NumpyRandomState r = new NumpyRandomState(1);
        long[] expected = {1791095845L, 4282876139L, 3093770124L, 4005303368L, 491263L};
        for (long e : expected) {
            assertEquals(e, r.nextUint32());
        }
        // int(np.random.RandomState(1).randint(0, 2**32, size=10000, dtype=np.uint32).astype(np.int64).sum())
        NumpyRandomState s = new NumpyRandomState(1);
        long sum = 0;
        for (int i = 0; i < 10000; i++) {
            sum += s.nextUint32();
        }
        assertEquals(21499309085260L, sum);
        // np.random.RandomState(0).randint(0, 2**32, size=2, dtype=np.uint32).tolist()
        NumpyRandomState zero = new NumpyRandomState(0);
        assertEquals(2357136044L, zero.nextUint32());
        assertEquals(2546248239L, zero.nextUint32());
        // np.random.RandomState(2147483647).randint(0, 2**32, size=2, dtype=np.uint32).tolist()
        NumpyRandomState max = new NumpyRandomState(NumpyRandomState.MAX_SEED);
        assertEquals(1689602031L, max.nextUint32());
        assertEquals(3831148394L, max.nextUint32());
    }

    @Test
    void seedsOutsideZeroToTwoToTheThirtyOneAreRefused() {
        var neg = assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertTrue(neg.getMessage().contains("0 .. 2147483647"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 31));
    }

    @Test
    void randomSampleIsTheLegacyDouble() {
        // [repr(float(v)) for v in np.random.RandomState(1).random_sample(4)]
        NumpyRandomState r = new NumpyRandomState(1);
        double[] expected = {0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977};
        for (double e : expected) {
            assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(r.randomSample()));
        }
        // int(np.random.RandomState(7).random_sample(10000).view(np.int64).sum())  (bit patterns, wrapping)
        NumpyRandomState s = new NumpyRandomState(7);
        long bits = 0;
        for (int i = 0; i < 10000; i++) {
            bits += Double.doubleToLongBits(s.randomSample());
        }
        assertEquals(-2386393235962037872L, bits);
    }

    @Test
    void gaussIsThePolarMethodWithItsCachedSecondValue() {
        // [repr(float(v)) for v in np.random.RandomState(1).normal(size=5)]
        NumpyRandomState r = new NumpyRandomState(1);
        double[] expected = {1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705,
                0.8654076293246785};
        for (double e : expected) {
            assertEquals(e, r.gauss(), 0.0);
        }
        // [repr(float(v)) for v in np.random.RandomState(1).normal(loc=1.5, scale=0.2, size=3)]
        NumpyRandomState n = new NumpyRandomState(1);
        assertEquals(1.8248690727326484, n.normal(1.5, 0.2), 0.0);
        assertEquals(1.377648717269985, n.normal(1.5, 0.2), 0.0);
        assertEquals(1.394365649547309, n.normal(1.5, 0.2), 0.0);
        // v = np.random.RandomState(12345).standard_normal(10000); repr(float(v.sum())), repr(float((v*v).sum()))
        // (numpy takes ln from the C library, Java from Math.log: they may differ in the last bit)
        NumpyRandomState s = new NumpyRandomState(12345);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < 10000; i++) {
            double g = s.gauss();
            sum += g;
            sumSq += g * g;
        }
        assertEquals(-107.35824447477034, sum, 1e-9);
        assertEquals(9968.324839740333, sumSq, 1e-9);
    }

    @Test
    void shuffleIsFisherYatesOnMaskedRejection() {
        // a = np.arange(10); np.random.RandomState(1).shuffle(a); a.tolist()
        int[] a = IntStream.range(0, 10).toArray();
        new NumpyRandomState(1).shuffle(a);
        assertArrayEquals(new int[] {2, 9, 6, 4, 0, 3, 1, 7, 8, 5}, a);
        // a = np.arange(70000); np.random.RandomState(3).shuffle(a)
        // a[:5].tolist(), int((a * np.arange(70000, dtype=np.int64)).sum())
        int[] b = IntStream.range(0, 70000).toArray();
        new NumpyRandomState(3).shuffle(b);
        assertArrayEquals(new int[] {2758, 37134, 29158, 5365, 52942}, java.util.Arrays.copyOf(b, 5));
        long weighted = 0;
        for (int i = 0; i < b.length; i++) {
            weighted += (long) b[i] * i;
        }
        assertEquals(85669724433933L, weighted);
        // r = np.random.RandomState(5); a = np.arange(2); r.shuffle(a); a.tolist(), repr(float(r.random_sample()))
        NumpyRandomState r = new NumpyRandomState(5);
        int[] c = {0, 1};
        r.shuffle(c);
        assertArrayEquals(new int[] {0, 1}, c);
        assertEquals(0.055180123975368534, r.randomSample(), 0.0);
        assertEquals(0, r.randomInterval(0));
        assertThrows(IllegalArgumentException.class, () -> r.randomInterval(-1));
    }
}
