package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.cli.CliRun;
import org.regstudy.network.NetworkFactory;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.SpecResolver;

/**
 * A study of a DL4J configuration file ({@code network.configuration}, DL4J's JSON or a model
 * zip): the same numbers as the same network described in the spec, the file's own penalties
 * replaced by the study's plan, and a file that does not fit the data refused before training.
 */
class ConfigurationFileStudyTest {

    static final String DESCRIBED = """
            name: conf-file
            data:
              file: data/iris.csv
              split: {validation: 0.3, test: 0.2}
            network:
              hidden:
                - {type: dense, units: 6, activation: relu}
              updater: {kind: adam, learningRate: 0.01}
            training: {epochs: 4, batchSize: 16, recordEvery: 2}
            penalty:
              kind: l2
              layers: [0]
              strengths: [0.001, 0.1]
            repeats: 2
            keepModels: all
            """;

    @TempDir
    Path tmp;

    /** The described spec's network with an L1 penalty on every layer, which a study must not keep. */
    private MultiLayerConfiguration describedWithStrayPenalty() throws Exception {
        ResolvedStudy described = SpecResolver.resolve(spec(DESCRIBED), "described");
        PenaltyPlan stray = PenaltyPlan.builder().defaults(new LayerPenalty(Penalty.l1(0.5), Penalty.l1(0.5))).build();
        return NetworkFactory.configuration(described.network(), stray);
    }

    private org.regstudy.spec.StudySpec spec(String text) throws Exception {
        Path f = tmp.resolve("spec-" + Integer.toHexString(text.hashCode()) + ".yaml");
        Files.writeString(f, text);
        return SpecLoader.load(f, List.of());
    }

    private String fromFile(Path conf) {
        return DESCRIBED.replace("""
                  hidden:
                    - {type: dense, units: 6, activation: relu}
                  updater: {kind: adam, learningRate: 0.01}
                """, "  configuration: " + conf + "\n");
    }

    @Test
    void aConfigurationFileTrainsExactlyAsTheSameNetworkDescribed() throws Exception {
        Path json = tmp.resolve("net.json");
        Files.writeString(json, describedWithStrayPenalty().toJson());
        String fileSpec = fromFile(json);
        assertNotEquals(DESCRIBED, fileSpec, "the network section was replaced");

        Study.Outcome a = Study.run(SpecResolver.resolve(spec(DESCRIBED), "described"), tmp.resolve("a"),
                Study.Options.defaults());
        ResolvedStudy fromJson = SpecResolver.resolve(spec(fileSpec), "from-file");
        assertTrue(fromJson.networkDescription().startsWith("2 layers from " + json + " (sha256 "), fromJson.networkDescription());
        Study.Outcome b = Study.run(fromJson, tmp.resolve("b"), Study.Options.defaults());

        // 3 strengths (0, 0.001, 0.1) x 2 repeats, the same seeds (base seed + repeat): every record of
        // every run equal, which fails if the file's L1 stayed on, the plan missed a layer or a seed differed
        assertEquals(6, b.records().size());
        String epochsA = Files.readString(tmp.resolve("a/epochs.csv"));
        assertEquals(epochsA, Files.readString(tmp.resolve("b/epochs.csv")));
        assertEquals(1 + 6 * 2, epochsA.lines().count(), "header + 6 runs x 2 records (epochs 2 and 4)");

        // the baseline carries no penalty at all, s02 the study's L2 0.1 on layer 0's weights only
        assertEquals(PenaltyPlan.none().normalized(List.of("layer0", "output")),
                NetworkFactory.readPlan(tmp.resolve("b/runs/s00-r0.zip")).normalized(List.of("layer0", "output")));
        PenaltyPlan s02 = NetworkFactory.readPlan(tmp.resolve("b/runs/s02-r0.zip"));
        assertEquals(PenaltyPlan.builder().layer(0, new LayerPenalty(Penalty.l2(0.1), Penalty.none())).build()
                .normalized(List.of("layer0", "output")), s02.normalized(List.of("layer0", "output")));

        // the same network from a model zip (only its configuration.json is read), through the CLI
        MultiLayerNetwork net = new MultiLayerNetwork(describedWithStrayPenalty());
        net.init();
        Path zip = tmp.resolve("net.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Path zipSpec = tmp.resolve("zip.yaml");
        Files.writeString(zipSpec, fromFile(zip));
        CliRun.Result r = CliRun.run("study", zipSpec.toString(), "--out", tmp.resolve("c").toString(), "--no-report");
        assertEquals(0, r.code(), r.err());
        assertEquals(epochsA, Files.readString(tmp.resolve("c/epochs.csv")));

        // editing the file makes another job: the directory of the old one is refused for it
        MultiLayerConfiguration wider = describedWithStrayPenalty();
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) wider.getConf(0).getLayer()).setNOut(7);
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) wider.getConf(1).getLayer()).setNIn(7);
        Files.writeString(json, wider.toJson());
        assertNotEquals(fromJson.jobHash(), SpecResolver.resolve(spec(fileSpec), "edited").jobHash());
    }

    /** Runs {@code study SPEC} and checks exit 2, one line naming {@code field}, and no result directory. */
    private void refused(String specText, String field, String words) throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, specText);
        Path out = tmp.resolve("bad-out");
        CliRun.Result r = CliRun.run("study", spec.toString(), "--out", out.toString(), "--no-report");
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(field) && lines.get(0).contains(words), lines.get(0));
        assertFalse(lines.get(0).contains("org.nd4j") || lines.get(0).contains("Exception"), "no class names: " + lines.get(0));
        assertFalse(Files.exists(out), "nothing written for a refused spec");
    }

    @Test
    void aConfigurationThatDoesNotFitTheDataIsRefusedBeforeTraining() throws Exception {
        MultiLayerConfiguration conf = describedWithStrayPenalty();
        Path threeInputs = tmp.resolve("three-inputs.json");
        MultiLayerConfiguration c3 = conf.clone();
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c3.getConf(0).getLayer()).setNIn(3);
        Files.writeString(threeInputs, c3.toJson());
        refused(fromFile(threeInputs), "network.configuration", "layer 0 'layer0' takes 3 inputs but the data have 4 features");

        Path twoOutputs = tmp.resolve("two-outputs.json");
        MultiLayerConfiguration c2 = conf.clone();
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c2.getConf(1).getLayer()).setNOut(2);
        Files.writeString(twoOutputs, c2.toJson());
        refused(fromFile(twoOutputs), "network.configuration", "has 2 outputs but the data have 3 classes");

        Path notJson = tmp.resolve("not.json");
        Files.writeString(notJson, "{\"confs\": 3}");
        // the parser's message with its place, not its class names: "confs" must be a list, and its value 3 is column 11
        refused(fromFile(notJson), "network.configuration", "the file (line 1, column 11) is not a DL4J MultiLayerConfiguration: Cannot deserialize");

        Path good = tmp.resolve("good.json");
        Files.writeString(good, conf.toJson());
        refused(fromFile(good).replace("  configuration: ", "  updater: {kind: sgd}\n  configuration: "),
                "network.updater", "set by the file network.configuration names");
        refused(fromFile(good).replace("layers: [0]", "layers: [2]"), "penalty.layers[0]", "layer 2 does not exist");
        refused(fromFile(good).replace("  strengths: [0.001, 0.1]\n", "") + """
                search:
                  method: grid
                  strengthRange: {min: 0.001, max: 0.1}
                """, "network.configuration", "a configuration file is for studies");
    }
}
