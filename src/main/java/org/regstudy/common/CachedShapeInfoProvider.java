package org.regstudy.common;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseShapeInfoProvider;

/**
 * An ND4J shape-information provider that hands out one shared, constant native shape buffer per
 * distinct (shape, stride, element-wise stride, order, data type, empty flag), instead of a new one
 * for every array.
 *
 * <p>Why: in ND4J 1.0.0-M2.1 every {@code INDArray} created through the common constructors gets a
 * freshly allocated native shape buffer (the backend's {@code DirectShapeInfoProvider} caches only
 * the overload with explicit option bits, which the array constructors do not call). Each such
 * buffer is a Java object with a JavaCPP pointer, a weak reference registered in ND4J's
 * {@code DeallocatorService} under a string key, and a native free: on half-moons 2-500-1 this was 81
 * of the 187 registered objects per training step, and their garbage collection and deallocation
 * kept a second core half busy (measured in docs/BENCHMARKS.md). Shape buffers are
 * immutable in ND4J (marked constant, never closed, never written after creation), so sharing them
 * is safe; it is what ND4J's CUDA backend does. Numbers do not change: the buffer's contents are a
 * pure function of the key.
 *
 * <p>Enabled with the system property {@value #PROPERTY}{@code =org.regstudy.common.CachedShapeInfoProvider}
 * (ND4J reads its backend classes from system properties before its own defaults), which
 * {@link Nd4jSetup} sets. At most {@value #MAX_ENTRIES}
 * distinct shapes are cached; further shapes get uncached buffers, as without this class.
 */
public final class CachedShapeInfoProvider extends BaseShapeInfoProvider {
    /** The ND4J system property that names the shape-information provider class. */
    public static final String PROPERTY = "shapeinfoprovider";
    /** Distinct shapes kept; beyond this, buffers are made per array as ND4J does by default. */
    public static final int MAX_ENTRIES = 20_000;

    private final ConcurrentHashMap<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();
    /** {@link #fromNd4j} as the cache's mapping function, made once (not per lookup). */
    private final Function<Key, Pair<DataBuffer, long[]>> makeWithNd4j = this::fromNd4j;

    /** Whether the running ND4J uses this provider (false when the system property was not set in time). */
    public static boolean active() {
        return org.nd4j.linalg.factory.Nd4j.getShapeInfoProvider() instanceof CachedShapeInfoProvider;
    }

    /** Shapes currently cached. */
    public int size() {
        return cache.size();
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, DataType dataType, boolean empty) {
        return shared(new Key(shape, stride, elementWiseStride, order, dataType, empty, 0));
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, long extras) {
        return shared(new Key(shape, stride, elementWiseStride, order, null, false, extras));
    }

    /** The one buffer for {@code key} (made by ND4J the first time), or a fresh one when the cache is full. */
    private Pair<DataBuffer, long[]> shared(Key key) {
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached == null) {
            if (cache.size() >= MAX_ENTRIES) {
                return fromNd4j(key);
            }
            cached = cache.computeIfAbsent(key, makeWithNd4j);
        }
        // the long[] is the array's Java-side copy: each array gets its own
        return Pair.create(cached.getFirst(), cached.getSecond().clone());
    }

    /** ND4J's own buffer for {@code k}, through the overload the key came from. */
    private Pair<DataBuffer, long[]> fromNd4j(Key k) {
        return k.dataType == null ? super.createShapeInformation(k.shape, k.stride, k.ews, k.order, k.extras)
                : super.createShapeInformation(k.shape, k.stride, k.ews, k.order, k.dataType, k.empty);
    }

    @Override
    public void purgeCache() {
        cache.clear();
    }

    /**
     * The inputs that determine a shape buffer's contents, arrays compared by value: those of the
     * overload with a data type and empty flag ({@code dataType} set), or of the one with option bits
     * ({@code dataType} null, {@code extras} given).
     */
    private static final class Key {
        private final long[] shape;
        private final long[] stride;
        private final long ews;
        private final char order;
        private final DataType dataType;
        private final boolean empty;
        private final long extras;
        private final int hash;

        Key(long[] shape, long[] stride, long ews, char order, DataType dataType, boolean empty, long extras) {
            this.shape = shape.clone();
            this.stride = stride.clone();
            this.ews = ews;
            this.order = order;
            this.dataType = dataType;
            this.empty = empty;
            this.extras = extras;
            int h = Arrays.hashCode(this.shape);
            h = 31 * h + Arrays.hashCode(this.stride);
            h = 31 * h + Long.hashCode(ews);
            h = 31 * h + order;
            h = 31 * h + Objects.hashCode(dataType);
            h = 31 * h + Boolean.hashCode(empty);
            this.hash = 31 * h + Long.hashCode(extras);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && ews == k.ews && order == k.order
                    && dataType == k.dataType && empty == k.empty && extras == k.extras
                    && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
