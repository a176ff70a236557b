package org.regstudy.common;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;

/**
 * ND4J's CPU op executioner with its tensor-along-dimension (TAD) descriptions kept per distinct
 * (array shape information, dimensions), instead of wrapped anew for every broadcast or reduction
 * along a dimension.
 *
 * <p>Why: in ND4J 1.0.0-M2.1 every op along a dimension (a bias added to each row, a sum over rows,
 * a norm) asks the native library for the TAD shape and offsets and wraps them in two new Java
 * buffers, each a weak reference registered in ND4J's {@code DeallocatorService}, plus a JavaCPP
 * pointer for the dimensions (the Java-side cache in {@code CpuTADManager} is commented out). The
 * native library already caches the descriptions themselves ({@code ConstantTadHelper}, for the
 * life of the process), so the wrappers can be kept too: a TAD is a pure function of the array's
 * shape information and the dimensions, and the buffers are never written. Numbers do not change;
 * on half-moons 2-500-1 training steps were 4-9 % faster.
 *
 * <p>Enabled with the system property {@value #PROPERTY}{@code =org.regstudy.common.CachedTadOpExecutioner}
 * (ND4J reads its backend classes from system properties before its own defaults), which
 * {@link Nd4jSetup} sets, next to {@link CachedShapeInfoProvider}. At most {@value #MAX_ENTRIES}
 * descriptions are kept; further ones are made per call, as without this class.
 */
public class CachedTadOpExecutioner extends NativeOpExecutioner {
    /** The ND4J system property that names the op executioner class. */
    public static final String PROPERTY = "opexec";
    /** Distinct TAD descriptions kept. */
    public static final int MAX_ENTRIES = 20_000;

    private final ConcurrentHashMap<Key, TadPack> tads = new ConcurrentHashMap<>();

    /** Whether the running ND4J uses this executioner (false when the system property was not set in time). */
    public static boolean active() {
        return org.nd4j.linalg.factory.Nd4j.getExecutioner() instanceof CachedTadOpExecutioner;
    }

    /** Descriptions currently kept. */
    public int size() {
        return tads.size();
    }

    @Override
    public TadPack tadShapeInfoAndOffsets(INDArray array, int[] dimension) {
        Key key = new Key(array.shapeInfoJava(), dimension);
        TadPack pack = tads.get(key);
        if (pack == null) {
            if (tads.size() >= MAX_ENTRIES) {
                return super.tadShapeInfoAndOffsets(array, dimension);
            }
            pack = tads.computeIfAbsent(key, k -> super.tadShapeInfoAndOffsets(array, dimension));
        }
        return pack;
    }

    /** The array's Java-side shape information and the dimensions, compared by value. */
    private static final class Key {
        private final long[] shapeInfo;
        private final int[] dimensions;
        private final int hash;

        Key(long[] shapeInfo, int[] dimensions) {
            this.shapeInfo = shapeInfo.clone();
            this.dimensions = dimensions.clone();
            this.hash = 31 * Arrays.hashCode(this.shapeInfo) + Arrays.hashCode(this.dimensions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(shapeInfo, k.shapeInfo)
                    && Arrays.equals(dimensions, k.dimensions);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
