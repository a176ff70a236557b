package org.regstudy.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.regstudy.cli.Main;
import org.regstudy.penalty.ProximalL1Regularization;

/**
 * The model fixtures shipped in {@code models/} (made by {@code models/make-models.sh} from the
 * {@code studies/models-digits-*.yaml} specs): each loads with plain DL4J {@code ModelSerializer}
 * (the proximal one needs {@link ProximalL1Regularization} on the class path), has its JSON
 * sidecar, and the weights show what each penalty does.
 */
class ShippedModelsTest {

    static final Path MODELS = Path.of("models");
    static final List<String> DIGITS = List.of("digits-none", "digits-l1", "digits-l1-proximal", "digits-l2");
    static final List<String> ALL = List.of("digits-none", "digits-l1", "digits-l1-proximal", "digits-l2",
            "digits-0-4-pretrained");

    /** Whole-model numbers over the weight matrices (W) of all layers. */
    record Totals(double l2, double sparsity, long exactZeros) {
    }

    static final Map<String, Totals> TOTALS = new LinkedHashMap<>();

    @BeforeAll
    static void inspectAll() {
        for (String name : DIGITS) {
            ModelInspection m = ModelInspector.inspect(MODELS.resolve(name + ".zip"), SparsityThreshold.defaults(), 20);
            double sumSquares = 0;
            double sparse = 0;
            long count = 0;
            long zeros = 0;
            for (LayerInspection layer : m.layers()) {
                for (WeightStats w : layer.weights()) {
                    sumSquares += w.l2() * w.l2();          // ||all W||_F^2 = sum of the layers' ||W||_F^2
                    sparse += w.sparsity() * w.count();     // sparse entries of this matrix
                    count += w.count();
                    zeros += w.exactZeros();
                }
            }
            // 64x64 + 64x10 = 4096 + 640 = 4736 weights in a 64-64-10 MLP
            assertEquals(4736, count, name);
            TOTALS.put(name, new Totals(Math.sqrt(sumSquares), sparse / count, zeros));
        }
    }

    @Test
    void proximalL1HasExactZerosAndTheHighestSparsity() {
        Totals prox = TOTALS.get("digits-l1-proximal");
        assertTrue(prox.exactZeros() > 0, "proximal L1 exact zeros: " + TOTALS);
        for (String other : List.of("digits-none", "digits-l1", "digits-l2")) {
            assertTrue(prox.sparsity() > TOTALS.get(other).sparsity(), "sparsity vs " + other + ": " + TOTALS);
        }
        // DL4J's L1 is a subgradient step: weights hover near zero but do not reach it
        assertEquals(0, TOTALS.get("digits-l1").exactZeros(), TOTALS.toString());
    }

    @Test
    void penalizedModelsHaveSmallerWeightNorms() {
        double none = TOTALS.get("digits-none").l2();
        for (String p : List.of("digits-l1", "digits-l1-proximal", "digits-l2")) {
            assertTrue(TOTALS.get(p).l2() < none, p + " L2 norm vs none: " + TOTALS);
        }
    }

    @Test
    void everyZipLoadsWithPlainDl4jAndHasItsSidecar() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String name : ALL) {
            Path zip = MODELS.resolve(name + ".zip");
            assertTrue(Files.size(zip) < 5L << 20, name + " size " + Files.size(zip));
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            int classes = name.equals("digits-0-4-pretrained") ? 5 : 10;
            assertEquals(classes, net.output(Nd4j.zeros(1, 64)).columns(), name);

            JsonNode side = json.readTree(MODELS.resolve(name + ".json").toFile());
            assertEquals(name + ".zip", side.get("model").asText());
            assertTrue(Files.exists(Path.of(side.get("specFile").asText())), name + " spec " + side.get("specFile"));
            assertTrue(side.at("/provenance/dataFingerprint").asText().matches("[0-9a-f]{64}"), name + " sha256");
            assertEquals(side.at("/job/hash").asText(), side.at("/provenance/jobHash").asText(), name);
            assertEquals(11, side.get("seed").asLong(), name);
            assertTrue(side.at("/provenance/software").size() > 0, name + " versions");
            assertEquals("COMPLETED", side.get("status").asText(), name);
        }
    }

    @Test
    void storedRegularizationMatchesTheModelName() throws IOException {
        Map<String, Class<?>> expected = Map.of("digits-l1", L1Regularization.class,
                "digits-l1-proximal", ProximalL1Regularization.class, "digits-l2", L2Regularization.class);
        for (String name : DIGITS) {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(MODELS.resolve(name + ".zip").toFile(), false);
            for (int i = 0; i < net.getnLayers(); i++) {
                BaseLayer layer = (BaseLayer) net.getLayer(i).conf().getLayer();
                if (name.equals("digits-none")) {
                    assertTrue(layer.getRegularization().isEmpty(), name + " layer " + i);
                } else {
                    assertEquals(1, layer.getRegularization().size(), name + " layer " + i);
                    assertInstanceOf(expected.get(name), layer.getRegularization().get(0), name + " layer " + i);
                }
                assertTrue(layer.getRegularizationBias().isEmpty(), name + " bias " + i);
            }
        }
    }

    @Test
    void readmeInspectionExampleRuns() {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Main.run("inspect", "models/digits-none.zip", "models/digits-l1-proximal.zip");
        } finally {
            System.setOut(out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("proxL1"), text);
        assertTrue(text.contains("exact zeros"), text);
    }
}
