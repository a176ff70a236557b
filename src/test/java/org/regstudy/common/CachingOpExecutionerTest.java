package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reused op context of {@link CachingOpExecutioner}: every custom op gives what ND4J's own
 * executioner gives, whatever op ran before it in the same context (more or fewer inputs and
 * arguments of each kind, a failing op), on several threads at once, and no context is built per op.
 */
class CachingOpExecutionerTest {
    /** ND4J's own executioner, made after ND4J has loaded its backend (its native holder needs it). */
    private static NativeOpExecutioner plain() {
        Nd4j.getExecutioner();
        return new NativeOpExecutioner();
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    /**
     * Ops chosen so that a leftover of the previous op changes the result: matmul with transpose flags
     * (integer arguments) and then without (a kept flag would transpose), clip with two float
     * arguments, a sum along a dimension with a boolean keep-dimensions argument then without, an op
     * with three inputs after ones with two, and a cast with a data-type argument.
     */
    private static List<Supplier<CustomOp>> ops() {
        INDArray a = rand(1, 4, 3);
        INDArray b = rand(2, 5, 4);
        INDArray c = rand(3, 3, 3);
        INDArray d = rand(4, 3, 3);
        INDArray x = rand(5, 6, 7).subi(0.5);
        return List.of(
                () -> DynamicCustomOp.builder("matmul").addInputs(a, b).addIntegerArguments(1, 1).build(),
                () -> DynamicCustomOp.builder("matmul").addInputs(c, d).build(),
                () -> DynamicCustomOp.builder("clipbyvalue").addInputs(x).addFloatingPointArguments(-0.2, 0.3).build(),
                () -> DynamicCustomOp.builder("reduce_sum").addInputs(x).addIntegerArguments(1)
                        .addBooleanArguments(true).build(),
                () -> DynamicCustomOp.builder("reduce_sum").addInputs(x).addIntegerArguments(0).build(),
                () -> DynamicCustomOp.builder("add").addInputs(c, d).build(),
                () -> DynamicCustomOp.builder("select").addInputs(c.gt(0.5), c, d).build(),
                () -> new org.nd4j.linalg.api.ops.impl.transforms.dtype.Cast(x, DataType.DOUBLE),
                () -> DynamicCustomOp.builder("relu").addInputs(x).addFloatingPointArguments(0.0).build());
    }

    @Test
    void everyOpGivesNd4jsResultWhateverRanBeforeInTheSameContext() {
        assertTrue(CachingOpExecutioner.active(), "the test JVM runs with RegStudy's executioner (pom.xml argLine)");
        NativeOpExecutioner plain = plain();
        List<Supplier<CustomOp>> ops = ops();
        // forwards, backwards and interleaved, so each op follows several different ones
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            order.add(i);
        }
        for (int i = ops.size() - 1; i >= 0; i--) {
            order.add(i);
        }
        for (int i = 0; i < ops.size(); i += 2) {
            order.add(i);
        }
        for (int i : order) {
            INDArray[] expected = plain.exec(ops.get(i).get());
            INDArray[] actual = Nd4j.getExecutioner().exec(ops.get(i).get());
            assertEquals(expected.length, actual.length);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], "op " + i + " output " + k);
            }
        }
    }

    @Test
    void aFailingOpLeavesNothingForTheNext() {
        INDArray a = rand(1, 4, 3);
        INDArray b = rand(2, 5, 4);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Nd4j.getExecutioner().exec(
                DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(Nd4j.create(DataType.FLOAT, 4, 4))
                        .addIntegerArguments(0, 0).build()));
        assertTrue(e.getMessage().contains("matmul"), e.getMessage());
        INDArray c = rand(3, 3, 3);
        INDArray d = rand(4, 3, 3);
        assertEquals(plain().exec(DynamicCustomOp.builder("matmul").addInputs(c, d).build())[0],
                Nd4j.getExecutioner().exec(DynamicCustomOp.builder("matmul").addInputs(c, d).build())[0]);
    }

    @Test
    void anOpWhoseOutputShapeCannotBeComputedFailsAsInNd4j() {
        // matmul of 4x3 by 5x4 without outputs: the shape calculation fails; ND4J's executioner throws its
        // ND4JIllegalStateException, which RegStudy's let through as a plain RuntimeException
        INDArray a = rand(1, 4, 3);
        INDArray b = rand(2, 5, 4);
        Class<? extends Throwable> expected = assertThrows(RuntimeException.class,
                () -> plain().exec(DynamicCustomOp.builder("matmul").addInputs(a, b).build())).getClass();
        RuntimeException ours = assertThrows(RuntimeException.class,
                () -> Nd4j.getExecutioner().exec(DynamicCustomOp.builder("matmul").addInputs(a, b).build()));
        assertEquals(expected, ours.getClass(), ours.toString());
    }

    @Test
    void threadsUseTheirOwnContexts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = 10 + t;
                results.add(pool.submit(() -> {
                    INDArray a = rand(seed, 8, 5);
                    INDArray b = rand(seed + 100, 5, 8);
                    INDArray expected = a.castTo(DataType.DOUBLE).mmul(b.castTo(DataType.DOUBLE));
                    for (int i = 0; i < 2000; i++) {
                        // alternate with an op of other arguments so a shared context would mix them up
                        INDArray product = Nd4j.getExecutioner().exec(DynamicCustomOp.builder("matmul")
                                .addInputs(a, b).build())[0];
                        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("matmul").addInputs(b, a)
                                .addIntegerArguments(1, 1).build());
                        if (!product.castTo(DataType.DOUBLE).equalsWithEps(expected, 1e-5)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noContextIsRegisteredPerOp() {
        INDArray a = rand(1, 4, 3);
        INDArray b = rand(2, 3, 5);
        INDArray out = Nd4j.create(DataType.FLOAT, 4, 5);
        CustomOp op = DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(out).build();
        Nd4j.getExecutioner().exec(op);
        long before = Nd4j.getDeallocatorService().nextValue();
        for (int i = 0; i < 1000; i++) {
            Nd4j.getExecutioner().exec(op);
        }
        // ND4J numbers every registered object (buffer or context) from this counter; its own
        // executioner registers a new context per op (1000 here), the reused context none, and the
        // op's arrays exist already
        long registered = Nd4j.getDeallocatorService().nextValue() - before - 1;
        assertTrue(registered < 10, "objects registered for 1000 ops: " + registered);
        assertEquals(a.mmul(b), out);
    }
}
