package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.regstudy.diagnosis.RepeatDiagnosis;
import org.regstudy.diagnosis.Verdict;
import org.regstudy.train.RunStatus;

/**
 * The issue-4 bar: half-moons (100 points, noise 0.2, the first 30 for training, the last 70 for
 * validation), MLP 2-500-1 (relu, sigmoid), Adam 1e-3, batch 32. Without a penalty the single-run
 * rules across three repeats give OVERFITTING; with L2 of 1.0 in the Keras convention (DL4J 2.0)
 * on ALL layers' weights they give UNDERFITTING, for two base seeds.
 *
 * <p>Epochs, measured (data seed 1, base seed 1, three repeats, recorded every 50 epochs): the
 * unpenalized gap (L_va - L_tr)/L_0 is 0.065-0.075 at epoch 150-250, crosses 0.1 near epoch 550-650
 * and is 0.117, 0.118, 0.120 at epoch 950 (0.13 at 1450), while L_tr/L_0 falls to 0.03. 1000 epochs
 * therefore puts the whole 95% interval above 0.1 (std ~0.0015, t(0.975, 2) = 4.30, half-width
 * 4.30*0.0015/sqrt(3) = 0.004). With strength 1 the training loss is L_0 = ln 2 = 0.6931 (constant
 * output 0.5 on balanced moons) from epoch ~250 on: L_tr/L_0 = 1.000 > 0.5.
 */
class HalfMoonsVerdictTest {

    static final String SPEC = """
            name: moons-verdict
            data:
              generator: {kind: moons, n: 100, noise: 0.2, seed: 1}
              split: {trainCount: 30, validationCount: 70, shuffle: false}
              normalization: none
            network:
              hidden:
                - {type: dense, units: 500, activation: relu}
              output: {activation: sigmoid, loss: xent}
              updater: {kind: adam, learningRate: 0.001}
            training: {epochs: 1000, batchSize: 32, recordEvery: 50}
            penalty:
              kind: l2
              convention: keras
              target: weights
              strengths: [1]
            repeats: 3
            concurrency: 2
            keepModels: none
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "base seed {0}")
    @ValueSource(longs = {1, 2})
    void noPenaltyOverfitsAndStrongL2OnAllLayersUnderfits(long seed) {
        Study.Outcome o = Study.run(StudyTest.resolve(SPEC + "seed: " + seed + "\n"), tmp.resolve("s" + seed),
                Study.Options.defaults());
        assertFalse(o.interrupted());
        assertEquals(6, o.records().size(), "(baseline + strength 1) x 3 repeats");
        assertTrue(o.records().stream().allMatch(r -> r.status() == RunStatus.COMPLETED));
        // penalties on every layer: the hidden layer and the output layer both carry DL4J l2 = 2 * 1.0
        RunRecord strong = o.records().stream().filter(r -> r.candidateId().equals("s01")).findFirst().orElseThrow();
        assertEquals(2, strong.plan().stream().filter(l -> l.contains("2.0")).count(), String.valueOf(strong.plan()));

        RepeatDiagnosis none = o.summary().candidates().get(0).repeats();
        RepeatDiagnosis l2 = o.summary().candidates().get(1).repeats();
        assertEquals(3, none.n());
        assertTrue(none.hasInterval());
        assertEquals(Verdict.OVERFITTING, none.verdict(), String.join("\n", none.findings()));
        // the evidence: the whole gap interval above 0.1, the whole train-ratio interval below 0.5
        assertTrue(none.gapRatio().low() > 0.1, String.valueOf(none.gapRatio()));
        assertTrue(none.trainRatio().high() < 0.5, String.valueOf(none.trainRatio()));

        assertEquals(Verdict.UNDERFITTING, l2.verdict(), String.join("\n", l2.findings()));
        assertTrue(l2.trainRatio().low() > 0.5, String.valueOf(l2.trainRatio()));
        // near-constant output: L_tr close to L_0. The first 30 points hold 15 of each class (measured
        // L_0 = 0.693147), so L_0 = -(0.5 ln 0.5 + 0.5 ln 0.5) = ln 2 = 0.6931
        double l0 = strong.trivialLoss();
        assertEquals(Math.log(2), l0, 0.01);
        assertEquals(1.0, strong.kept().trainLoss() / l0, 0.05);
        System.out.printf(java.util.Locale.ROOT, "half-moons seed %d: no penalty gap/L0 %.4f [%.4f, %.4f], "
                        + "train/L0 %.4f; L2 1.0 train/L0 %.4f [%.4f, %.4f]%n", seed, none.gapRatio().mean(),
                none.gapRatio().low(), none.gapRatio().high(), none.trainRatio().mean(), l2.trainRatio().mean(),
                l2.trainRatio().low(), l2.trainRatio().high());
    }
}
