package org.regstudy.data;

import org.apache.commons.math3.random.MersenneTwister;

/**
 * The draws of numpy's legacy {@code numpy.random.RandomState(seed)} that scikit-learn's
 * {@code make_moons} uses, bit for bit, so that a generator can reproduce a Python sample exactly.
 *
 * <p>The bit source is MT19937 (commons-math3 {@link MersenneTwister}): for an integer seed numpy's
 * legacy seeding is MT's {@code init_genrand(seed)}, which is {@code new MersenneTwister(int)}
 * (not the {@code long} constructor, which is {@code init_by_array}). Seeds are restricted to
 * {@code 0 .. 2^31-1}. On top of the 32-bit outputs {@code w = genrand_int32()}:
 *
 * <ul>
 *   <li>{@link #randomSample()} (numpy {@code random_sample}, legacy double):
 *       {@code a = w1 >>> 5, b = w2 >>> 6, u = (a * 2^26 + b) / 2^53}, in {@code [0, 1)}.</li>
 *   <li>{@link #gauss()} (legacy {@code standard_normal}, Marsaglia polar with a cache): repeat
 *       {@code x1 = 2u - 1, x2 = 2u - 1, r2 = x1^2 + x2^2} until {@code 0 < r2 < 1};
 *       {@code f = sqrt(-2 ln(r2) / r2)}; return {@code f x2} and keep {@code f x1} for the next
 *       call. {@link #normal(double, double)} is {@code loc + scale * gauss()}.</li>
 *   <li>{@link #randomInterval(long)} (numpy {@code random_interval}, for {@code max < 2^32}):
 *       {@code mask} = the smallest {@code 2^k - 1 >= max}; draw {@code w & mask} until it is
 *       {@code <= max}.</li>
 *   <li>{@link #shuffle(int[])} ({@code RandomState.shuffle} of a 1-d array): for
 *       {@code i = n-1 .. 1}, {@code j = randomInterval(i)}, swap {@code a[i], a[j]}.</li>
 * </ul>
 *
 * <p>Checked against numpy 2.4.6 (the legacy stream is frozen); see {@code NumpyRandomStateTest}.
 * The 32-bit outputs, {@link #randomSample()}, {@link #randomInterval(long)} and {@link #shuffle(int[])}
 * are bit-exact; {@link #gauss()} takes {@code ln} from {@link Math#log} where numpy calls the C
 * library's {@code log}, so a value can differ in its last bit (here, against glibc 2.36: 373 of
 * 10^6 draws, each by one ulp). Not thread-safe.
 */
public final class NumpyRandomState {
    /** The largest accepted seed, {@code 2^31 - 1}. */
    public static final long MAX_SEED = Integer.MAX_VALUE;

    private final MersenneTwister mt;
    private boolean hasGauss;
    private double gauss;

    /**
     * The state of {@code numpy.random.RandomState(seed)}.
     *
     * @param seed in {@code 0 .. 2^31-1}
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("the numpy-compatible sampler takes a seed in 0 .. " + MAX_SEED + ", got " + seed);
        }
        this.mt = new MersenneTwister((int) seed);
    }

    /** One 32-bit MT19937 output ({@code genrand_int32}), unsigned, in {@code 0 .. 2^32-1}. */
    public long nextUint32() {
        return mt.nextInt() & 0xFFFFFFFFL;
    }

    /** numpy's legacy {@code random_sample()}: a double in {@code [0, 1)} from two 32-bit draws. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** numpy's legacy {@code standard_normal()}: Marsaglia's polar method, the second value cached. */
    public double gauss() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** numpy's legacy {@code normal(loc, scale)}: {@code loc + scale * gauss()}. */
    public double normal(double loc, double scale) {
        return loc + scale * gauss();
    }

    /**
     * numpy's {@code random_interval(max)}: uniform in {@code 0 .. max} by masked rejection on
     * 32-bit draws.
     *
     * @param max in {@code 0 .. 2^32-1}
     */
    public long randomInterval(long max) {
        if (max < 0 || max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max must be in 0 .. 2^32-1, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** numpy's {@code RandomState.shuffle} of a 1-d array, in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
