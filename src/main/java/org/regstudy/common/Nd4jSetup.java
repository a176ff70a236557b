package org.regstudy.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM system properties RegStudy runs ND4J with, in one place. They only take effect when set
 * before ND4J and JavaCPP initialize (their first use in the process), so the CLI's {@code main}
 * and the benchmarks call {@link #applyDefaults()} first; the test suite sets the same flags on its
 * JVM (surefire's {@code argLine} in pom.xml). A value already given on the command line is kept.
 *
 * <ul>
 *   <li>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: no JavaCPP memory accounting on every
 *       allocation (18-25 % faster on small sweeps, docs/BENCHMARKS.md);</li>
 *   <li>{@code shapeinfoprovider=}{@link CachedShapeInfoProvider}: one shared shape buffer per shape;</li>
 *   <li>{@code opexec=}{@link CachingOpExecutioner}: one TAD description per array shape and dimensions,
 *       and one reused native op context per thread for custom ops.</li>
 * </ul>
 *
 * <p>The native thread count ({@code OMP_NUM_THREADS=1}) is an environment variable and cannot be set
 * from Java; the launcher, the test suite and {@code bench/run} set it.
 */
public final class Nd4jSetup {
    /** Property name to value, in the order they are applied. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        // class names as strings: naming the classes here must not load ND4J before the properties are set
        m.put(CachedShapeInfoProvider.PROPERTY, "org.regstudy.common.CachedShapeInfoProvider");
        m.put(CachingOpExecutioner.PROPERTY, "org.regstudy.common.CachingOpExecutioner");
        DEFAULTS = java.util.Collections.unmodifiableMap(m);
    }

    private Nd4jSetup() {
    }

    /** Sets each of {@link #DEFAULTS} that is not set yet. Call before anything touches ND4J. */
    public static void applyDefaults() {
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            if (System.getProperty(e.getKey()) == null) {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
    }
}
