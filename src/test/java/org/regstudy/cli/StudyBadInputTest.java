package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad specs given to {@code regstudy study} and {@code regstudy search}: exit 2, one line on stderr
 * naming the field's path, and no result directory (nothing half-written): the out directory is
 * not created, and an existing empty one stays empty.
 */
class StudyBadInputTest {

    static final String GOOD = """
            name: bad-input
            data:
              file: data/iris.csv
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 4, activation: relu}
              updater: {kind: adam, learningRate: 0.01}
            training: {epochs: 2, batchSize: 0, recordEvery: 1}
            penalty:
              kind: l2
              strengths: [0.001, 0.01]
            """;

    static final String SEARCH = """
            search:
              method: grid
              strengthRange: {min: 0.001, max: 0.1}
              gridPoints: 2
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "study|unknown field|training: {epochs: 2, batchSize: 0, recordEvery: 1}|training: {epochs: 2, epochz: 3}|training.epochz",
        "study|negative strength|strengths: [0.001, 0.01]|strengths: [0.001, -1]|penalty.strengths[1]",
        "study|missing data file|file: data/iris.csv|file: data/no-such-file.csv|data.file",
        // the name is the default result directory results/<name>: ../esc wrote outside results/, '' into it
        "study|a name that leaves results/|name: bad-input|name: ../esc|name: must be 1-64 letters",
        "study|an empty name|name: bad-input|name: \"\"|name: must be 1-64 letters",
        "study|the name ..|name: bad-input|name: \"..\"|name: must be 1-64 letters",
        "search|a name with a slash|name: bad-input|name: a/b|name: must be 1-64 letters",
        "search|unknown field|training: {epochs: 2, batchSize: 0, recordEvery: 1}|training: {epochs: 2, epochz: 3}|training.epochz",
        "search|negative range|strengthRange: {min: 0.001, max: 0.1}|strengthRange: {min: -0.001, max: 0.1}|search.strengthRange.min",
        "search|missing data file|file: data/iris.csv|file: data/no-such-file.csv|data.file",
        "search|k-fold|split: {validation: 0.3, test: 0.2}|split: {folds: 3, test: 0.2}|data.split.folds",
        "study|a field of another generator|file: data/iris.csv|generator: {kind: moons, n: 100, window: 5}|data.generator.window",
        "study|a CSV field with a generator|file: data/iris.csv|generator: {kind: moons}NL  label: y|data.label",
        "study|a layer that is neither index nor name|strengths: [0.001, 0.01]|strengths: [0.001, 0.01]NL  layers: [true]|penalty.layers[0]: expected a layer index (0, 1, ...) or name, got true",
        "study|a label that is a list|file: data/iris.csv|file: data/iris.csvNL  label: [1]|data.label: expected a column name or 0-based index, got a list",
        "study|a label that is a fraction|file: data/iris.csv|file: data/iris.csvNL  label: 1.5|data.label: expected a column name or 0-based index, got 1.5",
        "study|a layer listed twice|strengths: [0.001, 0.01]|strengths: [0.001, 0.01]NL  layers: [0, layer0]|penalty.layers[1]: layer 0 'layer0' is listed twice",
        "study|layerScale of an unknown layer|strengths: [0.001, 0.01]|strengths: [0.001, 0.01]NL  layerScale: {layr0: 10}|penalty.layerScale.layr0",
        // 0.001 of iris' 150 rows rounds to no validation row (it was a NullPointerException)
        "study|a validation part of no rows|split: {validation: 0.3, test: 0.2}|split: {validation: 0.001, test: 0.2}|data.split: spec leaves no validation rows",
        "study|a dense layer after an LSTM one|- {type: dense, units: 4, activation: relu}|- {type: lstm, units: 4}NL    - {type: dense, units: 4}|network.hidden[1].type: dense in a recurrent network",
        "study|a sequence for a generator|file: data/iris.csv|generator: {kind: moons}NL  sequence: {window: 5}|data.sequence: applies to data.file",
        "study|a sequence of windows and groups|file: data/iris.csv|file: data/iris.csvNL  sequence: {window: 5, group: species}|data.sequence: give window",
        "study|windows for classification|file: data/iris.csv|file: data/iris.csvNL  task: classificationNL  sequence: {window: 5}|data.task: windows predict the next value",
        "study|a window of one step|file: data/iris.csv|file: data/iris.csvNL  sequence: {window: 1}|data.sequence.window: must be >= 2",
        "study|weight decay in the Keras convention|kind: l2|kind: weight-decayNL  convention: keras|penalty.convention: keras has no weight-decay regularizer",
        // DL4J builds these configurations but cannot initialize or train them: every run would fail
        // DL4J's builder refuses these (it was exit 1, "internal error: DL4JInvalidConfigException")
        "study|an output activation the loss cannot take|updater: {kind: adam, learningRate: 0.01}|updater: {kind: adam, learningRate: 0.01}NL  output: {activation: relu, loss: mcxent}|network.output: DL4J refuses the network: Invalid output layer configuration",
        "search|an output activation the loss cannot take|updater: {kind: adam, learningRate: 0.01}|updater: {kind: adam, learningRate: 0.01}NL  output: {activation: identity, loss: xent}|network.output: DL4J refuses the network: Invalid output layer configuration",
        "study|a weight init the layers cannot take|updater: {kind: adam, learningRate: 0.01}|updater: {kind: adam, learningRate: 0.01}NL  weightInit: identity|network: DL4J cannot run the network on a row of the data (4 features): Cannot use IDENTITY init",
        "study|a loss that wants other labels|updater: {kind: adam, learningRate: 0.01}|updater: {kind: adam, learningRate: 0.01}NL  output: {loss: sparse_mcxent}|network: DL4J cannot train the network on a row of the data",
        // one shared strength: 400000 grid points are 400000 candidates, over the 100000 a search runs
        "search|a grid too large|gridPoints: 2|gridPoints: 400000|search.gridPoints: 400000 points per searched value make a grid of 400000 candidates",
        // two per-layer strengths (the hidden and the output layer): 100000^2 candidates, more than Arbiter counts
        "search|a grid beyond Arbiter's count|gridPoints: 2|gridPoints: 100000NL  strengths: per-layer|make a grid of more than 2147483647 candidates",
        "search|points on a search range|strengthRange: {min: 0.001, max: 0.1}|strengthRange: {min: 0.001, max: 0.1, points: 4}|search.strengthRange.points: not used by a search",
        "search|grid points in a random search|method: grid|method: random|search.gridPoints: applies to method grid only, not random",
        "search|a zero-width range|strengthRange: {min: 0.001, max: 0.1}|strengthRange: {min: 0.01, max: 0.01}|search.strengthRange.max: equals min",
        "search|penalty strengths in a search|kind: l2|kind: l2NL  strengths: [0.1]|penalty.strengths: a search takes its strengths from search.strengthRange",
        // kind none with the block's strengthRange: the range is refused first, then the kind (nothing else varies)
        "search|no penalty and nothing else to vary|kind: l2|kind: none|search.strengthRange: not used with penalty.kind none (nothing is penalized); remove it (and 1 more problem; --verbose lists them)",
        "search|no widths|gridPoints: 2|gridPoints: 2NL  units: []|search.units: must list at least one width",
        // network.hidden[].units is capped at 100000; a search width was not (10^8 got the JVM killed)
        "search|a width too large|gridPoints: 2|gridPoints: 2NL  units: [100000000]|search.units[0]: must be <= 100000, got 100000000",
        "search|weight decay in the Keras convention|kind: l2|kind: weight-decayNL  convention: keras|penalty.convention: keras has no weight-decay regularizer",
        // these were exit 1 (an IllegalArgumentException from CsvOptions, NetworkSpec or the plan's summed strength)
        "study|an empty label|file: data/iris.csv|file: data/iris.csvNL  label: \"\"|data.label: must be a column name or a 0-based index",
        "study|a blank label|file: data/iris.csv|file: data/iris.csvNL  label: \" \"|data.label: must be a column name or a 0-based index",
        "study|a label name without a header|file: data/iris.csv|file: data/iris.csvNL  label: sepal_lengthNL  header: absent|data.label: 'sepal_length' is a column name, but with data.header absent",
        "study|a layer named output|- {type: dense, units: 4, activation: relu}|- {units: 4, name: output}|network.hidden[0].name: 'output' is the output layer's name",
        "study|a layer named as another's default|- {type: dense, units: 4, activation: relu}|- {units: 4, name: layer1}NL    - {units: 4}|network.hidden[0].name: 'layer1' is the default name of network.hidden[1]",
        "search|two layers of one name|- {type: dense, units: 4, activation: relu}|- {units: 4, name: a}NL    - {units: 4, name: a}|network.hidden[1].name: layer name 'a' is already network.hidden[0]'s",
        "study|a strength that overflows|strengths: [0.001, 0.01]|strengths: [0.001, 1e308]|penalty.strengths[1]: must be <= 1000000, got 1.0E308",
        "study|a layer scale that overflows|strengths: [0.001, 0.01]|strengths: [0.001, 0.01]NL  layerScale: {layer0: 1e308}|penalty.layerScale.layer0: must be <= 1000000",
        // one candidate per distinct strength: these were merged without a word
        // 4*15000 + 15000 + 15000*15000 + 15000 + 15000*3 + 3 = 225,135,003 parameters: accepted, then 2.5 minutes an epoch
        "study|a network too large|- {type: dense, units: 4, activation: relu}|- {units: 15000}NL    - {units: 15000}|network.hidden: the network has 225135003 parameters, more than the 200000000 RegStudy trains",
        "study|a strength listed twice|strengths: [0.001, 0.01]|strengths: [0.001, 0.01, 0.001]|penalty.strengths[2]: 0.001 is listed twice (also penalty.strengths[0])",
        "study|a range of one value|strengths: [0.001, 0.01]|range: {min: 0.01, max: 0.01, points: 3}|penalty.range.max: equals min (0.01): 3 points would all be one strength",
        "study|a strength range that overflows|strengths: [0.001, 0.01]|range: {min: 0.001, max: 1e308, points: 3}|penalty.range.max: must be <= 1000000",
        "search|a search range that overflows|strengthRange: {min: 0.001, max: 0.1}|strengthRange: {min: 0.001, max: 1e308}|search.strengthRange.max: must be <= 1000000",
        // a field of another updater or penalty kind was accepted and had no effect
        "study|momentum with adam|updater: {kind: adam, learningRate: 0.01}|updater: {kind: adam, learningRate: 0.01, momentum: 0.5}|network.updater.momentum: applies to updater kind nesterovs only, not adam",
        "study|momentum with the default updater|updater: {kind: adam, learningRate: 0.01}|updater: {learningRate: 0.01, momentum: 0.5}|network.updater.momentum: applies to updater kind nesterovs only, not adam",
        "study|momentum with sgd|updater: {kind: adam, learningRate: 0.01}|updater: {kind: sgd, learningRate: 0.01, momentum: 0.5}|network.updater.momentum: applies to updater kind nesterovs only, not sgd",
        "search|weight decay with sgd|updater: {kind: adam, learningRate: 0.01}|updater: {kind: sgd, learningRate: 0.01, weightDecay: 0.1}|network.updater.weightDecay: applies to updater kind adamw only, not sgd",
        "study|l1Ratio with l2|kind: l2|kind: l2NL  l1Ratio: 0.3|penalty.l1Ratio: applies to penalty kind elastic-net only, not l2",
        "search|applyLearningRate with l2|kind: l2|kind: l2NL  applyLearningRate: false|penalty.applyLearningRate: applies to penalty kind weight-decay only, not l2",
        // iris is sorted by class: its first 30 rows are all class 0 (L_0 = 0 crashed the job with exit 1)
        "study|a training part of one class|split: {validation: 0.3, test: 0.2}|split: {trainCount: 30, validationCount: 70, shuffle: false}|data.split: the training part: all 30 rows are of class '0'",
        "search|a training part of one class|split: {validation: 0.3, test: 0.2}|split: {trainCount: 30, validationCount: 70, shuffle: false}|data.split: the training part: all 30 rows are of class '0'",
        // in file order iris' training part holds classes 0 and 1 only: test accuracy 0 on class 2 was the result
        "study|a class missing from the training part|split: {validation: 0.3, test: 0.2}|split: {validation: 0.2, test: 0.2, shuffle: false}|data.split: the training part: no row of class '2'",
        "study|a constant regression target|split: {validation: 0.3, test: 0.2}|split: {trainCount: 30, validationCount: 70, shuffle: false}NL  task: regression|data.split: the training part: the target is constant",
        // (110 training rows in file order hold all three classes; the first round(0.25 * 110) = 28 are class 0)
        // a key with no value bound as absent and ran with the default (seed 42, 100 epochs)
        "study|a bare key|name: bad-input|name: bad-inputNLseed:|2:6: seed: no value (empty or null)",
        "study|a null epochs|training: {epochs: 2, batchSize: 0, recordEvery: 1}|training: {epochs: ~, batchSize: 0}|training.epochs: no value",
        "search|a null list element|gridPoints: 2|gridPoints: 2NL  units: [4, null]|search.units[1]: no value",
        "study|a learning-curve part of one class|split: {validation: 0.3, test: 0.2}|split: {trainCount: 110, validationCount: 40, shuffle: false}NLlearningCurve: {fractions: [0.25, 1]}|learningCurve.fractions[0]: its first 28 training rows: all 28 rows are of class '0'",
    })
    void badSpecExitsWith2NamingTheFieldAndCreatesNoResultDirectory(String command, String what, String from, String to,
                                                                     String field) throws Exception {
        // NL in a row stands for a line break (CsvSource reads a real one as the end of the row)
        String text = GOOD.replace(from, to.replace("NL", "\n"));
        if (command.equals("search")) {
            text = text.replace("  strengths: [0.001, 0.01]\n", "") + SEARCH.replace(from, to.replace("NL", "\n"));
        }
        assertFalse(text.equals(GOOD), "the replacement applied");
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, text);
        Path out = tmp.resolve("out");
        CliRun.Result r = CliRun.run(command, spec.toString(), "--out", out.toString(), "--no-report");
        assertEquals(2, r.code(), what + ": " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        // the file first, then the field (the grid's size, checked on Arbiter's space, named the field only)
        assertTrue(lines.get(0).startsWith("regstudy: " + spec), lines.get(0));
        assertTrue(lines.get(0).contains(field), "names " + field + ": " + lines.get(0));
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "no result directory for a bad spec");

        // an existing empty --out stays empty
        Files.createDirectories(out);
        CliRun.Result again = CliRun.run(command, spec.toString(), "--out", out.toString(), "--no-report");
        assertEquals(2, again.code(), again.err());
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(0, entries.count(), "nothing written into " + out);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "not a result directory|results|{dir}|not a RegStudy result directory (no job.json)",
        "unknown sort key|results|{dir} --sort loss|--sort: expected val-loss, metric or gap, got 'loss'",
        "top below 1|results|{dir} --top 0|--top: must be >= 1, got 0",
        "study spec given to search|search|{spec}|the spec has no search: block",
        "missing spec file|study|{dir}/nope.yaml|spec file not found",
        "results of a missing directory|results|{dir}/nope|nope: no such directory",
        "results of a file|results|{file}|afile: not a directory",
        "--out under a file|study|{spec} --out {file}/sub --no-report|cannot create the result directory (Not a directory",
        "empty --out|study|{spec} --out  --no-report|result directory: empty path",
        // checked when the spec is resolved (after SpecLoader): still named as the spec with its overrides
        "a --set the resolver refuses|study|{spec} --set penalty.kind=l1 --set penalty.convention=pytorch --no-report|good.yaml (after --set): penalty: PyTorch optimizers have no L1",
    })
    void otherBadCommandLinesExitWith2AndOneLine(String what, String command, String args, String message) throws Exception {
        Path spec = tmp.resolve("good.yaml");
        Files.writeString(spec, GOOD);
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(tmp.resolve("afile"), "not a directory");
        List<String> argv = new java.util.ArrayList<>(List.of(command));
        for (String a : args.split(" ", -1)) { // "--out  --no-report": an empty argument
            argv.add(a.replace("{dir}", tmp.resolve("empty").toString()).replace("{spec}", spec.toString())
                    .replace("{file}", tmp.resolve("afile").toString()));
        }
        CliRun.Result r = CliRun.run(argv.toArray(String[]::new));
        assertEquals(2, r.code(), what + ": " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).contains(message), what + ": " + lines.get(0));
    }

    /**
     * A feature of order 1e20: DL4J's standardizer squares it in float32 (1e40 > 3.4e38), so its
     * standard deviation would be infinite and every scaled value NaN. Refused before anything is
     * written, naming the column (the check itself: NormalizationTest).
     */
    @Test
    void aClassTooRareForTheTrainingPartIsNamedAsTheCause() throws Exception {
        // iris' 50 rows of class 0 and 1 row of class 1: the stratified, shuffled split (the default) cannot give the
        // training part a row of class 1; the advice was "shuffle or stratify the split"
        List<String> iris = Files.readAllLines(Path.of("data/iris.csv"));
        Path data = tmp.resolve("rare.csv");
        Files.write(data, iris.subList(0, 52));
        Path spec = tmp.resolve("rare.yaml");
        Files.writeString(spec, GOOD.replace("file: data/iris.csv", "file: \"" + data + "\""));
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", tmp.resolve("rare-out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().endsWith("training needs at least 2 classes (class '1' has only 1 row in the data, too"
                + " few for the training part to get one: give more rows of it, or drop them)"), r.err());
    }

    @Test
    void aClassSeenOnlyAtLaterStepsOfHeldOutSequencesIsRefused() throws Exception {
        // 10 groups of 2 steps; class c only at the second step of groups 8 and 9, which file order puts in
        // the test part. Classes were counted at each sequence's first step, so this trained to the end
        StringBuilder csv = new StringBuilder("g,v,label\n");
        for (int g = 0; g < 10; g++) {
            csv.append(g).append(',').append(0.1 * g).append(',').append(g % 2 == 0 ? "a" : "b").append('\n');
            csv.append(g).append(',').append(0.1 * g + 0.05).append(',').append(g >= 8 ? "c" : g % 2 == 0 ? "b" : "a")
                    .append('\n');
        }
        Path data = Files.writeString(tmp.resolve("groups.csv"), csv);
        Path spec = Files.writeString(tmp.resolve("groups.yaml"), """
                data:
                  file: "%s"
                  label: label
                  sequence: {group: g}
                  split: {trainCount: 6, validationCount: 2, testCount: 2, shuffle: false}
                network:
                  hidden:
                    - {type: lstm, units: 4}
                training: {epochs: 2, batchSize: 0, recordEvery: 1}
                penalty: {kind: l2, strengths: [0.01]}
                """.formatted(data));
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", tmp.resolve("groups-out").toString());
        assertEquals(2, r.code(), r.err());
        // groups 0-5 train, 6-7 validation, 8-9 test: both steps of class c are in the test part
        assertTrue(r.err().contains("data.split: the training part: no row of class 'c' (0 in the validation part, 2 in"
                + " the test part)"), r.err());
    }

    @Test
    void verboseListsEveryProblemTheSpecCheckFound() throws Exception {
        Path spec = tmp.resolve("three.yaml");
        Files.writeString(spec, GOOD.replace("strengths: [0.001, 0.01]", "strengths: [-1, 0.01]")
                .replace("epochs: 2,", "epochs: 0,").replace("name: bad-input", "name: ../x"));
        CliRun.Result plain = CliRun.run("study", spec.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, plain.code());
        assertEquals(1, plain.err().lines().count(), plain.err());
        assertTrue(plain.err().strip().endsWith("(and 2 more problems; --verbose lists them)"), plain.err());
        CliRun.Result verbose = CliRun.run("--verbose", "study", spec.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, verbose.code());
        List<String> also = verbose.err().lines().filter(l -> l.startsWith("regstudy: also: " + spec + ": ")).toList();
        assertEquals(2, also.size(), verbose.err());
        String all = plain.err() + String.join("\n", also);
        for (String field : List.of("name:", "training.epochs:", "penalty.strengths[0]:")) {
            assertTrue(all.contains(field), field + " in " + all);
        }
    }

    @Test
    void aRelativePathIsJudgedByWhereItReallyLeads() throws Exception {
        // a symbolic link inside the working directory (the project root, where the tests run) to a file
        // outside it was followed although its name stays inside; '..' that comes back inside is fine
        Path outside = Files.copy(Path.of("data/iris.csv"), tmp.resolve("iris-outside.csv"));
        Path link = Path.of("target", "regstudy-test-link-" + ProcessHandle.current().pid() + ".csv");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside.toAbsolutePath());
        try {
            Path spec = tmp.resolve("link.yaml");
            Files.writeString(spec, GOOD.replace("file: data/iris.csv", "file: " + link));
            CliRun.Result r = CliRun.run("study", spec.toString(), "--out", tmp.resolve("link-out").toString(), "--no-report");
            assertEquals(2, r.code(), r.err());
            assertEquals("regstudy: " + spec + ": data.file: relative path '" + link + "' leaves the working directory"
                    + " (it resolves to " + outside.toRealPath() + "); use an absolute path", r.err().strip());
            Files.writeString(spec, GOOD.replace("file: data/iris.csv", "file: data/../data/iris.csv"));
            CliRun.Result back = CliRun.run("study", spec.toString(), "--out", tmp.resolve("back-out").toString(), "--no-report");
            assertEquals(0, back.code(), back.err());
        } finally {
            Files.deleteIfExists(link);
        }
    }

    @Test
    void aFeatureWhoseStandardizingOverflowsIsRefusedByName() throws Exception {
        StringBuilder csv = new StringBuilder("mass,size,y\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(i).append("e20,").append(i % 7).append(',').append(i % 2).append('\n');
        }
        Path data = tmp.resolve("big.csv");
        Files.writeString(data, csv);
        Path spec = tmp.resolve("big.yaml");
        Files.writeString(spec, GOOD.replace("file: data/iris.csv", "file: \"" + data + "\""));
        Path out = tmp.resolve("big-out");
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).contains("feature 'mass': standardizing it overflows float32"), lines.get(0));
        assertFalse(Files.exists(out), "no result directory");
    }

    /**
     * A weight-decay study on AdamW: AdamW's own decay (0.01 by default) stood on the strength-0
     * baseline and was replaced by each candidate's, so the "unregularized" baseline had more decay
     * than a 0.001 candidate. Refused; with weightDecay: 0 the spec runs as on Adam.
     */
    @Test
    void weightDecayStrengthsOnAdamWsOwnDecayAreRefused() throws Exception {
        String text = GOOD.replace("updater: {kind: adam, learningRate: 0.01}", "updater: {kind: adamw, learningRate: 0.01}")
                .replace("kind: l2", "kind: weight-decay");
        Path spec = tmp.resolve("adamw.yaml");
        Files.writeString(spec, text);
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", tmp.resolve("adamw-out").toString(), "--no-report");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("network.updater.weightDecay: with penalty.kind weight-decay the strengths are the decay"),
                r.err());
        assertFalse(Files.exists(tmp.resolve("adamw-out")));
        var resolved = org.regstudy.spec.SpecResolver.resolve(org.regstudy.spec.SpecLoader.parse(
                text.replace("kind: adamw, learningRate: 0.01", "kind: adamw, learningRate: 0.01, weightDecay: 0"),
                "adamw.yaml", true), "adamw.yaml");
        // the baseline first, penalizing nothing (AdamW with decay 0 is Adam), then the decay strengths
        assertEquals(List.of(0.0, 0.001, 0.01), resolved.strengths().stream().map(p -> p.strength()).toList());
        var names = resolved.network().layerNames();
        assertEquals(org.regstudy.penalty.PenaltyPlan.none().normalized(names), org.regstudy.network.NetworkFactory
                .effectivePlan(resolved.network(), resolved.strengths().get(0).plan()).normalized(names));
    }

    /**
     * Not bad input, but a resume that cannot do what it asks: the first finish pruned every zip
     * (keepModels: none), so keepModels: all on resume brings none back (the runs are stored, not
     * trained again). Said on stderr; the job still finishes with exit 0.
     */
    @Test
    void resumingWithAKeepModelsThatKeepsMoreSaysThePrunedModelsAreGone() throws Exception {
        Path spec = tmp.resolve("keep.yaml");
        Files.writeString(spec, GOOD);
        Path out = tmp.resolve("keep-out");
        assertEquals(0, CliRun.run("study", spec.toString(), "--out", out.toString(), "--no-report", "--set", "keepModels=none").code());
        CliRun.Result again = CliRun.run("study", spec.toString(), "--out", out.toString(), "--no-report", "--resume",
                "--set", "keepModels=all");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("keepModels all: this job finished before with keepModels none, whose pruned model"
                + " zips are gone; their runs are not trained again"), again.err());
        try (Stream<Path> files = Files.list(out.resolve("runs"))) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".zip")).count());
        }
    }

    @Test
    void twoClassesWithXentGetOneSigmoidOutputAndSoftmaxThereIsRefused() throws Exception {
        String twoClasses = GOOD.replace("file: data/iris.csv", "file: data/breast_cancer.csv")
                .replace("updater: {kind: adam, learningRate: 0.01}",
                        "updater: {kind: adam, learningRate: 0.01}\n  output: {loss: xent}");
        var resolved = org.regstudy.spec.SpecResolver.resolve(
                org.regstudy.spec.SpecLoader.parse(twoClasses, "x.yaml", true), "x.yaml");
        assertEquals(1, resolved.network().output().units());
        assertEquals("SIGMOID", resolved.network().output().activation().toUpperCase(java.util.Locale.ROOT));

        Path spec = tmp.resolve("softmax.yaml");
        Files.writeString(spec, twoClasses.replace("output: {loss: xent}", "output: {activation: softmax, loss: xent}"));
        Path out = tmp.resolve("softmax-out");
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("network.output.activation: softmax over a single output"), r.err());
        assertFalse(Files.exists(out));
    }
}
