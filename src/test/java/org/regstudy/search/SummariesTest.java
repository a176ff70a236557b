package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regstudy.common.Nd4jSetup;
import org.regstudy.diagnosis.Selection;
import org.regstudy.diagnosis.Thresholds;
import org.regstudy.diagnosis.Verdict;
import org.regstudy.network.NetworkFactory;
import org.regstudy.network.NetworkSpec;
import org.regstudy.network.UpdaterSpec;
import org.regstudy.penalty.Penalty;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.Metrics;
import org.regstudy.train.RunStatus;

/**
 * The reading and selection a job concludes from its run records, on records written out by hand
 * (the numbers decide the verdicts, so they are chosen, not trained): candidates some of whose runs
 * diverged take no part, and weaker or stronger is read only between candidates that differ in
 * nothing but their penalty.
 */
class SummariesTest {

    static {
        Nd4jSetup.applyDefaults();
    }

    private static Candidate candidate(String id, int units, double l2) {
        NetworkSpec spec = NetworkSpec.builder().inputs(2).dense(units, "relu").output(1, "sigmoid", "XENT")
                .updater(UpdaterSpec.adam(1e-3)).seed(1).build();
        PenaltyPlan plan = l2 == 0 ? PenaltyPlan.none() : PenaltyPlan.uniform(Penalty.l2(l2));
        return Candidate.of(id, l2, Map.of("strength", l2, "units", units), NetworkFactory.configuration(spec, plan));
    }

    /** A run recorded at epochs 10 and 20 that keeps epoch 20 with validation loss {@code val}. */
    private static RunRecord completed(Candidate c, int repeat, double val) {
        Metrics m = Metrics.classification(0.9, 0.9, val);
        List<EpochRecord> h = List.of(
                new EpochRecord(10, 0.5, val + 0.1, 0, new double[2], m, m, new double[2]),
                new EpochRecord(20, 0.3, val, 0, new double[2], m, m, new double[2]));
        return record(c, repeat, RunStatus.COMPLETED, null, 20, h);
    }

    private static RunRecord diverged(Candidate c, int repeat) {
        return record(c, repeat, RunStatus.DIVERGED, "epoch 7: loss is NaN", 7, List.of());
    }

    private static RunRecord record(Candidate c, int repeat, RunStatus status, String reason, int epochs,
                                    List<EpochRecord> history) {
        return new RunRecord(RunRecord.SCHEMA_VERSION, c.id() + "-r" + repeat, c.id(), repeat, -1, repeat,
                c.strength(), c.parameters(), List.of(), status, reason, epochs, epochs, Math.log(2), history,
                null, null, null);
    }

    @Test
    void aCandidateWithDivergedRepeatsIsNeitherComparedNorSelected() {
        Candidate base = candidate("s00", 8, 0);
        Candidate mid = candidate("s01", 8, 1e-3);
        Candidate strong = candidate("s02", 8, 1e-2);
        List<RunRecord> runs = new ArrayList<>(List.of(
                completed(base, 0, 0.50), completed(base, 1, 0.52), completed(base, 2, 0.48),
                completed(mid, 0, 0.40), completed(mid, 1, 0.42), completed(mid, 2, 0.38),
                // s02's one surviving repeat has the lowest loss of all; the other two diverged
                completed(strong, 0, 0.30), diverged(strong, 1), diverged(strong, 2)));
        List<Candidate> cs = List.of(base, mid, strong);
        var summaries = Summaries.candidates(cs, runs, Thresholds.defaults(), true);
        // s02 is out: the best is s01 (mean 0.40, std 0.02, SE 0.02 / sqrt 3 = 0.0115, band <= 0.4115);
        // s00 (0.50) is weaker and outside the band: OVERFITTING. Counting s02 (n = 1, no SE) would
        // have made it the best and s00, s01 INCONCLUSIVE "with one repeat".
        assertEquals(Verdict.OVERFITTING, summaries.get(0).sweep().verdict(), summaries.get(0).sweep().reason());
        assertEquals(Verdict.GOOD_FIT, summaries.get(1).sweep().verdict());
        assertEquals(Verdict.INCONCLUSIVE, summaries.get(2).sweep().verdict());
        assertTrue(summaries.get(2).sweep().reason().startsWith("2 of 3 runs diverged"), summaries.get(2).sweep().reason());
        assertEquals(1, summaries.get(2).completed());
        Selection s = Summaries.select(summaries, Summaries.families(cs));
        assertEquals("s01", s.best().candidateId());
        assertEquals("s01", s.oneStandardError().candidateId());

        // when every candidate lost a run, there is nothing to select
        runs.set(0, diverged(base, 0));
        runs.set(3, diverged(mid, 0));
        summaries = Summaries.candidates(cs, runs, Thresholds.defaults(), true);
        assertNull(Summaries.select(summaries, Summaries.families(cs)));
    }

    @Test
    void candidatesOfAnotherNetworkAreNotReadAsOverOrUnderRegularized() {
        Candidate base = candidate("c0", 8, 0);
        Candidate mid = candidate("c1", 8, 1e-3);
        Candidate wide = candidate("c2", 16, 1e-2);   // stronger, but also twice the units
        Candidate wideStrong = candidate("c3", 16, 5e-2);
        List<Candidate> cs = List.of(base, mid, wide, wideStrong);
        assertEquals(List.of("f0", "f0", "f1", "f1"), Summaries.families(cs));
        List<RunRecord> runs = List.of(
                completed(base, 0, 0.50), completed(base, 1, 0.52), completed(base, 2, 0.48),
                completed(mid, 0, 0.40), completed(mid, 1, 0.42), completed(mid, 2, 0.38),
                completed(wide, 0, 0.44), completed(wide, 1, 0.45), completed(wide, 2, 0.46),
                completed(wideStrong, 0, 0.405), completed(wideStrong, 1, 0.41), completed(wideStrong, 2, 0.40));
        var summaries = Summaries.candidates(cs, runs, Thresholds.defaults(), true);
        // best c1 (0.40, band <= 0.4115): c0 is of its family, weaker, outside: OVERFITTING; c2 (0.45)
        // is stronger and outside, but another network: INCONCLUSIVE, not UNDERFITTING; c3 (0.405) is
        // in the band: GOOD_FIT, and the strongest there, but another network, so the 1-SE choice
        // (strongest in the band among the best's family) is c1 itself
        assertEquals(List.of(Verdict.OVERFITTING, Verdict.GOOD_FIT, Verdict.INCONCLUSIVE, Verdict.GOOD_FIT),
                summaries.stream().map(c -> c.sweep().verdict()).toList());
        assertTrue(summaries.get(2).sweep().reason().contains("more than its penalty"), summaries.get(2).sweep().reason());
        assertEquals("c1", Summaries.select(summaries, Summaries.families(cs)).oneStandardError().candidateId());
    }

    @Test
    void keepModelsSelectedKeepsTheBaselinesModelsWhenNothingIsSelected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // every candidate lost a run, so there is no selection; the baseline's (s00's) completed runs
        // still give the test evaluation of the unregularized model, and their zips stay
        Candidate base = candidate("s00", 8, 0);
        Candidate mid = candidate("s01", 8, 1e-3);
        List<RunRecord> runs = List.of(completed(base, 0, 0.5), diverged(base, 1), completed(mid, 0, 0.4), diverged(mid, 1));
        try (ResultStore store = ResultStore.open(dir.resolve("job"), JobIdentity.of("study", "h", "prune"), "{}", false)) {
            for (RunRecord r : runs) {
                if (r.status() == RunStatus.COMPLETED) {
                    java.nio.file.Files.writeString(store.modelPath(r.id()), "model");
                }
            }
            assertNull(Summaries.select(Summaries.candidates(List.of(base, mid), runs, Thresholds.defaults(), true),
                    Summaries.families(List.of(base, mid))));
            Study.pruneModels(store, runs, "selected", null);
            assertTrue(java.nio.file.Files.isRegularFile(store.modelPath("s00-r0")), "the baseline's model is kept");
            assertTrue(java.nio.file.Files.notExists(store.modelPath("s01-r0")), "the others' are deleted");
        }
    }
}
