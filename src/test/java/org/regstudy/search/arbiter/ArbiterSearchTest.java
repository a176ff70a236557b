package org.regstudy.search.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;

class ArbiterSearchTest {

    private static BaseLayer layer(MultiLayerConfiguration c, int i) {
        return (BaseLayer) c.getConf(i).getLayer();
    }

    /** 4 inputs -> dense 6 relu (penalized as given) -> softmax 3, Adam 0.05. */
    private static MultiLayerSpace space(PenalizedLayerSpace<DenseLayer> hidden) {
        return new MultiLayerSpace.Builder()
                .seed(12)
                .updater(new Adam(0.05))
                .addLayer(hidden)
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
    }

    private static DenseLayerSpace dense() {
        return new DenseLayerSpace.Builder().nOut(6).activation(Activation.RELU).build();
    }

    @Test
    void gridOverLayerL2IsLogSpacedAndPutsExactlyThatL2OnThatLayer() {
        MultiLayerSpace s = space(PenalizedLayerSpace.wrap(dense()).l2(PenaltySpaces.logUniform(1e-4, 1)).build());
        List<SearchCandidate> seen = Collections.synchronizedList(new ArrayList<>());
        List<SearchOutcome> out = ArbiterSearch.run(s, ArbiterSearch.Settings.grid(5), c -> {
            seen.add(c);
            return IrisData.train(c, 3);
        });
        // grid values: exp(ln 1e-4 + k/4 * (ln 1 - ln 1e-4)) = 1e-4 * 10^k, k = 0..4
        double[] expected = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        assertEquals(5, out.size());
        assertEquals(5, seen.size());
        for (int k = 0; k < 5; k++) {
            SearchOutcome o = out.get(k);
            assertEquals(k, o.index());
            assertEquals(String.format("c%04d", k), o.id());
            double l2 = (Double) o.parameters().get("layer0.l2");
            assertEquals(expected[k], l2, expected[k] * 1e-12);
            assertEquals(Map.of("layer0.l2", l2), o.parameters()); // the only free parameter
            MultiLayerConfiguration conf = o.candidate().configuration();
            assertEquals(List.of(new L2Regularization(l2)), layer(conf, 0).getRegularization());
            assertEquals(List.of(), layer(conf, 0).getRegularizationBias());
            assertEquals(List.of(), layer(conf, 1).getRegularization());
            for (int i = 0; i < 2; i++) {
                for (Regularization r : layer(conf, i).getRegularization()) {
                    assertFalse(r instanceof WeightDecay, "no weight decay anywhere");
                }
            }
            assertEquals(PenaltyPlan.builder().layer(0, LayerPenalty.weightsOnly(Penalty.l2(l2))).build(),
                    o.candidate().plan());
            assertEquals("COMPLETED", o.score().status());
            assertTrue(Double.isFinite(o.score().score()));
        }
    }

    @Test
    void weightDecaySpaceGivesWeightDecayWithCoefficientAndFlag() {
        MultiLayerSpace s = space(PenalizedLayerSpace.wrap(dense())
                .weightDecay(new ContinuousParameterSpace(1e-3, 1e-2), false).build());
        List<SearchOutcome> out = ArbiterSearch.run(s, ArbiterSearch.Settings.random(2, 5), c -> IrisData.train(c, 2));
        assertEquals(2, out.size());
        for (SearchOutcome o : out) {
            double wd = (Double) o.parameters().get("layer0.weightDecay");
            assertTrue(wd >= 1e-3 && wd <= 1e-2, "sampled in range: " + wd);
            List<Regularization> regs = layer(o.candidate().configuration(), 0).getRegularization();
            assertEquals(1, regs.size(), "exactly one entry, not doubled: " + regs);
            WeightDecay d = (WeightDecay) regs.get(0);
            assertEquals(wd, d.getCoeff().valueAt(0, 0), 0.0);
            assertFalse(d.isApplyLR());
            assertEquals(Penalty.weightDecay(wd, false), o.candidate().plan().forLayer(0, null).weights());
        }
    }

    @Test
    void seededRandomSearchIsReproducibleAndNeverExceedsTheCountAtConcurrencyTwo() {
        MultiLayerSpace s = space(PenalizedLayerSpace.wrap(dense()).l2(PenaltySpaces.logUniform(1e-5, 1e-1)).build());
        ArbiterSearch.Settings settings = ArbiterSearch.Settings.random(5, 2024).withConcurrency(2);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CandidateEvaluator e = c -> {
            calls.incrementAndGet();
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return IrisData.train(c, 3);
            } finally {
                running.decrementAndGet();
            }
        };
        List<SearchOutcome> first = ArbiterSearch.run(s, settings, e);
        assertEquals(5, first.size());
        assertEquals(5, calls.get(), "exactly the candidate count, no overshoot");
        assertTrue(maxRunning.get() <= 2);
        List<SearchOutcome> second = ArbiterSearch.run(s, settings, c -> IrisData.train(c, 1));
        assertEquals(5, second.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(first.get(i).id(), second.get(i).id());
            assertEquals(first.get(i).parameters(), second.get(i).parameters());
        }
        List<SearchOutcome> other = ArbiterSearch.run(s, ArbiterSearch.Settings.random(1, 2025), c -> IrisData.train(c, 1));
        assertFalse(first.get(0).parameters().equals(other.get(0).parameters()), "another seed, other values");
    }

    @Test
    void existingArbiterJobRunsThroughRegStudy() {
        // an Arbiter job written the plain Arbiter way
        MultiLayerSpace mls = new MultiLayerSpace.Builder()
                .seed(3)
                .updater(new AdamSpace(new ContinuousParameterSpace(0.01, 0.1)))
                .addLayer(new DenseLayerSpace.Builder().nOut(5).activation(Activation.TANH)
                        .l2(new ContinuousParameterSpace(1e-4, 1e-2)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(new RandomSearchGenerator(mls, null))
                .dataSource(EvaluatorDataSource.class, null)
                .scoreFunction(new TestSetLossScoreFunction(true))
                .terminationConditions(new MaxCandidatesCondition(3))
                .rngSeed(11)
                .build();
        // the line that changes: instead of new LocalOptimizationRunner(configuration, new MultiLayerNetworkTaskCreator())
        List<SearchOutcome> out = ArbiterSearch.run(configuration, 2, c -> IrisData.train(c, 3));
        assertEquals(3, out.size());
        for (SearchOutcome o : out) {
            double l2 = (Double) o.parameters().get("layer0.l2");
            double lr = (Double) o.parameters().get("learningRate");
            assertTrue(l2 >= 1e-4 && l2 <= 1e-2);
            assertTrue(lr >= 0.01 && lr <= 0.1);
            assertEquals(List.of(new L2Regularization(l2)), layer(o.candidate().configuration(), 0).getRegularization());
            assertEquals(lr, ((Adam) layer(o.candidate().configuration(), 0).getIUpdater()).getLearningRate(), 0.0);
            assertEquals(Penalty.l2(l2), o.candidate().plan().forLayer(0, null).weights());
            assertEquals("COMPLETED", o.score().status());
        }
    }

    @Test
    void divergedAndThrowingCandidatesDoNotStopTheSearch() {
        MultiLayerSpace s = space(PenalizedLayerSpace.wrap(dense()).l2(PenaltySpaces.logUniform(1e-4, 1e-1)).build());
        List<SearchOutcome> out = ArbiterSearch.run(s, ArbiterSearch.Settings.grid(4), c -> {
            if (c.index() == 1) {
                return CandidateScore.diverged("epoch 1: max |w| 1e9");
            }
            if (c.index() == 2) {
                throw new IllegalStateException("trainer blew up\nsecond line");
            }
            return IrisData.train(c, 2);
        });
        assertEquals(4, out.size());
        assertEquals("COMPLETED", out.get(0).score().status());
        assertEquals("DIVERGED", out.get(1).score().status());
        assertEquals("FAILED", out.get(2).score().status());
        assertEquals("IllegalStateException: trainer blew up", out.get(2).score().detail());
        assertEquals("COMPLETED", out.get(3).score().status());
    }

    @Test
    void absurdLearningRateIsRecordedAsDiverged() {
        MultiLayerSpace s = new MultiLayerSpace.Builder()
                .seed(1)
                .updater(new org.nd4j.linalg.learning.config.Sgd(1e6))
                .addLayer(PenalizedLayerSpace.wrap(dense()).l2(new FixedValue<>(1e-3)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        List<SearchOutcome> out = ArbiterSearch.run(s, ArbiterSearch.Settings.grid(2), c -> IrisData.train(c, 20));
        assertEquals(1, out.size(), "no free parameter: a single candidate");
        assertEquals("DIVERGED", out.get(0).score().status(), out.get(0).score().detail());
    }

    @Test
    void globalL2WithPenalizedLayersIsRejected() {
        MultiLayerSpace s = new MultiLayerSpace.Builder()
                .l2(new FixedValue<>(1e-3))
                .addLayer(PenalizedLayerSpace.wrap(dense()).weightDecay(new FixedValue<>(1e-3), true).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(4))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArbiterSearch.run(s, ArbiterSearch.Settings.grid(2), c -> CandidateScore.completed(0)));
        assertTrue(e.getMessage().contains("network-wide"), e.getMessage());
    }

    @Test
    void globalL2MergesIntoALayerWeightDecayInDl4j() {
        // documents the pitfall the rejection above prevents: DL4J M2.1 adds the global L2 to the layer's own WeightDecay
        MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .l2(1e-3).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).regularization(new ArrayList<>(List.of(new WeightDecay(1e-2, true)))).build())
                .layer(new OutputLayer.Builder().nIn(3).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        assertEquals(List.of(new WeightDecay(1e-2, true), new L2Regularization(1e-3)), layer(conf, 0).getRegularization());
    }

    @Test
    void innerSpaceWithItsOwnPenaltyIsRejected() {
        DenseLayerSpace withL2 = new DenseLayerSpace.Builder().nOut(3).l2(1e-3).build();
        assertThrows(IllegalArgumentException.class, () -> PenalizedLayerSpace.wrap(withL2));
        assertNull(PenalizedLayerSpace.wrap(dense()).build().weights().strength());
    }
}
