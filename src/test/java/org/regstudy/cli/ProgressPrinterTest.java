package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regstudy.search.RunRecord;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.Metrics;
import org.regstudy.train.RunStatus;

/** The progress line's "best so far", fed the order in which a 2-repeat job finishes its runs. */
class ProgressPrinterTest {

    private static RunRecord run(String candidate, int repeat, double validationLoss) {
        Metrics m = Metrics.classification(0.9, 0.9, validationLoss);
        EpochRecord e = new EpochRecord(5, 0.1, validationLoss, 0, new double[1], m, m, new double[1]);
        return new RunRecord(RunRecord.SCHEMA_VERSION, candidate + "-r" + repeat, candidate, repeat, -1, repeat, 0,
                Map.of(), List.of(), RunStatus.COMPLETED, null, 5, 5, Math.log(2), List.of(e), null, null, null);
    }

    @Test
    void aCandidateWithFewerRunsDoneIsNotComparedWithFinishedOnes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "runs", null);
        p.runFinished(run("a", 0, 0.70), 1, 6, false);
        p.runFinished(run("a", 1, 0.60), 2, 6, false);   // a: mean 0.65 over 2 runs
        p.runFinished(run("b", 0, 0.50), 3, 6, false);   // b: 0.50 over 1 run: not yet against a's 2
        p.runFinished(run("b", 1, 0.70), 4, 6, false);   // b: mean 0.60 over 2: best
        p.runFinished(run("c", 0, 0.40), 5, 6, false);   // c: 1 run only
        List<String> best = bytes.toString(StandardCharsets.UTF_8).lines()
                .map(l -> l.substring(l.indexOf("best so far ") + "best so far ".length())).toList();
        assertEquals(List.of("a (val loss 0.7000)", "a (val loss 0.6500)", "a (val loss 0.6500)", "b (val loss 0.6000)",
                "b (val loss 0.6000)"), best);
    }
}
