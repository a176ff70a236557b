package org.regstudy.search.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.regstudy.common.BadInputException;
import org.regstudy.spec.SpecLoader;
import org.regstudy.spec.StudySpec;

class PenaltySpacesTest {

    private static StudySpec spec(String penalty, String search) {
        String yaml = """
                data:
                  generator: {kind: moons, n: 40}
                network:
                  hidden:
                    - {type: dense, units: 6, activation: relu}
                    - {type: dense, units: 4, activation: tanh, name: second}
                  updater: {kind: adam, learningRate: 0.05}
                training: {epochs: 2}
                seed: 9
                """ + penalty + search;
        return SpecLoader.parse(yaml, "test.yaml", true);
    }

    private static BaseLayer layer(MultiLayerConfiguration c, int i) {
        return (BaseLayer) c.getConf(i).getLayer();
    }

    @Test
    void kerasL2PerLayerGridOnNamedLayers() {
        StudySpec s = spec("""
                penalty: {kind: l2, convention: keras, layers: ["0", second]}
                """, """
                search: {method: grid, gridPoints: 3, strengths: per-layer, strengthRange: {min: 0.001, max: 0.1}}
                """);
        MultiLayerSpace space = PenaltySpaces.fromSpec(s, 4, 3, false);
        ArbiterSearch.Settings settings = PenaltySpaces.settings(s);
        assertEquals(ArbiterSearch.Method.GRID, settings.method());
        assertEquals(0, settings.candidates()); // whole grid
        assertEquals(9, settings.seed());
        List<SearchOutcome> out = ArbiterSearch.run(space, settings, c -> IrisData.train(c, 2));
        // two per-layer strengths, 3 log-spaced points each (1e-3, 1e-2, 1e-1): 3 x 3 = 9 candidates
        assertEquals(9, out.size());
        double[] grid = {1e-3, 1e-2, 1e-1};
        java.util.Set<Integer> pairs = new java.util.HashSet<>();
        for (SearchOutcome o : out) {
            double a = (Double) o.parameters().get("layer0.l2");
            double b = (Double) o.parameters().get("layer1.l2");
            // every value is one of the 3 log-spaced points; together the 9 candidates are the whole product
            int ia = nearest(grid, a);
            int ib = nearest(grid, b);
            assertEquals(grid[ia], a, grid[ia] * 1e-12);
            assertEquals(grid[ib], b, grid[ib] * 1e-12);
            pairs.add(ia * 3 + ib);
            MultiLayerConfiguration conf = o.candidate().configuration();
            // Keras l2(x) = DL4J l2(2x)
            assertEquals(List.of(new L2Regularization(2 * a)), layer(conf, 0).getRegularization());
            assertEquals(List.of(new L2Regularization(2 * b)), layer(conf, 1).getRegularization());
            assertEquals(List.of(), layer(conf, 2).getRegularization(), "output layer not in penalty.layers");
        }
        assertEquals(9, pairs.size());
    }

    private static int nearest(double[] grid, double v) {
        int best = 0;
        for (int i = 1; i < grid.length; i++) {
            if (Math.abs(Math.log(grid[i] / v)) < Math.abs(Math.log(grid[best] / v))) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void sharedElasticNetWithAdamWAndUnits() {
        StudySpec s = spec("""
                penalty: {kind: elastic-net, l1Ratio: 0.25, layers: ["0"]}
                """, """
                search: {method: random, candidates: 3, strengthRange: {min: 0.0001, max: 0.01}, units: [3, 7], learningRate: {min: 0.001, max: 0.1}}
                """);
        MultiLayerSpace space = PenaltySpaces.fromSpec(s, 4, 3, false);
        List<SearchOutcome> out = ArbiterSearch.run(space, PenaltySpaces.settings(s), c -> IrisData.train(c, 1));
        assertEquals(3, out.size());
        for (SearchOutcome o : out) {
            double t = (Double) o.parameters().get("layer0.elasticNet");
            MultiLayerConfiguration conf = o.candidate().configuration();
            // total t, ratio 0.25: l1 = 0.25 t, l2 = 0.75 t
            assertEquals(List.of(new L1Regularization(0.25 * t), new L2Regularization(0.75 * t)),
                    layer(conf, 0).getRegularization());
            int units = (Integer) o.parameters().get("layer0.nOut");
            assertTrue(units == 3 || units == 7);
            assertEquals(units, ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer(conf, 0)).getNOut());
            assertEquals(units, ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer(conf, 1)).getNOut(),
                    "one width shared by the hidden layers");
            double lr = (Double) o.parameters().get("learningRate");
            assertTrue(lr >= 0.001 && lr <= 0.1);
        }
    }

    @Test
    void weightDecayPyTorchAdamW() {
        StudySpec s = spec("""
                penalty: {kind: weight-decay, convention: pytorch, layers: [second], applyLearningRate: true}
                """, """
                search: {method: grid, gridPoints: 2, strengthRange: {min: 0.01, max: 0.1}}
                """);
        List<SearchOutcome> out = ArbiterSearch.run(PenaltySpaces.fromSpec(s, 4, 3, false), PenaltySpaces.settings(s),
                c -> IrisData.train(c, 1));
        assertEquals(2, out.size());
        double[] grid = {0.01, 0.1};
        for (SearchOutcome o : out) {
            MultiLayerConfiguration conf = o.candidate().configuration();
            assertEquals(List.of(), layer(conf, 0).getRegularization());
            WeightDecay d = (WeightDecay) layer(conf, 1).getRegularization().get(0);
            assertEquals(1, layer(conf, 1).getRegularization().size());
            assertEquals(grid[o.index()], d.getCoeff().valueAt(0, 0), grid[o.index()] * 1e-12);
            assertTrue(d.isApplyLR());
        }
    }

    @Test
    void badSpecFieldsNameTheField() {
        StudySpec s = spec("""
                penalty: {kind: l2, layers: [nope]}
                """, """
                search: {method: grid, strengthRange: {min: 0.001, max: 0.1}}
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> PenaltySpaces.fromSpec(s, 4, 3, false));
        assertTrue(e.getMessage().startsWith("penalty.layers[0]: no layer named 'nope'"), e.getMessage());
        // a search reads penalty.layers as a study does: ["all"] is every layer, as omitting it is
        StudySpec all = spec("""
                penalty: {kind: l2, layers: [all]}
                """, """
                search: {method: grid, strengthRange: {min: 0.001, max: 0.1}}
                """);
        StudySpec omitted = spec("""
                penalty: {kind: l2}
                """, """
                search: {method: grid, strengthRange: {min: 0.001, max: 0.1}}
                """);
        assertEquals(PenaltySpaces.fromSpec(omitted, 4, 3, false).toJson(), PenaltySpaces.fromSpec(all, 4, 3, false).toJson());
        // weight decay has no Keras meaning: refused when the spec is read, before any space is built
        BadInputException e2 = assertThrows(BadInputException.class, () -> spec("""
                penalty: {kind: weight-decay, convention: keras}
                """, """
                search: {method: grid, strengthRange: {min: 0.001, max: 0.1}}
                """));
        assertTrue(e2.getMessage().startsWith("test.yaml: penalty.convention: keras has no weight-decay"), e2.getMessage());
    }
}
