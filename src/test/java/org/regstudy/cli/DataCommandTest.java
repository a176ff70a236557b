package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.data.CsvLoader;
import org.regstudy.data.CsvOptions;
import org.regstudy.data.Dataset;
import org.regstudy.data.DatasetSummary;
import org.regstudy.data.Generators;
import org.regstudy.data.Sampler;

/** Runs the real CLI in-process with captured stdout/stderr. */
class DataCommandTest {

    static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void describeBreastCancerShowsTheScaleSpread() {
        CliRun.Result r = run("data", "describe", "data/breast_cancer.csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rows: 569"));
        assertTrue(r.out().contains("features: 30"));
        assertTrue(r.out().matches("(?s).*\\n  0 +212 .*\\n  1 +357 .*"), r.out());
        // area_worst (std ~569) is the widest feature, fractal_dimension_se (std ~0.0026) the narrowest
        Matcher m = Pattern.compile("scale spread: ([0-9.e+]+) \\(largest std area_worst / smallest nonzero std fractal_dimension_se\\)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        double shown = Double.parseDouble(m.group(1));
        Dataset d = CsvLoader.load(Path.of("data/breast_cancer.csv"), CsvOptions.defaults());
        double stdArea = d.features().getColumn(23).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).stdNumber(false).doubleValue();
        double stdFd = d.features().getColumn(19).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).stdNumber(false).doubleValue();
        assertEquals(stdArea / stdFd, shown, 1e-4 * shown);
        assertTrue(shown > 1e5, "breast_cancer's features span five orders of magnitude: " + shown);
        assertTrue(r.out().contains("fingerprint: sha256=e52145ba5e530a368072df572b34a088a09e062064fd03c5440d29f33f57c0a3"));
        assertEquals(r.out(), DatasetSummary.of(d).toText());
    }

    /**
     * A regression target gets its own statistics (there are no classes to count): iris' sepal length
     * as the target, min 4.3 and max 7.9 (read off the file), mean 876.5 / 150 = 5.84333 (the column's
     * sum), population std 0.825301.
     */
    @Test
    void describeARegressionTargetGivesItsStatistics() {
        CliRun.Result r = run("data", "describe", "data/iris.csv", "--regression", "--label", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("task: REGRESSION\ntarget: min 4.30000, mean 5.84333, max 7.90000, std 0.825301\n"
                .replace("\n", System.lineSeparator())), r.out());
        assertFalse(r.out().contains("classes:"), r.out());
    }

    @Test
    void describeMalformedFileExits2WithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,label\n1,2,0\n3,oops,1\n");
        CliRun.Result r = run("data", "describe", bad.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("regstudy: " + bad + ":3:3: not a number for feature 'b': 'oops'" + System.lineSeparator(), r.err());
        CliRun.Result missing = run("data", "describe", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().lines().count());
    }

    @Test
    void describeWithLabelAndHeaderOptions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "0,1.5,2\n1,2.5,3\n0,3.5,4\n");
        CliRun.Result r = run("data", "describe", f.toString(), "--label", "0", "--no-header");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rows: 3"), r.out());
        assertTrue(r.out().contains("features: 2"), r.out());
        CliRun.Result conflict = run("data", "describe", f.toString(), "--label", "kind", "--no-header");
        assertEquals(2, conflict.code());
    }

    @Test
    void generateWritesAtomicallyAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("moons.csv");
        CliRun.Result r = run("data", "generate", "moons", "--n", "40", "--noise", "0.15", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset back = CsvLoader.load(out, CsvOptions.defaults());
        Dataset gen = Generators.moons(40, 0.15, 3);
        assertEquals(gen.features(), back.features());
        assertEquals(gen.labels(), back.labels());
        CliRun.Result again = run("data", "generate", "moons", "--seed", "4", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(gen.features(), CsvLoader.load(out, CsvOptions.defaults()).features());
        CliRun.Result forced = run("data", "generate", "moons", "--seed", "4", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(100, CsvLoader.load(out, CsvOptions.defaults()).size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left");
        }

        // --force never replaces a file of a result directory (one that holds job.json): a study's
        // summary.json stays as it was
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("job.json"), "{}");
        Files.writeString(results.resolve("summary.json"), "{\"kind\": \"study\"}");
        CliRun.Result intoResults = run("data", "generate", "moons", "--seed", "4", "--out",
                results.resolve("summary.json").toString(), "--force");
        assertEquals(2, intoResults.code(), intoResults.err());
        assertTrue(intoResults.err().contains("is a file of the result directory"), intoResults.err());
        assertEquals("{\"kind\": \"study\"}", Files.readString(results.resolve("summary.json")));
    }

    @Test
    void generateMoonsWithTheSklearnSampler(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sk.csv");
        CliRun.Result r = run("data", "generate", "moons", "--sampler", "sklearn", "--seed", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("generator=moons sampler=sklearn n=100 noise=0.2 seed=1"), r.out());
        Dataset back = CsvLoader.load(out, CsvOptions.defaults());
        assertEquals(Generators.moons(100, 0.2, 1, Sampler.SKLEARN).features(), back.features());
        // make_moons(100, noise=0.2, random_state=1)[0][0] = [1.366982377748571, -0.23541583828163382]
        assertEquals(1.366982377748571, back.features().getDouble(0, 0), 1e-6);
        assertEquals(-0.23541583828163382, back.features().getDouble(0, 1), 1e-6);
        CliRun.Result wrongKind = run("data", "generate", "sequence", "--sampler", "sklearn", "--seed", "1", "--out",
                dir.resolve("s.csv").toString());
        assertEquals(2, wrongKind.code());
        assertEquals("regstudy: --sampler: sklearn reproduces make_moons only; generator 'sequence' uses the regstudy sampler",
                wrongKind.err().strip());
    }

    @Test
    void generateIrrelevantAndSequenceAndBadArguments(@TempDir Path dir) throws Exception {
        Path irr = dir.resolve("irr.csv");
        assertEquals(0, run("data", "generate", "irrelevant", "--n", "20", "--relevant", "2", "--irrelevant", "5", "--seed", "1",
                "--out", irr.toString()).code());
        assertEquals(7, CsvLoader.load(irr, CsvOptions.defaults()).numFeatures());
        Path seq = dir.resolve("seq.csv");
        assertEquals(0, run("data", "generate", "sequence", "--kind", "ar", "--length", "30", "--seed", "1", "--out", seq.toString()).code());
        // header "x" plus 30 values
        assertEquals(31, Files.readAllLines(seq).size());
        for (String[] args : new String[][] {
            {"data", "generate", "spirals", "--seed", "1", "--out", dir.resolve("a.csv").toString()},
            {"data", "generate", "moons", "--n", "2", "--seed", "1", "--out", dir.resolve("b.csv").toString()},
            {"data", "generate", "moons", "--relevant", "2", "--seed", "1", "--out", dir.resolve("c.csv").toString()},
            {"data", "generate", "sequence", "--kind", "walk", "--seed", "1", "--out", dir.resolve("d.csv").toString()},
            {"data", "generate", "moons", "--out", dir.resolve("e.csv").toString()},
            {"data", "generate", "moons", "--sampler", "numpy", "--seed", "1", "--out", dir.resolve("f.csv").toString()},
            {"data", "generate", "irrelevant", "--sampler", "sklearn", "--seed", "1", "--out", dir.resolve("g.csv").toString()},
            {"data", "generate", "moons", "--sampler", "sklearn", "--seed", "-1", "--out", dir.resolve("h.csv").toString()},
            // 2 x 2147483647 values, over Generators.MAX_VALUES (10^8); it ran out of memory before
            {"data", "generate", "moons", "--n", "2147483647", "--seed", "1", "--out", dir.resolve("i.csv").toString()},
            {"data", "generate", "irrelevant", "--n", "10", "--relevant", "2000000000", "--irrelevant", "2000000000",
                "--seed", "1", "--out", dir.resolve("j.csv").toString()},
            {"data", "generate", "sequence", "--length", "2147483647", "--seed", "1", "--out", dir.resolve("k.csv").toString()},
            // noise 1e300 wrote Infinity (the values become float32)
            {"data", "generate", "moons", "--n", "5", "--noise", "1e300", "--seed", "1", "--out", dir.resolve("l.csv").toString()},
            {"data", "generate", "moons", "--seed", "1", "--out", irr + "/m.csv"},
            {"data", "generate", "moons", "--seed", "1", "--out", dir.toString()},
            {"data", "describe", irr.toString(), "--label", ""},
        }) {
            CliRun.Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("internal error"), r.err());
        }
        CliRun.Result intoDirectory = run("data", "generate", "moons", "--seed", "1", "--out", dir.toString());
        assertEquals("regstudy: --out " + dir + ": is a directory; give a file name", intoDirectory.err().strip());
        for (String f : new String[] {"i.csv", "j.csv", "k.csv", "l.csv"}) {
            assertFalse(Files.exists(dir.resolve(f)), "nothing written: " + f);
        }
    }

    @Test
    void aLabelNamingTwoColumnsIsRefused(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("dup.csv"), "a,a,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        CliRun.Result r = run("data", "describe", csv.toString(), "--label", "a");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("regstudy: " + csv + ":1:1: the label 'a' names two columns of the header (index 0 and 1);"
                + " give the label's index instead"), r.err().lines().toList());
        assertEquals(0, run("data", "describe", csv.toString(), "--label", "2").code(), "by index it is fine");
    }
}
