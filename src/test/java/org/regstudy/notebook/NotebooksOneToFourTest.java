package org.regstudy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs notebooks 01-04 with {@code small=true} (real training, real charts) and proves that a broken
 * conclusion fails the run in the conclusion cell.
 */
class NotebooksOneToFourTest {

    private static final Path DIR = Path.of("notebooks");
    private static final String SWAP = "regstudy.notebook.swap";

    @TempDir
    Path tmp;

    private RunResult run(String name) {
        return NotebookRunner.runFile(DIR.resolve(name), tmp.resolve(name),
                RunOptions.defaults().withSmall(true).withTimeout(Duration.ofMinutes(5)));
    }

    /** The run succeeded, every code cell ran, and at least one cell shows a PNG chart. */
    private void assertRanWithChart(String name) throws Exception {
        RunResult r = run(name);
        assertTrue(r.succeeded(), () -> name + " failed: " + r.failure().map(CellFailure::oneLine).orElse("?"));
        assertEquals(r.codeCells(), r.cellsRun());
        JsonNode root = new ObjectMapper().readTree(tmp.resolve(name).toFile());
        int pngs = 0;
        String lastText = "";
        for (JsonNode cell : root.get("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("data").has("image/png")) {
                    pngs++;
                }
                if (out.path("output_type").asText().equals("stream")) {
                    lastText = out.path("text").toString();
                }
            }
        }
        assertTrue(pngs >= 1, name + ": no PNG chart in the outputs");
        assertTrue(lastText.contains("Conclusion holds"), name + ": last printed text was " + lastText);
    }

    @Test
    void largeWeightsRuns() throws Exception {
        assertRanWithChart("01-large-weights.ipynb");
    }

    @Test
    void l1VersusL2Runs() throws Exception {
        assertRanWithChart("02-l1-vs-l2-irrelevant.ipynb");
    }

    @Test
    void elasticNetRuns() throws Exception {
        assertRanWithChart("03-elastic-net.ipynb");
    }

    @Test
    void perLayerStrengthsRuns() throws Exception {
        assertRanWithChart("04-per-layer-strengths.ipynb");
    }

    /**
     * With the penalties swapped (01: the "L2" model trains without a penalty and the unregularized
     * one with L2; 02: proximal L1 and L2 trade places; 03: the mixing ratio r becomes 1 - r), each
     * notebook's conclusion no longer holds: the run must fail in its last code cell with the
     * conclusion's message.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"01-large-weights.ipynb", "02-l1-vs-l2-irrelevant.ipynb",
        "03-elastic-net.ipynb"})
    void swappedPenaltiesFailTheConclusionCell(String name) throws Exception {
        System.setProperty(SWAP, "true");
        RunResult r;
        try {
            r = run(name);
        } finally {
            System.clearProperty(SWAP);
        }
        assertFalse(r.succeeded());
        CellFailure f = r.failure().orElseThrow();
        assertEquals(r.codeCells(), f.cellNumber(), "fails in the last (conclusion) cell: " + f.oneLine());
        assertTrue(f.message().contains("conclusion failed"), f.oneLine());
        assertTrue(Files.exists(tmp.resolve(name)));
    }
}
