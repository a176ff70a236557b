package org.regstudy.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.cli.Main;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.Metrics;
import org.regstudy.train.RunStatus;

/**
 * The shipped LSTM regression study (studies/lstm-sequence.yaml), made small with {@code --set}
 * overrides, runs end to end through the CLI: 3-d sequence data, regression metrics in every
 * record, verdicts, the held-out test evaluation and the HTML report.
 */
class LstmStudyTest {

    @TempDir
    Path tmp;

    @Test
    void smallLstmStudyRunsEndToEndWithRegressionMetricsAndVerdicts() throws Exception {
        Path out = tmp.resolve("lstm");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            code = Main.run("study", "studies/lstm-sequence.yaml", "--out", out.toString(),
                    "--set", "data.generator.length=120",
                    "--set", "network.hidden=[{type: lstm, units: 8, activation: tanh}]",
                    "--set", "training.epochs=20",
                    "--set", "penalty.strengths=[0.01]");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String err = stderr.toString(StandardCharsets.UTF_8);
        String table = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(table.contains("val rmse"), table);

        List<RunRecord> records;
        try (ResultStore store = ResultStore.read(out); Stream<Path> files = Files.list(out.resolve("runs"))) {
            records = store.readAll();
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".json")));
        }
        // (baseline + one strength) x 2 repeats (the spec's repeats: 2)
        assertEquals(List.of("s00-r0", "s00-r1", "s01-r0", "s01-r1"), records.stream().map(RunRecord::id).toList());
        for (RunRecord r : records) {
            assertEquals(RunStatus.COMPLETED, r.status(), r.id() + ": " + r.reason());
            assertEquals(20, r.epochsRun());
            assertNotNull(r.diagnosis(), r.id());
            assertNotNull(r.diagnosis().verdict(), r.id());
            // trivial predictor for regression: the training mean; its loss is positive and finite
            assertTrue(r.trivialLoss() > 0 && Double.isFinite(r.trivialLoss()), r.id() + " L_0 " + r.trivialLoss());
            // recordEvery 5 over 20 epochs: epochs 5, 10, 15, 20
            assertEquals(List.of(5, 10, 15, 20), r.history().stream().map(EpochRecord::epoch).toList());
            for (EpochRecord e : r.history()) {
                for (Metrics m : List.of(e.train(), e.validation())) {
                    assertTrue(Double.isFinite(m.rmse()) && m.rmse() > 0, r.id() + " rmse " + m.rmse());
                    assertTrue(Double.isFinite(m.mae()) && m.mae() > 0 && m.mae() <= m.rmse() + 1e-12,
                            r.id() + " mae " + m.mae() + " rmse " + m.rmse());
                    assertTrue(Double.isFinite(m.r2()) && m.r2() <= 1, r.id() + " r2 " + m.r2());
                    assertTrue(Double.isNaN(m.accuracy()), "no accuracy for regression");
                }
                // DL4J's MSE on an RNN output sums the per-step squared error (1 output) over the 20 steps
                // of a window and averages over windows: L = 20 * mean((y - yhat)^2) = 20 * RMSE^2.
                double r2l = 20 * e.validation().rmse() * e.validation().rmse();
                assertEquals(r2l, e.validationLoss(), 1e-3 * r2l, r.id() + " epoch " + e.epoch());
            }
            // the LSTM layer's input (W) and recurrent (RW) weights are both penalized in s01
            if (r.candidateId().equals("s01")) {
                assertTrue(r.plan().get(0).contains("l2(0.02"), String.valueOf(r.plan()));
                assertTrue(r.kept().penalty() > 0, "penalty term recorded");
            }
        }
        StudySummary s = ResultStore.read(out).readJson("summary.json", StudySummary.class).orElseThrow();
        assertEquals("rmse", s.metric());
        assertEquals(2, s.candidates().size());
        for (StudySummary.CandidateSummary c : s.candidates()) {
            assertNotNull(c.repeats().verdict(), c.id());
            assertNotNull(c.sweep(), c.id());
            assertEquals(2, c.repeats().n());
        }
        assertNotNull(s.bestTest(), "the spec has a test part (25%)");
        assertTrue(Double.isFinite(s.bestTest().meanMetric()) && s.bestTest().meanMetric() > 0);
        assertTrue(Files.isRegularFile(out.resolve("report.html")), "report written for a regression study");
        assertTrue(Files.readAllLines(out.resolve("epochs.csv")).size() == 1 + 4 * 4, "header + 4 runs x 4 epochs");
    }

    private static int cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aSeriesFileWithDataSequenceTrainsAsTheGeneratorsWindowsDo() throws Exception {
        // the generator's series written as a CSV (one column x), then read by data.sequence: the
        // same 120 - 20 = 100 next-value windows (floor((120 - 20 - 1) / 1) + 1 = 100), so the same
        // training, number for number
        Path series = tmp.resolve("series.csv");
        assertEquals(0, cli("data", "generate", "sequence", "--kind", "sine", "--length", "120", "--noise", "0.3",
                "--seed", "3", "--out", series.toString()));
        String[] common = {"--set", "network.hidden=[{type: lstm, units: 4, activation: tanh}]",
            "--set", "training.epochs=5", "--set", "penalty.strengths=[0.01]", "--set", "repeats=1", "--no-report"};
        Path fromGenerator = tmp.resolve("gen");
        List<String> a = new java.util.ArrayList<>(List.of("study", "studies/lstm-sequence.yaml", "--out",
                fromGenerator.toString(), "--set", "data.generator.length=120"));
        a.addAll(List.of(common));
        assertEquals(0, cli(a.toArray(String[]::new)));
        Path fromFile = tmp.resolve("file");
        List<String> b = new java.util.ArrayList<>(List.of("study", "studies/lstm-sequence.yaml", "--out", fromFile.toString(),
                "--set", "data={file: '" + series + "', sequence: {window: 20},"
                        + " split: {validation: 0.25, test: 0.25, shuffle: false}, normalization: none}"));
        b.addAll(List.of(common));
        assertEquals(0, cli(b.toArray(String[]::new)));
        List<String> generated = Files.readAllLines(fromGenerator.resolve("epochs.csv"));
        assertEquals(1 + 2 * 1, generated.size(), "header + 2 runs x 1 record (recordEvery 5, 5 epochs)");
        assertEquals(generated, Files.readAllLines(fromFile.resolve("epochs.csv")));
        RunRecord r = ResultStore.read(fromFile).readAll().get(0);
        assertTrue(r.provenance().dataDescription().contains("series.csv"), r.provenance().dataDescription());
    }
}
