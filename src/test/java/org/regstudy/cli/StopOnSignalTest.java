package org.regstudy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a signal says and does, before and after the job has stored all its results (the hook run by hand). */
class StopOnSignalTest {

    @Test
    void aSignalBeforeTheEndPointsToResumeAndAfterItSaysTheResultsAreComplete() throws Exception {
        for (boolean finished : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Thread hook;
            try (StopOnSignal signal = new StopOnSignal(err)) {
                if (finished) {
                    signal.jobFinished("results/x");
                }
                hook = new Thread(signal::onSignal);
                hook.start();
                // the hook raises the flag, then waits for the job (here: this block) to return
                while (!signal.flag().get()) {
                    Thread.sleep(1);
                }
                Thread.sleep(20);
                assertTrue(hook.isAlive(), "the hook waits until the job returns");
            }
            hook.join(5000);
            assertFalse(hook.isAlive());
            assertEquals(finished
                    ? "regstudy: interrupted after the job finished: its results in results/x are complete; writing its"
                            + " table and report, then stopping"
                    : "regstudy: stopping after the runs in flight (they are saved; continue with --resume)",
                    bytes.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
