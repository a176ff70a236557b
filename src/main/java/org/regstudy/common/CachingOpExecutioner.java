package org.regstudy.common;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BooleanPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.cpu.nativecpu.ops.CpuOpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.exception.ND4JIllegalStateException;
import org.nd4j.linalg.exception.ND4JOpProfilerException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * ND4J's CPU op executioner with two of its per-op wrappers kept instead of made anew: the
 * tensor-along-dimension (TAD) descriptions, per distinct (array shape information, dimensions), and
 * the native op context of custom ops, one per thread.
 *
 * <p>Why: in ND4J 1.0.0-M2.1 every op along a dimension (a bias added to each row, a sum over rows,
 * a norm) asks the native library for the TAD shape and offsets and wraps them in two new Java
 * buffers, each a weak reference registered in ND4J's {@code DeallocatorService}, plus a JavaCPP
 * pointer for the dimensions (the Java-side cache in {@code CpuTADManager} is commented out). The
 * native library already caches the descriptions themselves ({@code ConstantTadHelper}, for the
 * life of the process), so the wrappers can be kept too: a TAD is a pure function of the array's
 * shape information and the dimensions, and the buffers are never written. Likewise every custom op
 * ({@code matmul}, {@code adam_updater}, the activations' gradients: 19 of a half-moons training
 * step's 90 registered objects) built a new native context, registered it, and allocated a JavaCPP
 * pointer for each kind of argument; here each thread fills its own {@link ReusableOpContext}
 * (see {@link #exec(CustomOp)}), except for float and double matrix products, which {@link BlasMatmul} hands
 * straight to the BLAS call the native op would make. Numbers do not change; on half-moons 2-500-1
 * the TAD cache made training steps 4-9 % faster, the reused context another 5-15 % and the direct
 * products 10 % (one training thread) and 4 % (two).
 *
 * <p>Enabled with the system property {@value #PROPERTY}{@code =org.regstudy.common.CachingOpExecutioner}
 * (ND4J reads its backend classes from system properties before its own defaults), which
 * {@link Nd4jSetup} sets, next to {@link CachedShapeInfoProvider}. At most {@value #MAX_ENTRIES}
 * descriptions are kept; further ones are made per call, as without this class.
 */
public class CachingOpExecutioner extends NativeOpExecutioner {
    /** The ND4J system property that names the op executioner class. */
    public static final String PROPERTY = "opexec";
    /** Distinct TAD descriptions kept. */
    public static final int MAX_ENTRIES = 20_000;

    private final ConcurrentHashMap<Key, TadPack> tads = new ConcurrentHashMap<>();
    /** Each thread's context; a thread's context is freed by ND4J's deallocator after the thread ends. */
    private final ThreadLocal<ReusableOpContext> contexts = ThreadLocal.withInitial(ReusableOpContext::new);

    /** Whether the running ND4J uses this executioner (false when the system property was not set in time). */
    public static boolean active() {
        return org.nd4j.linalg.factory.Nd4j.getExecutioner() instanceof CachingOpExecutioner;
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

    // ND4J hands native code the addresses of an op's buffers, and nothing keeps the op reachable
    // while that code runs: the JIT may consider the op and the arrays only it holds (a broadcast's
    // dimension array, say) dead, a collection clears their weak references, and ND4J's deallocator
    // frees the memory under the running op (seen as a crash in execBroadcast). Each entry point below
    // keeps the op reachable until the native call has returned.

    @Override
    public INDArray exec(Op op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(IndexAccumulation op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(ReduceOp op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(ScalarOp op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(BroadcastOp op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    @Override
    public INDArray exec(RandomOp op, OpContext context, Random rng) {
        return reachableDuring(op, () -> super.exec(op, context, rng));
    }

    @Override
    public INDArray[] exec(CustomOp op, OpContext context) {
        return reachableDuring(op, () -> super.exec(op, context));
    }

    /** {@code call}'s result, with {@code op} kept reachable until it has returned. */
    private static <T> T reachableDuring(Object op, Supplier<T> call) {
        try {
            return call.get();
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /**
     * Runs a custom op as ND4J's executioner does (output arrays made from the op's computed shapes
     * when it has none, random-generator state passed in and back, the arrays' Java views refreshed),
     * but in the calling thread's reused context: every argument and flag is set for each op, and the
     * context's arrays are cleared after it, so nothing of one op reaches the next. A nested call while
     * the context is in use (ND4J's debugging hooks may run ops) gets a fresh context from ND4J. A
     * {@code matmul} {@link BlasMatmul} computes exactly as the native op needs no context: ND4J's
     * profiling checks (closed workspaces before, NaN and infinity panics after) run around its BLAS call.
     */
    @Override
    public INDArray[] exec(CustomOp op) {
        BlasMatmul.Call product = BlasMatmul.of(op);
        if (product != null) {
            long start = profilingConfigurableHookIn(op, null);
            reachableDuring(op, () -> {
                product.run();
                return null;
            });
            profilingConfigurableHookOut(op, null, start);
            return new INDArray[] {op.getOutputArgument(0)};
        }
        ReusableOpContext context = contexts.get();
        if (context.inUse) {
            return super.exec(op);
        }
        boolean computedOutputs = false;
        if (op.numOutputArguments() == 0 && !op.isInplaceCall()) {
            List<LongShapeDescriptor> shapes;
            try {
                shapes = calculateOutputShape(op);
            } catch (ND4JIllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                // as ND4J's own executioner reports it, so that callers catching its exception type see the same
                throw new ND4JIllegalStateException("Op name " + op.opName() + " failed to execute. You can't execute"
                        + " non-inplace CustomOp without outputs being specified, and calculateOutputShape failed to"
                        + " execute", e);
            }
            if (shapes.isEmpty()) {
                throw new ND4JIllegalStateException("Op name " + op.opName()
                        + " failed to calculate output shape and data types.");
            }
            for (LongShapeDescriptor shape : shapes) {
                op.addOutputArgument(Nd4j.create(shape, false));
            }
            computedOutputs = true;
        }
        context.inUse = true;
        try {
            context.prepare(op, computedOutputs);
            INDArray[] result = exec(op, context);
            Pair<Long, Long> states = context.getRngStates();
            for (INDArray in : op.inputArguments()) {
                if (!in.isEmpty()) {
                    ((BaseCpuDataBuffer) in.data()).actualizePointerAndIndexer();
                }
            }
            for (INDArray out : op.outputArguments()) {
                if (!out.isEmpty()) {
                    ((BaseCpuDataBuffer) out.data()).actualizePointerAndIndexer();
                }
            }
            Nd4j.getRandom().setStates(states.getFirst(), states.getSecond());
            return result;
        } catch (ND4JOpProfilerException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("Op [" + op.opName() + "] execution failed", e);
        } finally {
            context.purge();
            context.inUse = false;
        }
    }

    /**
     * ND4J's CPU op context, filled anew for each op: arguments are copied by the native library
     * ({@code Context::setIArguments} and its siblings copy into vectors), so one growing pointer
     * per kind of argument serves every op, and an empty list clears the previous op's.
     */
    static final class ReusableOpContext extends CpuOpContext {
        private final NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        private LongPointer longs = new LongPointer(8);
        private DoublePointer doubles = new DoublePointer(8);
        private BooleanPointer booleans = new BooleanPointer(8);
        private IntPointer types = new IntPointer(8);
        boolean inUse;

        /** Fills the context for {@code op}; it is empty already (new, or purged after its last op). */
        void prepare(CustomOp op, boolean computedOutputs) {
            shapeFunctionOverride(computedOutputs);
            markInplace(op.isInplaceCall());
            setRngStates(Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState());
            setInputArrays(op.inputArguments());
            setOutputArrays(op.outputArguments());
            setBArguments(op.bArgs());
            setIArguments(op.iArgs());
            setTArguments(op.tArgs());
            setDArguments(op.dArgs());
        }

        private OpaqueContext pointer() {
            return (OpaqueContext) contextPointer();
        }

        @Override
        public void setIArguments(long... arguments) {
            fastpath_i.clear();
            for (long a : arguments) {
                fastpath_i.add(a);
            }
            if (longs.capacity() < arguments.length) {
                longs = new LongPointer(arguments.length);
            }
            longs.put(arguments);
            nativeOps.setGraphContextIArguments(pointer(), longs, arguments.length);
        }

        @Override
        public void setTArguments(double... arguments) {
            fastpath_t.clear();
            for (double a : arguments) {
                fastpath_t.add(a);
            }
            if (doubles.capacity() < arguments.length) {
                doubles = new DoublePointer(arguments.length);
            }
            doubles.put(arguments);
            nativeOps.setGraphContextTArguments(pointer(), doubles, arguments.length);
        }

        @Override
        public void setBArguments(boolean... arguments) {
            fastpath_b.clear();
            if (booleans.capacity() < arguments.length) {
                booleans = new BooleanPointer(arguments.length);
            }
            for (int i = 0; i < arguments.length; i++) {
                fastpath_b.add(arguments[i]);
                booleans.put(i, arguments[i]);
            }
            nativeOps.setGraphContextBArguments(pointer(), booleans, arguments.length);
        }

        @Override
        public void setDArguments(DataType... arguments) {
            fastpath_d.clear();
            if (types.capacity() < arguments.length) {
                types = new IntPointer(arguments.length);
            }
            for (int i = 0; i < arguments.length; i++) {
                fastpath_d.add(arguments[i]);
                types.put(i, arguments[i].toInt());
            }
            nativeOps.setGraphContextDArguments(pointer(), types, arguments.length);
        }
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
