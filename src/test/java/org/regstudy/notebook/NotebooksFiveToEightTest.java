package org.regstudy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Notebooks 5-8 run end to end with {@code --small} settings (real training, real files), their
 * conclusion cells hold, and a notebook whose conclusion is inverted fails in its last cell. The
 * committed notebooks carry full-run outputs with at least one chart each.
 */
class NotebooksFiveToEightTest {

    static final Path DIR = Path.of("notebooks");

    @TempDir
    Path tmp;

    static RunOptions small() {
        return RunOptions.defaults().withSmall(true).withTimeout(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"05-choosing-strength-arbiter", "06-lstm", "07-input-scales", "08-fine-tuning"})
    void runsWithSmallSettingsAndItsConclusionHolds(String name) throws IOException {
        Path out = tmp.resolve(name + ".ipynb");
        RunResult r = NotebookRunner.runFile(DIR.resolve(name + ".ipynb"), out, small());
        assertTrue(r.succeeded(), () -> r.failure().map(CellFailure::oneLine).orElse("?"));
        assertEquals(r.codeCells(), r.cellsRun());
        // the outputs, not the file: "conclusion holds" is also in the conclusion cell's source
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
        String lastText = "";
        boolean png = false;
        for (com.fasterxml.jackson.databind.JsonNode cell : root.get("cells")) {
            for (com.fasterxml.jackson.databind.JsonNode o : cell.path("outputs")) {
                png |= o.path("data").has("image/png");
                if (o.path("output_type").asText().equals("stream")) {
                    lastText = o.path("text").toString();
                }
            }
        }
        assertTrue(lastText.toLowerCase(java.util.Locale.ROOT).contains("conclusion holds"), name + ": last printed text was " + lastText);
        assertTrue(png, name + " has no chart");
    }

    @Test
    void anInvertedConclusionFailsTheLastCell() throws IOException {
        // swap two variants in notebook 8's conclusion: "fine-tuning starts ahead of training from
        // scratch" (lower validation loss at epoch 5) then reads "scratch starts ahead", which the data contradict
        String text = Files.readString(DIR.resolve("08-fine-tuning.ipynb"), StandardCharsets.UTF_8);
        String marker = "double[] sc = means.get(\\\"scratch\\\"), ft = means.get(\\\"fine-tune\\\")";
        assertTrue(text.contains(marker), "marker not found in notebook 8");
        Path swapped = tmp.resolve("08-swapped.ipynb");
        Files.writeString(swapped, text.replace(marker,
                "double[] ft = means.get(\\\"scratch\\\"), sc = means.get(\\\"fine-tune\\\")"), StandardCharsets.UTF_8);
        RunResult r = NotebookRunner.runFile(swapped, tmp.resolve("08-out.ipynb"), small());
        assertTrue(r.failure().isPresent(), "the swapped conclusion should fail");
        CellFailure f = r.failure().get();
        assertEquals(CellFailure.Kind.EXCEPTION, f.kind());
        assertEquals(r.codeCells(), f.cellNumber(), "fails in the last code cell");
        assertTrue(f.message().contains("conclusion failed"), f.message());
    }

    @Test
    void committedNotebooksCarryFullRunOutputsWithCharts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String name : new String[] {"05-choosing-strength-arbiter", "06-lstm", "07-input-scales", "08-fine-tuning"}) {
            JsonNode nb = json.readTree(DIR.resolve(name + ".ipynb").toFile());
            int charts = 0;
            boolean small = false;
            boolean holds = false;
            for (JsonNode cell : nb.get("cells")) {
                for (JsonNode o : cell.path("outputs")) {
                    if (o.path("data").has("image/png")) {
                        charts++;
                    }
                    String t = o.path("text").toString();
                    small |= t.contains("small=true");
                    holds |= t.contains("conclusion holds");
                }
            }
            assertTrue(charts >= 1, name + " charts " + charts);
            assertTrue(holds, name + " has no passing conclusion output");
            assertTrue(!small, name + " outputs come from a --small run");
        }
    }
}
