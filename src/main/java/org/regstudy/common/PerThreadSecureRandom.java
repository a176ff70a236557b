package org.regstudy.common;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.Map;

/**
 * A security provider whose one service, the process's default {@link SecureRandom} once the
 * provider is installed first, gives each thread its own instance of the JDK's {@code DRBG} (SUN
 * provider, seeded from the system's entropy like any other).
 *
 * <p>Why: ND4J names every op it creates with {@code UUID.randomUUID()}, and {@link java.util.UUID}
 * draws from one {@code SecureRandom} shared by the whole process: by default {@code NativePRNG},
 * which serializes its callers on static locks. A half-moons training step creates some forty ops, so
 * two training threads queue for that lock dozens of times a step (16 random bytes cost about 0.2 us on
 * one thread, 0.6 us each on two; docs/BENCHMARKS.md). With a generator per thread there is no shared
 * lock; the service is registered {@code ThreadSafe} so that {@code SecureRandom} does not add one.
 *
 * <p>The random bytes are as good as the JDK's own (its recommended algorithm, one instance per
 * thread); {@code SecureRandom.getInstance("NativePRNG")} and every named algorithm still come from
 * their own providers. Installing the provider changes the default for the whole process, so only the
 * CLI and the benchmarks do it ({@link Nd4jSetup#applyDefaults()}); it must happen before anything in
 * the process first calls {@code UUID.randomUUID()}, which keeps its generator for the process's life.
 */
public final class PerThreadSecureRandom extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider's name, as {@link Security#getProvider(String)} finds it. */
    public static final String NAME = "RegStudyPerThread";

    /** The service's algorithm name. */
    public static final String ALGORITHM = "PerThreadDRBG";

    private PerThreadSecureRandom() {
        super(NAME, "1.0", "each thread's own SUN DRBG as the default SecureRandom");
        putService(new Service(this, "SecureRandom", ALGORITHM, Spi.class.getName(), null,
                Map.of("ThreadSafe", "true")));
    }

    /**
     * Installs the provider at the head of the list, once; later calls change nothing.
     *
     * @return whether this call installed it
     */
    public static synchronized boolean installFirst() {
        if (Security.getProvider(NAME) != null) {
            return false;
        }
        Security.insertProviderAt(new PerThreadSecureRandom(), 1);
        return true;
    }

    /** The calling thread's own generator (for tests). */
    static SecureRandom ownGenerator() {
        return Spi.OWN.get();
    }

    /** How many times any thread has drawn bytes through the service (for tests). */
    static long draws() {
        return Spi.DRAWS.sum();
    }

    /** The SPI behind the service: every call goes to the calling thread's own DRBG. */
    public static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private static final ThreadLocal<SecureRandom> OWN = ThreadLocal.withInitial(() -> {
            try {
                return SecureRandom.getInstance("DRBG", "SUN");
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's SUN provider has no DRBG", e);
            }
        });

        private static final java.util.concurrent.atomic.LongAdder DRAWS = new java.util.concurrent.atomic.LongAdder();

        /** Public and without arguments: the JDK instantiates the SPI by reflection. */
        public Spi() {
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            OWN.get().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            DRAWS.increment();
            OWN.get().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return OWN.get().generateSeed(numBytes);
        }
    }
}
