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
        String fileSha = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(json)));
        assertTrue(fromJson.networkDescription().startsWith("2 layers from " + json + " (sha256 " + fileSha + "): "),
                fromJson.networkDescription());
        Study.Outcome b = Study.run(fromJson, tmp.resolve("b"), Study.Options.defaults());
        // the job's network is kept, without the file's L1 (the file itself carries it on both layers)
        String kept = Files.readString(tmp.resolve("b/network.json"));
        assertEquals(fromJson.configurationJson(), kept);
        assertEquals(PenaltyPlan.none(), NetworkFactory.readPlan(MultiLayerConfiguration.fromJson(kept)));
        assertNotEquals(PenaltyPlan.none(), NetworkFactory.readPlan(MultiLayerConfiguration.fromJson(Files.readString(json))));

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

        // the same network from the zip of a trained model (only its configuration.json is read), through
        // the CLI: its iteration and epoch counts must not carry over into the runs (Adam's bias correction
        // would start part-way and every number would differ). One epoch over iris's 75 training rows
        // (150 less 30 % validation and 20 % test) in minibatches of 16 is ceil(75 / 16) = 5 iterations.
        MultiLayerNetwork net = new MultiLayerNetwork(describedWithStrayPenalty());
        net.init();
        ResolvedStudy described = SpecResolver.resolve(spec(DESCRIBED), "described");
        net.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                Study.dataSet(described.data().split().train(), described).asList(), 16));
        assertEquals(5, net.getLayerWiseConfigurations().getIterationCount());
        assertEquals(1, net.getLayerWiseConfigurations().getEpochCount());
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
        ResolvedStudy edited = SpecResolver.resolve(spec(fileSpec), "edited");
        assertNotEquals(fromJson.jobHash(), edited.jobHash());
        org.regstudy.common.BadInputException refusedResume = org.junit.jupiter.api.Assertions.assertThrows(
                org.regstudy.common.BadInputException.class, () -> Study.run(edited, tmp.resolve("b"),
                        new Study.Options(true, ProgressListener.NONE, new java.util.concurrent.atomic.AtomicBoolean())));
        assertTrue(refusedResume.getMessage().contains("holds another job"), refusedResume.getMessage());
    }

    @Test
    void theShippedSpecTrainsTheSavedModelsNetworkAgainWithoutItsL2() throws Exception {
        // studies/digits-from-model.yaml, made small: 2 epochs, one strength, one repeat
        Path out = tmp.resolve("from-model");
        CliRun.Result r = CliRun.run("study", "studies/digits-from-model.yaml", "--out", out.toString(), "--no-report",
                "--set", "training.epochs=2", "--set", "penalty.strengths=[0.001]", "--set", "repeats=1",
                "--set", "keepModels=all", "--set", "concurrency=1");
        assertEquals(0, r.code(), r.err());
        String network = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .get("network").asText();
        assertTrue(network.startsWith("2 layers from models/digits-l2.zip (sha256 ")
                && network.contains("DenseLayer 64-64 relu, OutputLayer 64-10 softmax"), network);
        List<String> names = List.of("layer0", "output");
        // the saved model carries L2 0.01 on both layers' weights (models/README.md) ...
        assertEquals(PenaltyPlan.builder().defaults(new LayerPenalty(Penalty.l2(0.01), Penalty.none())).build().normalized(names),
                NetworkFactory.readPlan(Path.of("models/digits-l2.zip")).normalized(names));
        // ... the study's baseline none, its candidate the spec's 0.001 on every layer's weights
        assertEquals(PenaltyPlan.none().normalized(names), NetworkFactory.readPlan(out.resolve("runs/s00-r0.zip")).normalized(names));
        assertEquals(PenaltyPlan.builder().defaults(new LayerPenalty(Penalty.l2(0.001), Penalty.none())).build().normalized(names),
                NetworkFactory.readPlan(out.resolve("runs/s01-r0.zip")).normalized(names));
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

        // a model zip gets inspect's checks though only its configuration.json is read: a Java-serialized
        // preprocessor.bin (copied from models/digits-l2.zip, entry by entry, plus that one) is refused
        Path withPreprocessor = tmp.resolve("preprocessor.zip");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile("models/digits-l2.zip");
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(withPreprocessor))) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.zip.ZipEntry("preprocessor.bin"));
            out.write(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});
            out.closeEntry();
        }
        refused(fromFile(withPreprocessor), "network.configuration", "preprocessor.bin");

        // an "@class" outside DL4J's, ND4J's and RegStudy's packages: DL4J's Jackson would load and initialize it
        // (a JavaCPP preset's static initializer unpacks and loads a native library) before checking its type
        Path foreign = Files.writeString(tmp.resolve("foreign.json"), conf.toJson().replaceFirst(
                "\"org\\.nd4j\\.linalg\\.activations\\.impl\\.Activation[A-Za-z]+\"", "\"org.bytedeco.mkl.global.mkl_rt\""));
        refused(fromFile(foreign), "network.configuration", "\"@class\" 'org.bytedeco.mkl.global.mkl_rt' is not a DL4J,"
                + " ND4J or RegStudy class; refused for an untrusted configuration");
        // nesting beyond 1000 levels (DL4J's shaded Jackson has no limit: 50,000 levels overflowed the stack)
        Path deep = Files.writeString(tmp.resolve("deep.json"), "{\"confs\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
        refused(fromFile(deep), "network.configuration", "nesting depth (1001) exceeds the maximum allowed (1000");

        // 15 parameters, but each row repeated 2,000,000 times: 8e6 values a row, over iris' 150 rows with gradients
        // 8e6 * 150 * 2 * 4 bytes = 8.9 GiB of activations (10^7 repeats drove a study to 24 GB and the OOM killer)
        Path repeated = Files.writeString(tmp.resolve("repeat.json"), new org.deeplearning4j.nn.conf.NeuralNetConfiguration
                .Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.misc.RepeatVector.Builder().repetitionFactor(2_000_000).build())
                .layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build().toJson());
        refused(fromFile(repeated), "network.configuration", "one row's forward pass makes 8000007 values; over the"
                + " data's 150 rows, with a training step's gradients, that is about 8.9 GiB, more than the 4 GiB");

        // JSON of something else, and an empty layer list: DL4J's fromJson threw a NullPointerException on the first
        for (String noLayers : new String[] {"{\"foo\": 1}", "{\"confs\": []}"}) {
            Path p = Files.writeString(tmp.resolve("no-layers.json"), noLayers);
            refused(fromFile(p), "network.configuration",
                    "the file is not a DL4J MultiLayerConfiguration: it has no layers (no \"confs\" list)");
        }

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

    /** Iris-sized layers around {@code middle}: dense 4-6 named "hidden", {@code middle}, output 6-3 softmax. */
    private static MultiLayerConfiguration around(org.deeplearning4j.nn.conf.layers.Layer middle) {
        return new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().updater(new org.nd4j.linalg.learning.config.Adam(0.01))
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("hidden").nIn(4).nOut(6)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(middle)
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).name("out").nIn(6).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
    }

    /** A sequence regression on the generator's sine, around a Bidirectional LSTM (1 input, 3 units each way). */
    private Path bidirectional(String name, boolean innerPenalty) throws Exception {
        org.deeplearning4j.nn.conf.layers.LSTM.Builder lstm = new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(1).nOut(3);
        if (innerPenalty) {
            lstm.l2(0.1);
        }
        MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional(lstm.build()))
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).name("out").nIn(6).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(1, 5)).build();
        Path f = tmp.resolve(name);
        Files.writeString(f, conf.toJson());
        return f;
    }

    @Test
    void aWrapperLayerIsRefusedUnlessLeftOutAndNeverKeepsAPenaltyOfItsOwn() throws Exception {
        String sequence = """
                name: bidirectional
                data:
                  generator: {kind: sequence, length: 60, window: 5, seed: 3}
                  split: {validation: 0.25, test: 0.25, shuffle: false}
                network:
                  configuration: %s
                training: {epochs: 2, batchSize: 0, recordEvery: 1}
                penalty:
                  kind: l2
                  strengths: [0.01]
                """;
        Path plain = bidirectional("bi.json", false);
        // under "all layers" the Bidirectional's LSTM would go unpenalized, silently: refused
        refused(sequence.formatted(plain), "penalty.layers",
                "layer 0 'layer0' (Bidirectional) has parameters whose penalty RegStudy cannot set through it");
        // leaving it out by naming the output layer, or studying no penalty, is fine
        ResolvedStudy outOnly = SpecResolver.resolve(spec(sequence.formatted(plain) + "  layers: [out]\n"), "out");
        assertEquals(PenaltyPlan.builder().layer(1, new LayerPenalty(Penalty.l2(0.01), Penalty.none())).build()
                .normalized(List.of("layer0", "out")), outOnly.strengths().get(1).plan().normalized(List.of("layer0", "out")));
        SpecResolver.resolve(spec(sequence.formatted(plain).replace("kind: l2", "kind: none")), "none");
        // an L2 inside it could be neither replaced nor removed, and the baseline would carry it
        refused(sequence.formatted(bidirectional("bi-l2.json", true)).replace("kind: l2", "kind: none"),
                "network.configuration", "layer 0 'layer0' (Bidirectional) carries a penalty of its own");
    }

    @Test
    void layersWithoutWeightsAreLeftOutOfAllLayersAndEverythingElseIsCheckedByRunningTheNetwork() throws Exception {
        // an ActivationLayer in the middle: "all layers" (no penalty.layers) penalizes hidden and out only
        Path act = tmp.resolve("act.json");
        Files.writeString(act, around(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(org.nd4j.linalg.activations.Activation.TANH).name("act").build()).toJson());
        ResolvedStudy r = SpecResolver.resolve(spec(fromFile(act).replace("  layers: [0]\n", "")), "act");
        PenaltyPlan s01 = r.strengths().get(1).plan();
        List<String> names = List.of("hidden", "act", "out");
        assertEquals(PenaltyPlan.builder().layer(0, new LayerPenalty(Penalty.l2(0.001), Penalty.none()))
                .layer(2, new LayerPenalty(Penalty.l2(0.001), Penalty.none())).build().normalized(names), s01.normalized(names));
        assertTrue(r.networkDescription().contains("DenseLayer 4-6 relu, ActivationLayer tanh, OutputLayer 6-3 softmax"),
                r.networkDescription());
        // the Java API the same way: a uniform plan's default reaches hidden and out only
        MultiLayerConfiguration uniform = NetworkFactory.applyPlan(
                MultiLayerConfiguration.fromJson(Files.readString(act)), PenaltyPlan.uniform(Penalty.l2(0.001)));
        assertEquals(s01.normalized(names), NetworkFactory.readPlan(uniform).normalized(names));
        // ... and naming it is an error, as naming a DropoutLayer is
        refused(fromFile(act).replace("layers: [0]", "layers: [act]"), "penalty.layers[0]",
                "layer 1 'act' (ActivationLayer) has no parameters DL4J penalizes");
        Path drop = tmp.resolve("drop.json");
        Files.writeString(drop, around(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).name("drop").build()).toJson());
        refused(fromFile(drop).replace("layers: [0]", "layers: [0, 1]"), "penalty.layers[1]",
                "layer 1 'drop' (DropoutLayer) has no parameters DL4J penalizes");

        // DL4J never penalizes batch normalization's parameters: left out of "all layers", refused by name
        Path bn = tmp.resolve("bn.json");
        Files.writeString(bn, around(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().name("bn").build()).toJson());
        ResolvedStudy withBn = SpecResolver.resolve(spec(fromFile(bn).replace("  layers: [0]\n", "")), "bn");
        assertEquals(s01.normalized(names), withBn.strengths().get(1).plan().normalized(List.of("hidden", "bn", "out")));
        refused(fromFile(bn).replace("layers: [0]", "layers: [bn]"), "penalty.layers[0]",
                "layer 1 'bn' (BatchNormalization) has no parameters DL4J penalizes");

        // nor a frozen layer's, which it never updates
        Path frozen = tmp.resolve("frozen.json");
        Files.writeString(frozen, around(new org.deeplearning4j.nn.conf.layers.misc.FrozenLayer(
                new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(6).nOut(6).build())).toJson());
        ResolvedStudy withFrozen = SpecResolver.resolve(spec(fromFile(frozen).replace("  layers: [0]\n", "")), "frozen");
        assertEquals(s01.normalized(names), withFrozen.strengths().get(1).plan().normalized(List.of("hidden", "layer1", "out")));
        refused(fromFile(frozen).replace("layers: [0]", "layers: [1]"), "penalty.layers[0]",
                "layer 1 'layer1' (FrozenLayer) is frozen: DL4J neither updates nor penalizes its parameters");

        // a penalty on biases needs biases: a dense layer built without them is passed over, or refused by name
        Path noBias = tmp.resolve("no-bias.json");
        Files.writeString(noBias, around(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("nobias")
                .nIn(6).nOut(6).hasBias(false).build()).toJson());
        String biases = fromFile(noBias).replace("  layers: [0]\n", "  target: biases\n");
        ResolvedStudy onBiases = SpecResolver.resolve(spec(biases), "biases");
        assertEquals(PenaltyPlan.builder().layer(0, new LayerPenalty(Penalty.none(), Penalty.l2(0.001)))
                        .layer(2, new LayerPenalty(Penalty.none(), Penalty.l2(0.001))).build().normalized(List.of("hidden", "nobias", "out")),
                onBiases.strengths().get(1).plan().normalized(List.of("hidden", "nobias", "out")));
        refused(biases.replace("  target: biases\n", "  target: biases\n  layers: [nobias]\n"), "penalty.layers[0]",
                "layer 1 'nobias' (DenseLayer) has no biases DL4J penalizes");
        // ... while "both" puts its weight part there and drops the bias part, in the network and its plan
        ResolvedStudy onBoth = SpecResolver.resolve(spec(biases.replace("target: biases", "target: both")
                .replace("  target: both\n", "  target: both\n  layers: [nobias]\n")), "both");
        assertEquals(PenaltyPlan.builder().layer(1, new LayerPenalty(Penalty.l2(0.001), Penalty.none())).build(),
                onBoth.strengths().get(1).plan());

        // a FrozenLayerWithBackprop's updater still applies the penalty of the layer it wraps: refused
        Path frozenBackprop = tmp.resolve("frozen-backprop.json");
        Files.writeString(frozenBackprop, around(new org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop(
                new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(6).nOut(6).l2(0.5).build())).toJson());
        refused(fromFile(frozenBackprop), "network.configuration",
                "layer 1 'layer1' (FrozenLayerWithBackprop) carries a penalty of its own");

        // a middle layer of the wrong width (written so in the file: DL4J's builder would have set nIn 6)
        // passes every layer-by-layer check; running the network on a row of iris (4 features) finds it:
        // the dense layer after "hidden" (6 outputs) takes 5
        Path wrongWidth = tmp.resolve("wrong-width.json");
        MultiLayerConfiguration ww = around(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("middle")
                .nIn(6).nOut(6).build());
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) ww.getConf(1).getLayer()).setNIn(5);
        Files.writeString(wrongWidth, ww.toJson());
        refused(fromFile(wrongWidth), "network.configuration", "DL4J cannot run the network on a row of the data (4 features)");

        // one softmax output for two classes is always 1: a sigmoid is required (moons has two classes)
        Path softmaxOne = tmp.resolve("softmax-one.json");
        Files.writeString(softmaxOne, new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(2).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.XENT).nIn(4).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .validateOutputLayerConfig(false).build().toJson());
        refused(fromFile(softmaxOne).replace("file: data/iris.csv", "generator: {kind: moons, n: 60}"),
                "network.configuration", "has one output for two classes; that needs loss XENT and an activation other than softmax");

        // a graph is not a stack of layers
        Path graph = tmp.resolve("graph.json");
        Files.writeString(graph, new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(3).build(), "in")
                .setOutputs("out").build().toJson());
        refused(fromFile(graph), "network.configuration", "the file is a ComputationGraph configuration");

        // a layer whose name is another layer's index is ambiguous: "0" names layer 1 and is layer 0
        Path digits = tmp.resolve("digit-names.json");
        MultiLayerConfiguration dn = around(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("0").nIn(6).nOut(6).build());
        Files.writeString(digits, dn.toJson());
        refused(fromFile(digits), "penalty.layers[0]", "'0' is layer 0 by index but the name of layer 1");
    }
}
