package org.regstudy.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.regstudy.common.BadInputException;

class SpecLoaderTest {
    /** make_moons(100, 0.2, 0)[0][0, 0] with the numpy script in GeneratorsTest: repr -> -0.010944346213751538. */
    static final double SKLEARN_SEED0_X00 = -0.010944346213751538;

    static final String VALID = """
            name: moons
            data:
              generator: {kind: moons, n: 100, noise: 0.2, seed: 0}
              split: {trainCount: 30, validationCount: 70, shuffle: false}
            network:
              hidden:
                - {type: dense, units: 500, activation: relu}
              output: {activation: sigmoid, loss: xent}
              updater: {kind: adam, learningRate: 0.001}
            training: {epochs: 100, batchSize: 32, recordEvery: 10}
            penalty:
              kind: l2
              convention: keras
              layers: ["0"]
              strengths: [0, 0.001, 1]
            repeats: 3
            seed: 7
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validSpecBinds() throws Exception {
        StudySpec s = SpecLoader.load(write("s.yaml", VALID), List.of());
        assertEquals("moons", s.name());
        assertEquals(List.of(0.0, 0.001, 1.0), s.penalty().strengths());
        assertEquals(500, s.network().hidden().get(0).units());
        assertEquals(3, s.repeats());
    }

    @Test
    void samplerDefaultsToRegstudyAndSklearnDrawsTheMakeMoonsSample() throws Exception {
        StudySpec plain = SpecLoader.load(write("plain.yaml", VALID), List.of());
        assertEquals(null, plain.data().generator().sampler());
        var regstudy = SpecResolver.loadData(plain.data(), 7, "plain.yaml");
        assertEquals("generator=moons n=100 noise=0.2 seed=0", regstudy.fingerprint().description());
        StudySpec sk = SpecLoader.load(write("sk.yaml", VALID), List.of("data.generator.sampler=sklearn"));
        var sklearn = SpecResolver.loadData(sk.data(), 7, "sk.yaml");
        assertEquals("generator=moons sampler=sklearn n=100 noise=0.2 seed=0", sklearn.fingerprint().description());
        // np.random.RandomState(0) make_moons(100, noise=0.2) row 0 (see GeneratorsTest for the numpy script)
        assertEquals(SKLEARN_SEED0_X00, sklearn.features().getDouble(0, 0), 1e-6);
        // the job hash moves with the sampler; a spec without the field serializes (and hashes) without it
        assertFalse(SpecResolver.jobHash(plain, regstudy.fingerprint()).equals(SpecResolver.jobHash(sk, sklearn.fingerprint())));
        assertFalse(SpecLoader.json().writeValueAsString(plain).contains("sampler"));
        // without data.generator.seed the spec's seed feeds RandomState, so it must fit too
        Path big = write("big.yaml", VALID.replace("seed: 0}", "sampler: sklearn}").replace("seed: 7", "seed: 3000000000"));
        BadInputException e = assertThrows(BadInputException.class, () -> SpecLoader.load(big, List.of()));
        assertEquals(big + ": seed: data.generator.sampler sklearn (numpy RandomState) takes a seed in 0 .. 2147483647,"
                + " got 3000000000; set data.generator.seed", e.getMessage());
    }

    @Test
    void layersTakeIndicesAsNumbersOrTextAndAZeroGapRatioIsAllowed() throws Exception {
        // layers: [0, output] is the same as ["0", "output"]; gapRatio 0 calls any positive gap OVERFITTING
        StudySpec s = SpecLoader.load(write("s.yaml", VALID.replace("layers: [\"0\"]", "layers: [0, output]")
                + "diagnosis: {gapRatio: 0}\n"), List.of());
        assertEquals(List.of("0", "output"), s.penalty().layers());
        assertEquals(0.0, s.diagnosis().gapRatio());
    }

    @Test
    void columnsAreNamedOrIndexedAsNumbersOrText() throws Exception {
        String spec = VALID.replace("generator: {kind: moons, n: 100, noise: 0.2, seed: 0}", "file: data/iris.csv\n  label: 4");
        assertEquals("4", SpecLoader.parse(spec, "s.yaml", true).data().label());
        assertEquals("species", SpecLoader.parse(spec.replace("label: 4", "label: species"), "s.yaml", true).data().label());
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpecLoader.parse(spec.replace("label: 4", "label: [4]"), "s.yaml", true));
        assertTrue(e.getMessage().contains("data.label: expected a column name or 0-based index"), e.getMessage());
    }

    @Test
    void aKeyWrittenTwiceAndATextThatIsNotUtf8AreRefused() throws Exception {
        // "repeats" is line 16 of VALID; its second copy is line 17
        BadInputException dup = assertThrows(BadInputException.class, () -> SpecLoader.load(
                write("dup.yaml", VALID.replace("repeats: 3", "repeats: 3\nrepeats: 4")), List.of()));
        assertTrue(dup.getMessage().contains("dup.yaml:17:") && dup.getMessage().contains("Duplicate field 'repeats'"),
                dup.getMessage());
        BadInputException dupJson = assertThrows(BadInputException.class, () -> SpecLoader.load(
                write("dup.json", "{\"seed\": 1, \"seed\": 2}"), List.of()));
        assertTrue(dupJson.getMessage().contains("Duplicate field 'seed'"), dupJson.getMessage());
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertEquals(binary + ": not UTF-8 text; a spec is a YAML or JSON text file",
                assertThrows(BadInputException.class, () -> SpecLoader.load(binary, List.of())).getMessage());
    }

    @Test
    void overridesReplaceValuesAndListsBeforeValidation() throws Exception {
        StudySpec s = SpecLoader.load(write("s.yaml", VALID),
                List.of("training.epochs=5", "penalty.strengths=[0, 1e-3]", "network.hidden[0].units=8"));
        assertEquals(5, s.training().epochs());
        assertEquals(List.of(0.0, 1e-3), s.penalty().strengths());
        assertEquals(8, s.network().hidden().get(0).units());
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpecLoader.load(dir.resolve("s.yaml"), List.of("penalty.strengths[1]=-1")));
        assertEquals(dir.resolve("s.yaml") + " (after --set): penalty.strengths[1]: must be >= 0, got -1.0", e.getMessage());
    }

    @Test
    void anAliasGivenToSetIsRefused() throws Exception {
        // --set name=*foo was read as the text 'foo' (an alias of an anchor the value does not have)
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpecLoader.load(write("s.yaml", VALID), List.of("name=*foo")));
        assertEquals("--set name: value '*foo' is a YAML alias (*foo), which a spec does not support; write the value"
                + " out (quote it where text is meant)", e.getMessage());
        // quoted, it is text (here refused by the name rule, not taken as an alias)
        assertTrue(assertThrows(BadInputException.class, () -> SpecLoader.load(dir.resolve("s.yaml"), List.of("name='*foo'")))
                .getMessage().contains("name: must be 1-64 letters"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"training.epochs", "repeats", "seed", "concurrency",
        "data.split.shuffle", "penalty.l1Ratio"})
    void anEmptyOverrideOfANumberOrBooleanIsRefused(String field) throws Exception {
        // --set field= gives the empty text, which was read as null (the field's default) and ran
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpecLoader.load(write("s.yaml", VALID), List.of(field + "=")));
        assertTrue(e.getMessage().startsWith(dir.resolve("s.yaml") + " (after --set): " + field + ": expected "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(", got ''"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"seed=null", "training.epochs=~", "data.split=null"})
    void aNullOverrideIsRefused(String override) throws Exception {
        // --set seed=null bound as absent: the default seed ran
        String field = override.substring(0, override.indexOf('='));
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpecLoader.load(write("s.yaml", VALID), List.of(override)));
        assertEquals("--set " + field + ": value '" + override.substring(field.length() + 1) + "' is null (no value);"
                + " give one, or drop this --set for the spec's value", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // replaced text | replacement | expected message part (line:column counted in VALID: training is line 10, its value at column 20; repeats is line 16)
        "strengths: [0, 0.001, 1]|strengths: [0, 0.001, -1]|penalty.strengths[2]: must be >= 0, got -1.0",
        "kind: l2|kind: l3|penalty.kind: must be one of",
        "epochs: 100|epochs: 0|training.epochs: must be >= 1, got 0",
        "epochs: 100|epochs: many|:10:20: training.epochs: expected a whole number",
        "epochs: 100|epochs: 1.5|training.epochs: expected a whole number",
        "repeats: 3|repeatz: 3|:16:1: repeatz: unknown field",
        // a key that is also written elsewhere: located in its own mapping (line 9 is the updater, its
        // 'name' at column 46; line 4 the split, its 'seed' at column 64), not at the top-level name or seed
        "learningRate: 0.001}|learningRate: 0.001, name: adam}|:9:46: network.updater.name: unknown field",
        "shuffle: false}|shuffle: false, seed: 3}|:4:64: data.split.seed: unknown field",
        "activation: relu|activation: rlu|network.hidden[0].activation: unknown activation 'rlu'",
        "convention: keras|convention: tf|penalty.convention: must be one of",
        "learningRate: 0.001|learningRate: -0.001|network.updater.learningRate: must be a finite number > 0, got -0.001",
        "kind: moons|kind: spirals|data.generator.kind: must be one of",
        "seed: 0}|seed: 0, sampler: numpy}|data.generator.sampler: must be one of [regstudy, sklearn], got 'numpy'",
        "seed: 0}|seed: 0, samplr: sklearn}|data.generator.samplr: unknown field",
        "kind: moons, n: 100, noise: 0.2, seed: 0|kind: irrelevant, n: 100, seed: 0, sampler: sklearn"
                + "|data.generator.sampler: sklearn reproduces make_moons only; generator 'irrelevant' uses the regstudy sampler",
        "seed: 0}|seed: -1, sampler: sklearn}|data.generator.seed: the sklearn sampler (numpy RandomState) takes a seed in 0 .. 2147483647, got -1",
        "strengths: [0, 0.001, 1]|range: {max: 1, points: 3}|penalty.range.min: required",
        // an empty (or blank) string is not an absent number or boolean: it was read as null, the default
        "epochs: 100|epochs: \"\"|:10:20: training.epochs: expected a whole number, got ''",
        "epochs: 100|epochs: \" \"|training.epochs: expected a whole number, got ' '",
        "repeats: 3|repeats: \"\"|repeats: expected a whole number, got ''",
        "seed: 7|seed: \"\"|seed: expected a whole number, got ''",
        "learningRate: 0.001|learningRate: \"\"|network.updater.learningRate: expected a number, got ''",
        "shuffle: false|shuffle: \"\"|data.split.shuffle: expected true or false, got ''",
        // YAML 1.1 octal: 0100 was read as 64 (seed is line 17), 010 epochs as 8 (line 10, column 20)
        "seed: 7|seed: 0100|bad.yaml:17:7: 0100 has a leading zero, which YAML 1.1 reads as octal (64)",
        "epochs: 100|epochs: 010|bad.yaml:10:20: 010 has a leading zero",
        "strengths: [0, 0.001, 1]|strengths: [0, 0.001, 01]|01 has a leading zero",
        // penalty's "kind" is line 12; the tab is its first character
        "'  kind: l2'|'\tkind: l2'|bad.yaml:12:1: a tab in the indentation; YAML indents with spaces",
        // an alias repeating the first hidden layer (line 7) on line 8, its '*' at column 7: it used to
        // reach the binding as the text 'h' ("network.hidden[1]: expected a mapping (section) here");
        // quoted, as a CSV value holding a line break must be
        "- {type: dense, units: 500, activation: relu}|'- &h {type: dense, units: 500, activation: relu}\n    - *h'"
                + "|bad.yaml:8:7: YAML alias *h is not supported in a spec; write the value out in full",
        // a second document after the seed (line 17): it was "(top level): expected a mapping (section) here"
        "seed: 7|'seed: 7\n---\nseed: 8'|bad.yaml:18:1: a second YAML document; a spec is one document",
        // ... even when the second one is not valid YAML
        "seed: 7|'seed: 7\n---\nseed: ['|bad.yaml:18:1: a second YAML document; a spec is one document",
        // training's flow mapping (line 10, its brace at column 11) never closed: the next line was read into
        // it and reported as "training.recordEvery: expected a whole number here"; the parser stops at
        // penalty's ':' (line 11, column 8)
        "recordEvery: 10}|recordEvery: 10|bad.yaml:11:8: not valid YAML: while parsing a flow mapping (from line 10,"
                + " column 11): expected ',' or '}', but got :",
    })
    void badFieldsNameTheirPath(String from, String to, String expected) throws Exception {
        assertTrue(VALID.contains(from), from);
        Path p = write("bad.yaml", VALID.replace(from, to));
        BadInputException e = assertThrows(BadInputException.class, () -> SpecLoader.load(p, List.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void flowCollectionsNestedTooDeeplyAreRefusedBeforeAnyYamlParser() throws Exception {
        // 500,000 nested lists (1 MiB) took SnakeYAML's scanner over a minute; 65 levels are refused at the 65th '['
        // (line 1, column 7 + 64 = 71), and 64 are left to the binding (which says the name is not text)
        Path deep = write("deep.yaml", "name: " + "[".repeat(65) + "]".repeat(65) + "\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SpecLoader.load(deep, List.of()));
        assertEquals(deep + ":1:71: lists or mappings nested more than 64 levels deep; a spec needs a few", e.getMessage());
        Path ok = write("ok.yaml", "name: " + "[".repeat(64) + "]".repeat(64) + "\n");
        BadInputException binding = assertThrows(BadInputException.class, () -> SpecLoader.load(ok, List.of()));
        assertFalse(binding.getMessage().contains("nested more than"), binding.getMessage());
        // brackets in quotes and comments do not count
        Path quoted = write("quoted.yaml", VALID.replace("seed: 7", "seed: 7  # " + "[".repeat(80)));
        SpecLoader.load(quoted, List.of());
    }

    @Test
    void missingEmptyAndEscapingFilesAreRejected() throws Exception {
        assertTrue(assertThrows(BadInputException.class,
                () -> SpecLoader.load(dir.resolve("nope.yaml"), List.of())).getMessage().endsWith("spec file not found"));
        assertTrue(assertThrows(BadInputException.class,
                () -> SpecLoader.load(write("empty.yaml", "  \n"), List.of())).getMessage().endsWith("spec file is empty"));
        Path escaping = write("esc.yaml", VALID.replace("generator: {kind: moons, n: 100, noise: 0.2, seed: 0}",
                "file: ../../etc/passwd"));
        assertTrue(assertThrows(BadInputException.class, () -> SpecLoader.load(escaping, List.of()))
                .getMessage().contains("data.file: relative path '../../etc/passwd' leaves the working directory"));
        Path txt = write("spec.txt", VALID);
        assertTrue(assertThrows(BadInputException.class, () -> SpecLoader.load(txt, List.of()))
                .getMessage().contains("unknown spec format"));
    }
}
