package org.regstudy.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseShapeInfoProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.regstudy.cli.CliRun;

/**
 * RegStudy's ND4J settings: in effect in the test JVM as in the CLI; the shared shape buffers and
 * TAD descriptions are the ones ND4J would have made, shared only between equal keys; and a dense
 * and an LSTM study give the same numbers with and without RegStudy's ND4J classes (the reused op
 * context included; {@link CachingOpExecutionerTest} checks it op by op).
 */
class Nd4jSetupTest {

    /** ND4J's own provider, for the reference contents. */
    private static final class Plain extends BaseShapeInfoProvider {
        @Override
        public void purgeCache() {
            // nothing cached
        }
    }

    @TempDir
    Path tmp;

    @Test
    void theTestJvmRunsWithRegStudysNd4jSettings() {
        // surefire's argLine must carry Nd4jSetup.DEFAULTS: without them the speed-up silently disappears
        for (var e : Nd4jSetup.DEFAULTS.entrySet()) {
            assertEquals(e.getValue(), System.getProperty(e.getKey()), "pom.xml argLine: -D" + e.getKey());
        }
        assertTrue(CachedShapeInfoProvider.active(), "shapeinfoprovider not in effect");
        assertTrue(CachingOpExecutioner.active(), "opexec not in effect");
        assertEquals(CachedShapeInfoProvider.class.getName(), Nd4jSetup.DEFAULTS.get(CachedShapeInfoProvider.PROPERTY));
        assertEquals(CachingOpExecutioner.class.getName(), Nd4jSetup.DEFAULTS.get(CachingOpExecutioner.PROPERTY));
    }

    @Test
    void tadDescriptionsAreNd4jsAndSharedPerShapeAndDimensions() {
        CachingOpExecutioner cached = (CachingOpExecutioner) org.nd4j.linalg.factory.Nd4j.getExecutioner();
        org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner plain = new org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner();
        INDArray[] arrays = {Nd4j.rand(DataType.FLOAT, 30, 500), Nd4j.rand(DataType.FLOAT, 500, 30).transpose(),
            Nd4j.rand(DataType.DOUBLE, 4, 3, 20), Nd4j.rand(DataType.FLOAT, 8, 10).get(NDArrayIndex.interval(2, 6), NDArrayIndex.all())};
        int[][] dims = {{0}, {1}, {0, 1}};
        for (INDArray a : arrays) {
            for (int[] d : dims) {
                TadPack first = cached.tadShapeInfoAndOffsets(a, d);
                TadPack again = cached.tadShapeInfoAndOffsets(a, d.clone());
                TadPack reference = plain.tadShapeInfoAndOffsets(a, d);
                assertSame(first, again, "one description per (shape information, dimensions)");
                assertArrayEquals(reference.getTadShapeInfo().asLong(), first.getTadShapeInfo().asLong());
                assertArrayEquals(reference.getTadOffsets().asLong(), first.getTadOffsets().asLong());
            }
        }
        // another array with the same shape information shares the description; a transposed view has
        // other strides than a row-major array of the same shape: its own entry
        TadPack rowMajor = cached.tadShapeInfoAndOffsets(Nd4j.rand(DataType.FLOAT, 30, 500), new int[] {1});
        assertSame(rowMajor, cached.tadShapeInfoAndOffsets(Nd4j.zeros(DataType.FLOAT, 30, 500), new int[] {1}));
        TadPack transposed = cached.tadShapeInfoAndOffsets(Nd4j.rand(DataType.FLOAT, 500, 30).transpose(), new int[] {1});
        assertArrayEquals(new long[] {30, 500}, Nd4j.rand(DataType.FLOAT, 500, 30).transpose().shape());
        assertNotSame(rowMajor, transposed);
    }

    @Test
    void buffersHoldWhatNd4jWouldMakeAndAreSharedPerKey() {
        CachedShapeInfoProvider cached = new CachedShapeInfoProvider();
        Plain plain = new Plain();
        long[][] shapes = {{30, 2}, {2, 500}, {500, 1}, {1, 500}, {7}, {}, {4, 3, 20}, {0, 3}};
        for (long[] shape : shapes) {
            for (char order : new char[] {'c', 'f'}) {
                for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT64}) {
                    long[] stride = org.nd4j.linalg.factory.Nd4j.getStrides(shape, order);
                    boolean empty = shape.length > 0 && shape[0] == 0;
                    Pair<DataBuffer, long[]> a = cached.createShapeInformation(shape, stride, 1, order, dt, empty);
                    Pair<DataBuffer, long[]> b = cached.createShapeInformation(shape.clone(), stride.clone(), 1, order, dt, empty);
                    Pair<DataBuffer, long[]> ref = plain.createShapeInformation(shape, stride, 1, order, dt, empty);
                    assertArrayEquals(ref.getSecond(), a.getSecond());
                    assertArrayEquals(ref.getFirst().asLong(), a.getFirst().asLong());
                    assertSame(a.getFirst(), b.getFirst(), "one native buffer per key");
                    assertNotSame(a.getSecond(), b.getSecond(), "each array gets its own Java copy");
                }
            }
        }
        // 8 shapes x 2 orders x 3 types; a scalar's and a vector's c and f strides coincide but the
        // order is part of the key, so every combination is its own entry
        assertEquals(8 * 2 * 3, cached.size());
        long[] shape = {3, 4};
        DataBuffer c = cached.createShapeInformation(shape, new long[] {4, 1}, 1, 'c', DataType.FLOAT, false).getFirst();
        DataBuffer view = cached.createShapeInformation(shape, new long[] {8, 1}, 0, 'c', DataType.FLOAT, false).getFirst();
        assertTrue(c != view && c.getLong(3) == 4 && view.getLong(3) == 8, "a different stride is a different buffer");
    }

    @Test
    void aStudyGivesTheSameNumbersWithAndWithoutRegStudysNd4jClasses() throws Exception {
        String iris = Path.of("data/iris.csv").toAbsolutePath().toString().replace('\\', '/');
        sameNumbersWithNd4jsOwnClasses("dense", """
                name: shape-cache
                data: {file: %s, split: {validation: 0.3, test: 0.2}}
                network:
                  hidden: [{type: dense, units: 16, activation: relu}]
                training: {epochs: 40, batchSize: 16, recordEvery: 5}
                penalty: {kind: l2, strengths: [0.001, 0.1]}
                repeats: 2
                seed: 5
                keepModels: none
                """.formatted(iris));
        // an LSTM runs other custom ops through the reused op context (gates, their gradients, clipping)
        sameNumbersWithNd4jsOwnClasses("lstm", """
                name: shape-cache-lstm
                data:
                  generator: {kind: sequence, series: sine, length: 120, window: 10, noise: 0.3, seed: 3}
                  split: {validation: 0.25, test: 0.25, shuffle: false}
                  normalization: none
                network:
                  hidden: [{type: lstm, units: 8, activation: tanh}]
                  output: {activation: identity, loss: mse}
                  updater: {kind: adam, learningRate: 0.01}
                training: {epochs: 15, batchSize: 16, recordEvery: 5}
                penalty: {kind: l2, strengths: [0.01]}
                repeats: 1
                seed: 11
                concurrency: 2
                keepModels: none
                """);
    }

    /** Runs {@code yaml} in this JVM and in a child JVM with ND4J's own backend classes; the numbers must match. */
    private void sameNumbersWithNd4jsOwnClasses(String name, String yaml) throws Exception {
        Path spec = tmp.resolve(name + ".yaml");
        Files.writeString(spec, yaml);
        Path with = tmp.resolve(name + "-with");
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", with.toString(), "--no-report");
        assertEquals(0, r.code(), r.err());

        Path without = tmp.resolve(name + "-without");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // ND4J's own backend classes, given explicitly (Nd4jSetup keeps a value given on the command line)
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-Dshapeinfoprovider=org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider",
                "-Dopexec=org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner",
                "-cp", System.getProperty("java.class.path"), "org.regstudy.cli.Main", "study", spec.toString(),
                "--out", without.toString(), "--no-report"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(tmp.resolve(name + "-without.log").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(name + "-without.log")));

        assertEquals(Files.readString(without.resolve("epochs.csv")), Files.readString(with.resolve("epochs.csv")), name);
        assertEquals(org.regstudy.search.ResultFiles.withoutTimings(without.resolve("summary.json")),
                org.regstudy.search.ResultFiles.withoutTimings(with.resolve("summary.json")), name);
    }
}
