package org.regstudy.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.cli.CliRun;
import org.regstudy.common.BadInputException;

/** The real CLI in-process: good models, and every bad-input case of the issue (one line, exit 2). */
class InspectCommandTest {

    @TempDir
    static Path dir;
    static Path l1Model;
    static Path plainModel;

    @BeforeAll
    static void trainModels() throws IOException {
        l1Model = dir.resolve("iris-l1.zip");
        plainModel = dir.resolve("iris-none.zip");
        Fixtures.saveIris(l1Model, 0.05, 40);
        Fixtures.saveIris(plainModel, 0, 40);
    }


    static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    /** Runs inspect on a bad file: exit 2, nothing on stdout, one line on stderr containing {@code expected}. */
    static String assertBad(Path file, String expected, String... extraArgs) {
        String[] args = new String[2 + extraArgs.length];
        args[0] = "inspect";
        System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
        args[args.length - 1] = file.toString();
        CliRun.Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line expected: " + r.err());
        assertTrue(line.startsWith("regstudy: " + file), line);
        assertTrue(line.contains(expected), line);
        return line;
    }

    static Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    static Map<String, byte[]> dl4jLike() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (var zf = new java.util.zip.ZipFile(l1Model.toFile())) {
            m.put("configuration.json", zf.getInputStream(zf.getEntry("configuration.json")).readAllBytes());
            m.put("coefficients.bin", zf.getInputStream(zf.getEntry("coefficients.bin")).readAllBytes());
        }
        return m;
    }

    /** Sets the uncompressed size of {@code name} in the zip's central directory to {@code size}. */
    static void patchCentralSize(Path zip, String name, long size) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean done = false;
        for (int i = 0; i + 46 < b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                int nameLen = (b[i + 28] & 0xff) | (b[i + 29] & 0xff) << 8;
                if (nameLen == n.length && Arrays.equals(Arrays.copyOfRange(b, i + 46, i + 46 + nameLen), n)) {
                    for (int k = 0; k < 4; k++) {
                        b[i + 24 + k] = (byte) (size >>> (8 * k));
                    }
                    done = true;
                }
            }
        }
        assertTrue(done, "central entry " + name + " not found");
        Files.write(zip, b);
    }

    @Test
    void oneModelTable() {
        CliRun.Result r = run("inspect", l1Model.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("model: " + l1Model + " (MultiLayerNetwork, 67 parameters"), out);
        assertTrue(out.contains("normalizer: NormalizerStandardize(features: mean [1, 4], std [1, 4])"), out);
        for (String col : new String[] {"layer", "param", "shape", "regularization", "L1", "L2(F)", "max|w|",
            "spectral", "sparsity", "zeros", "penalty", "histogram"}) {
            assertTrue(out.contains(col), col);
        }
        assertTrue(out.contains("L1 0.05"), out);
        assertTrue(out.contains("L2 0.001 + WD 0.0001(xlr)"), out);
        assertTrue(out.contains("4x8"), out);
        assertFalse(out.contains("non-finite") || out.contains("warning"), "no non-finite column for finite weights: " + out);
        assertEquals("", r.err());
    }

    @Test
    void nonFiniteWeightsShownInTextJsonAndHtml() throws IOException {
        // layer 0 of this model has 2 non-finite of 32 weights (NaN, +Inf) and 1 of 8 biases (-Inf);
        // see Fixtures.saveNonFinite and ModelInspectorTest for the statistics of the 30 finite weights
        Path zip = dir.resolve("non-finite.zip");
        Fixtures.saveNonFinite(zip);
        Path html = dir.resolve("non-finite.html");
        CliRun.Result r = run("inspect", "--html", html.toString(), zip.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        String header = out.lines().filter(l -> l.startsWith("#")).findFirst().orElseThrow();
        int col = header.indexOf("non-finite");
        assertTrue(col > header.indexOf("zeros") && col < header.indexOf("penalty"), header);
        // the W row: 32 values, sparsity 2/30 = 6.667 %, 2 in the non-finite column (right-aligned under its header)
        String wRow = out.lines().filter(l -> l.startsWith("0 ") && l.contains("4x8")).findFirst().orElseThrow();
        assertTrue(wRow.contains("6.667%"), wRow);
        assertEquals("2", wRow.substring(col, col + "non-finite".length()).strip(), wRow);
        assertTrue(out.contains("warning: layer0 W has 2 of 32 values NaN or infinite; its L1, L2, max|w|, sparsity and"
                + " histogram cover the 30 finite values, and it has no spectral norm"), out);
        assertTrue(out.contains("warning: layer0 b has 1 of 8 values NaN or infinite; its L1, L2, max|w|, sparsity and"
                + " histogram cover the 7 finite values\n"), out);
        assertFalse(out.contains("warning: layer1"), out);

        // side by side with a finite model: a non-finite section, 2 against 0 for layer0 W (no ratio: one is 0)
        String cmp = run("inspect", zip.toString(), plainModel.toString()).out();
        String section = cmp.substring(cmp.indexOf("\nnon-finite values (NaN or infinite; left out of the statistics above)\n"));
        assertTrue(section.lines().anyMatch(l -> l.matches("0 layer0 W +2 +0 +-")), section);

        CliRun.Result j = run("inspect", "--json", zip.toString());
        assertEquals(0, j.code(), j.err());
        JsonNode layers = new ObjectMapper().readTree(j.out()).get("models").get(0).get("layers");
        assertEquals(2, layers.get(0).get("weights").get(0).get("nonFinite").asLong());
        assertEquals(1, layers.get(0).get("bias").get("nonFinite").asLong());
        assertEquals(0, layers.get(1).get("weights").get(0).get("nonFinite").asLong());
        assertEquals(30, sum(layers.get(0).get("weights").get(0).get("histogram").get("counts")));

        String page = Files.readString(html);
        int alert = page.indexOf("<section class=\"alerts\" role=\"alert\"><h4>NaN or infinite weights</h4>");
        assertTrue(alert > 0, page);
        assertTrue(page.indexOf("layer0 W has 2 of 32 values NaN or infinite", alert) > 0, page);
        assertTrue(page.contains("Histogram of the 30 finite values of layer0 W [4,8] (2 NaN or infinite left out)."), page);
    }

    private static long sum(JsonNode counts) {
        long s = 0;
        for (JsonNode c : counts) {
            s += c.asLong();
        }
        return s;
    }

    @Test
    void twoModelsSideBySide() {
        CliRun.Result r = run("inspect", l1Model.toString(), plainModel.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        int cmp = out.indexOf("comparison of 2 models");
        assertTrue(cmp > 0, out);
        String c = out.substring(cmp);
        // a column per model, a row per layer/param
        String header = c.lines().filter(l -> l.contains("iris-l1.zip") && l.contains("iris-none.zip")
                && l.contains("max/min")).findFirst().orElseThrow();
        assertTrue(header.indexOf("iris-l1.zip") < header.indexOf("iris-none.zip"));
        assertTrue(c.contains("L1 0.05 | L2 0.001"), c);
        assertTrue(c.contains("none | L2 0.001"), c);
        assertTrue(c.lines().anyMatch(l -> l.startsWith("0 layer0 W") || l.startsWith("0 0 W")), c);
        assertFalse(c.contains("non-finite"), "finite models have no non-finite section: " + c);
    }

    @Test
    void jsonDocument() throws IOException {
        CliRun.Result r = run("inspect", "--json", "--epsilon", "0.01", "--bins", "7", l1Model.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("regstudy-inspect", doc.get("schema").asText());
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertFalse(doc.get("sparsity").get("relative").asBoolean());
        JsonNode model = doc.get("models").get(0);
        assertEquals(1, model.get("schemaVersion").asInt());
        assertEquals(67, model.get("totalParameters").asLong());
        JsonNode layer0 = model.get("layers").get(0);
        assertEquals("L1", layer0.get("weightRegularization").get(0).get("kind").asText());
        assertEquals(0.05, layer0.get("weightRegularization").get(0).get("coefficient").asDouble(), 0.0);
        JsonNode w = layer0.get("weights").get(0);
        assertEquals("W", w.get("param").asText());
        assertEquals(0.01, w.get("epsilon").asDouble(), 0.0);
        assertEquals(7, w.get("histogram").get("counts").size());
        assertTrue(layer0.get("bias").get("spectralNorm").isNull(), "a vector's spectral norm is null");
        JsonNode wd = model.get("layers").get(1).get("weightRegularization").get(1);
        assertEquals("WEIGHT_DECAY", wd.get("kind").asText());
        assertTrue(wd.get("applyLearningRate").asBoolean());
    }

    @Test
    void badOptions() {
        assertEquals(2, run("inspect", "--epsilon", "0.1", "--relative-epsilon", "0.01", l1Model.toString()).code());
        assertEquals(2, run("inspect", "--bins", "0", l1Model.toString()).code());
        assertEquals(2, run("inspect", "--epsilon", "-1", l1Model.toString()).code());
        // the flag given is named (it said "epsilon" for both); a share of max |w| of 1 or more called every weight sparse
        var negative = run("inspect", "--relative-epsilon", "-1", l1Model.toString());
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--relative-epsilon must be in [0, 1)"), negative.err());
        var whole = run("inspect", "--relative-epsilon", "2", l1Model.toString());
        assertEquals(2, whole.code());
        assertTrue(whole.err().contains("--relative-epsilon must be in [0, 1) (a share of each array's max |w|), got 2.0"),
                whole.err());
        assertEquals(2, run("inspect").code());
    }

    @Test
    void notAZip() throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "these are not model weights\n");
        assertBad(p, "not a zip file");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] full = Files.readAllBytes(l1Model);
        Path p = dir.resolve("truncated.zip");
        Files.write(p, Arrays.copyOf(full, full.length / 2));
        assertBad(p, "truncated or corrupt zip");
    }

    @Test
    void zipWithoutConfiguration() throws IOException {
        Path p = zip("no-config.zip", Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertBad(p, "no configuration.json");
    }

    @Test
    void zipBombByDeclaredSize() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        m.put("big.bin", new byte[100]);
        Path p = zip("bomb-declared.zip", m);
        // 0x7fffffff = 2147483647 bytes declared, above the default 1 GiB per-entry limit
        patchCentralSize(p, "big.bin", 0x7fffffffL);
        assertBad(p, "entry 'big.bin' declares 2147483647 uncompressed bytes");
    }

    @Test
    void zipBombByActualSize() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        m.put("big.bin", new byte[3 << 20]); // 3 MiB of zeros deflate to a few KiB
        Path p = zip("bomb-actual.zip", m);
        patchCentralSize(p, "big.bin", 100); // the directory claims 100 bytes
        assertTrue(Files.size(p) < 100_000);
        assertBad(p, "entry 'big.bin' inflates to more than 1048576 bytes", "--max-uncompressed-mb", "1");
    }

    @Test
    void kerasH5() throws IOException {
        Path p = dir.resolve("model.h5");
        byte[] b = new byte[64];
        System.arraycopy(ModelZipValidator.HDF5_MAGIC, 0, b, 0, 8);
        Files.write(p, b);
        assertBad(p, "HDF5 / Keras .h5, not a DL4J zip");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = dir.resolve("empty.zip");
        Files.write(p, new byte[0]);
        assertBad(p, "empty file");
    }

    @Test
    void missingFile() {
        assertBad(dir.resolve("does-not-exist.zip"), "no such file");
    }

    @Test
    void pathEscapingEntryName() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        m.put("../../evil.sh", "echo owned".getBytes(StandardCharsets.UTF_8));
        assertBad(zip("escape.zip", m), "entry name '../../evil.sh' escapes the archive");
        Map<String, byte[]> abs = dl4jLike();
        abs.put("/etc/cron.d/x", new byte[1]);
        assertBad(zip("absolute.zip", abs), "escapes the archive");
    }

    @Test
    void aConfigurationNamingAForeignClassIsRefusedBeforeDl4jReadsIt() throws IOException {
        // DL4J's Jackson initializes the class an "@class" names before checking its type; an activation named
        // as a JavaCPP preset made inspect unpack and load MKL, then crash with an UnsatisfiedLinkError
        Map<String, byte[]> m = dl4jLike();
        m.put("configuration.json", ("{\"confs\": [{\"layer\": {\"@class\": \"org.deeplearning4j.nn.conf.layers.OutputLayer\","
                + " \"activationFn\": {\"@class\": \"org.bytedeco.mkl.global.mkl_rt\"}}}]}").getBytes(StandardCharsets.UTF_8));
        assertBad(zip("foreign.zip", m), "\"@class\" 'org.bytedeco.mkl.global.mkl_rt' is not a DL4J, ND4J or RegStudy class");
    }

    @Test
    void javaSerializedPreprocessorRefused() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        m.put("preprocessor.bin", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});
        assertBad(zip("preproc.zip", m), "preprocessor.bin");
    }

    @Test
    void tooManyEntriesAndNonDl4jJson() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        for (int i = 0; i < 5; i++) {
            m.put("extra" + i, new byte[1]);
        }
        Path p = zip("many.zip", m);
        var e = assertThrows(BadInputException.class,
                () -> ModelZipValidator.validate(p, new ModelZipValidator.Limits(1 << 20, 1 << 20, 1 << 20, 4)));
        assertTrue(e.getMessage().contains("more than 4 entries"), e.getMessage());
        ModelZipValidator.validate(p); // the defaults allow 100

        Map<String, byte[]> j = new LinkedHashMap<>();
        j.put("configuration.json", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8));
        j.put("coefficients.bin", new byte[4]);
        assertBad(zip("other-json.zip", j), "neither \"confs\"");
    }

    @Test
    void corruptCoefficientsReportedAsBadInput() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        m.put("coefficients.bin", "garbage".getBytes(StandardCharsets.UTF_8));
        assertBad(zip("garbage-params.zip", m), "coefficients.bin: truncated or malformed ND4J array header");
    }

    /** coefficients.bin as Nd4j.write lays it out: shape header and [rank, shape, stride, 0, 1, 'c'], data header, floats. */
    static byte[] coefficients(long[] shape, long declared, String type, float[] values) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(2L * shape.length + 4);
            out.writeUTF("LONG");
            out.writeLong(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            long stride = 1;
            long[] strides = new long[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = stride;
                stride *= shape[i];
            }
            for (long st : strides) {
                out.writeLong(st);
            }
            out.writeLong(8192); // extras as DL4J writes them for FLOAT
            out.writeLong(1);
            out.writeLong('c');
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(declared);
            out.writeUTF(type);
            for (float v : values) {
                out.writeFloat(v);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void coefficientHeadersCheckedBeforeNd4jAllocates() throws IOException {
        // the helper reproduces DL4J's own coefficients.bin byte for byte, so the crafted ones differ only where meant
        byte[] real = dl4jLike().get("coefficients.bin");
        var params = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(l1Model.toFile(), false).params();
        float[] values = params.toFloatVector();
        assertEquals(Arrays.toString(new long[] {67}), Arrays.toString(params.shape()));
        assertArrayEquals(real, coefficients(new long[] {67}, 67, "FLOAT", values));

        Map<String, byte[]> m = dl4jLike();
        m.put("coefficients.bin", coefficients(new long[] {67}, 1L << 31, "FLOAT", values));
        assertBad(zip("coef-len31.zip", m), "coefficients.bin: data header declares 2147483648 elements, but shape"
                + " [67] has 67");
        m.put("coefficients.bin", coefficients(new long[] {1L << 31}, 1L << 31, "FLOAT", values));
        assertBad(zip("coef-shape31.zip", m), "coefficients.bin: header declares 2147483648 FLOAT elements"
                + " (8589934592 bytes), but the entry holds 268 bytes after its headers");
        m.put("coefficients.bin", coefficients(new long[] {1L << 40}, 1L << 40, "FLOAT", values));
        assertBad(zip("coef-shape40.zip", m), "coefficients.bin: header declares 1099511627776 FLOAT elements");
        m.put("coefficients.bin", coefficients(new long[] {67}, 67, "UTF8", values));
        assertBad(zip("coef-type.zip", m), "coefficients.bin: data header has data type 'UTF8', expected one of");
        m.put("coefficients.bin", Arrays.copyOf(real, 40));
        assertBad(zip("coef-trunc.zip", m), "coefficients.bin: truncated or malformed ND4J array header");
        m.put("coefficients.bin", new byte[0]);
        assertBad(zip("coef-empty.zip", m), "coefficients.bin is empty");

        // the shape buffer's layout, which ND4J uses as it stands: offsets in `real` are writeUTF("MIXED_DATA_TYPES")
        // 18 bytes + length 8 + writeUTF("LONG") 6 = 32, then the longs rank (32), shape (40), stride (48),
        // extras (56), ews (64), order (72)
        m.put("coefficients.bin", patchLong(real, 48, 100_000));
        assertBad(zip("coef-stride.zip", m), "coefficients.bin: shape header's strides [100000], ews 1 and order 99"
                + " are not those of a dense array of shape [67]");
        m.put("coefficients.bin", patchLong(real, 72, 'x'));
        assertBad(zip("coef-order.zip", m), "are not those of a dense array of shape [67]");
        m.put("coefficients.bin", patchLong(real, 64, 2));
        assertBad(zip("coef-ews.zip", m), "ews 2");
        m.put("coefficients.bin", patchLong(real, 56, 0));
        assertBad(zip("coef-extras.zip", m), "coefficients.bin: shape header's options (0) do not describe a plain FLOAT array");
        m.put("coefficients.bin", coefficients(new long[] {0}, 0, "FLOAT", new float[0]));
        assertBad(zip("coef-zero.zip", m), "coefficients.bin: shape [0] has a size below 1");
        var old = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(old)) {
            out.writeUTF("DIRECT"); // ND4J reads a 4-byte length after DIRECT, HEAP and JAVACPP
            out.write(real, 18, real.length - 18);
        }
        m.put("coefficients.bin", old.toByteArray());
        assertBad(zip("coef-direct.zip", m), "coefficients.bin: shape header has allocation mode DIRECT, which DL4J"
                + " wrote before 1.0.0-beta");
    }

    private static byte[] patchLong(byte[] bytes, int offset, long value) {
        byte[] out = bytes.clone();
        java.nio.ByteBuffer.wrap(out).putLong(offset, value); // big-endian, as DataOutputStream writes
        return out;
    }

    @Test
    void configurationLimitedTo16MiBWhileInflating() throws IOException {
        Map<String, byte[]> m = dl4jLike();
        byte[] json = new byte[(16 << 20) + 10];
        Arrays.fill(json, (byte) ' ');
        json[0] = '{';
        byte[] tail = "\"confs\": []}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tail, 0, json, json.length - tail.length, tail.length);
        m.put("configuration.json", json);
        Path p = zip("big-config.zip", m);
        assertTrue(Files.size(p) < 100_000);
        assertBad(p, "configuration.json inflates to more than 16777216 bytes");
    }

    @Test
    void htmlOutputPathsCheckedBeforeAnythingIsWritten() throws IOException {
        Path copy = dir.resolve("html-target.zip");
        Files.copy(l1Model, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(copy);
        for (Path target : new Path[] {copy, dir.resolve(".").resolve("html-target.zip")}) {
            CliRun.Result r = run("inspect", copy.toString(), "--html", target.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("regstudy: --html " + target + ": is the input " + copy + "; refusing to overwrite it",
                    r.err().strip());
            assertEquals("", r.out());
        }
        assertArrayEquals(before, Files.readAllBytes(copy));

        Path afile = Files.writeString(dir.resolve("afile"), "x");
        CliRun.Result r = run("inspect", copy.toString(), "--html", afile.resolve("r.html").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("regstudy: --html " + afile.resolve("r.html") + ": " + afile + " is a file, not a directory",
                r.err().strip());
        r = run("inspect", copy.toString(), "--html", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("regstudy: --html " + dir + ": is a directory; give a file name", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void malformedEntriesGiveMessagesWithoutClassNames() throws IOException {
        Map<String, byte[]> d = new LinkedHashMap<>();
        d.put("sub/", new byte[0]); // as 'zip -r' stores a directory
        d.putAll(dljLikeCopy());
        String line = assertBad(zip("dirent.zip", d), "entry 'sub/' is a directory; a DL4J model zip holds files only");
        assertFalse(line.contains("Exception"), line);

        Map<String, byte[]> m = dljLikeCopy();
        m.put("configuration.json", "{\"confs\": 5}".getBytes(StandardCharsets.UTF_8));
        assertBad(zip("confs-int.zip", m), "configuration.json: \"confs\" must be a non-empty array");
        m.put("configuration.json", "{\"confs\": []}".getBytes(StandardCharsets.UTF_8));
        assertBad(zip("confs-empty.zip", m), "configuration.json: \"confs\" must be a non-empty array");

        Map<String, byte[]> n = dljLikeCopy();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("NORMALIZER");
            out.writeInt(1);
            out.writeUTF("STANDARDIZE");
            out.write(new byte[] {1, 2, 3});
        }
        n.put("normalizer.bin", bytes.toByteArray());
        line = assertBad(zip("bad-norm.zip", n), "normalizer.bin is truncated or malformed");
        assertFalse(line.contains("null"), line);
    }

    private static Map<String, byte[]> dljLikeCopy() throws IOException {
        return new LinkedHashMap<>(dl4jLike());
    }

    static OutputStream sink() {
        return OutputStream.nullOutputStream();
    }
}
