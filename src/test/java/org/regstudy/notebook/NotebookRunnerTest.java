package org.regstudy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.common.Versions;

/** Runs real notebooks with real JShell and checks the written .ipynb files. */
class NotebookRunnerTest {

    @TempDir
    Path dir;

    private Path fixture() throws Exception {
        Path p = dir.resolve("fixture.ipynb");
        try (InputStream in = getClass().getResourceAsStream("fixture.ipynb")) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void runsFixtureAndWritesOutputs() throws Exception {
        Path in = fixture();
        Path out = dir.resolve("sub/out.ipynb");
        List<String> progress = new ArrayList<>();
        PrintStream before = System.out;

        RunResult r = NotebookRunner.runFile(in, out, RunOptions.defaults().withSmall(true).withProgress(progress::add));

        assertTrue(r.succeeded(), () -> "failed: " + r.failure());
        assertEquals(before, System.out, "System.out restored");
        assertFalse(Display.underRunner());
        assertEquals(6, r.codeCells());
        assertEquals(6, r.cellsRun());
        // two progress lines per code cell: "running" and "done in s"
        assertEquals(12, progress.size());
        assertEquals("fixture.ipynb: cell 1/6 (index 1) running", progress.get(0));
        assertTrue(progress.get(11).matches("fixture\\.ipynb: cell 6/6 done in \\d+\\.\\d s"), progress.get(11));

        // The written file is valid JSON, nbformat 4, and keeps what the runner does not know.
        JsonNode root = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(4, root.get("nbformat").intValue());
        assertEquals(5, root.get("nbformat_minor").intValue());
        assertEquals("[1,2]", root.at("/metadata/custom/keep").toString());
        assertEquals("java", root.at("/metadata/kernelspec/name").asText());
        assertEquals(8, root.get("cells").size());
        assertEquals("setup", root.at("/cells/1/id").asText());
        assertEquals("[\"setup\"]", root.at("/cells/1/metadata/tags").toString());
        assertEquals("raw cell", root.at("/cells/6/source").asText());
        assertFalse(root.at("/cells/0").has("outputs"), "markdown cells get no outputs");
        // The input file is untouched when --out is given.
        assertEquals(9, new ObjectMapper().readTree(Files.readString(in)).at("/cells/1/execution_count").intValue());

        Notebook nb = Notebook.read(out);
        // execution counts run 1..6 over the code cells at indexes 1,2,3,4,5,7
        int[] indexes = {1, 2, 3, 4, 5, 7};
        for (int i = 0; i < indexes.length; i++) {
            assertEquals(OptionalInt.of(i + 1), nb.executionCount(indexes[i]));
            assertEquals(i + 1, root.at("/cells/" + indexes[i] + "/execution_count").intValue());
        }
        // magic-only cell and declarations: no output
        assertEquals(List.of(), nb.outputs(1));
        assertEquals(List.of(), nb.outputs(2));
        // 7 * 7 = 49; --small reaches Display.small(); the stale output is gone
        assertEquals(List.of(new CellOutput.Stream("stdout", "square of 7 is 49\nsmall=true\n")), nb.outputs(3));
        JsonNode stream = root.at("/cells/3/outputs/0");
        assertEquals("stream", stream.get("output_type").asText());
        assertEquals("stdout", stream.get("name").asText());
        assertEquals("[\"square of 7 is 49\\n\",\"small=true\\n\"]", stream.get("text").toString());

        // the image first, then the text printed after it
        List<CellOutput> img = nb.outputs(4);
        assertEquals(2, img.size());
        CellOutput.DisplayData d = assertInstanceOf(CellOutput.DisplayData.class, img.get(0));
        assertEquals("PNG image 12x8", d.text());
        assertEquals(new CellOutput.Stream("stdout", "after image\n"), img.get(1));
        JsonNode dd = root.at("/cells/4/outputs/0");
        assertEquals("display_data", dd.get("output_type").asText());
        assertTrue(dd.get("metadata").isObject());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dd.at("/data/image~1png").asText())));
        assertNotNull(decoded, "image/png decodes with ImageIO");
        assertEquals(12, decoded.getWidth());
        assertEquals(8, decoded.getHeight());
        assertEquals(0xFF0000, decoded.getRGB(3, 2) & 0xFFFFFF);
        assertEquals(0x000000, decoded.getRGB(0, 0) & 0xFFFFFF);

        // a project class; the last expression 7 * 6 = 42 becomes the execute_result
        assertEquals(List.of(new CellOutput.Stream("stdout", "RegStudy " + Versions.current().regstudy() + "\n"),
                new CellOutput.ExecuteResult(5, "42")), nb.outputs(5));
        JsonNode er = root.at("/cells/5/outputs/1");
        assertEquals("execute_result", er.get("output_type").asText());
        assertEquals(5, er.get("execution_count").intValue());
        assertEquals("[\"42\"]", er.at("/data/text~1plain").toString());

        assertEquals(List.of(new CellOutput.Stream("stderr", "to stderr\n"), new CellOutput.DisplayData(null, "a note")),
                nb.outputs(7));
    }

    @Test
    void aDeclarationAfterASwitchExpressionThatThrowsIsNotLost() {
        // JShell's completion analysis treats "default -> throw ...;" as ending more than the method:
        // the declaration after it must still be defined.
        Notebook nb = Notebook.create()
                .withCodeCell("""
                        static String kind(int i) {
                            return switch (i) {
                                case 0 -> "zero";
                                default -> throw new IllegalArgumentException("bad " + i);
                            };
                        }
                        static int twice(int x) { return 2 * x; }
                        """)
                .withCodeCell("System.out.println(kind(0) + twice(2));");
        RunResult r = NotebookRunner.run(nb, "switch.ipynb", RunOptions.defaults());
        assertTrue(r.succeeded(), () -> r.failure().orElseThrow().oneLine());
        assertEquals(List.of(new CellOutput.Stream("stdout", "zero4\n")), r.notebook().outputs(1));
    }

    @Test
    void timeoutStopsTheRunningCell() {
        Notebook nb = Notebook.create()
                .withCodeCell("System.out.println(\"started\");")
                .withCodeCell("Thread.sleep(600_000);")
                .withCodeCell("System.out.println(\"never\");");
        long t0 = System.nanoTime();
        RunResult r = NotebookRunner.run(nb, "slow.ipynb", RunOptions.defaults().withTimeout(Duration.ofSeconds(3)));
        double secs = (System.nanoTime() - t0) / 1e9;

        assertTrue(secs < 60, "stopped well before the 600 s sleep ended: " + secs);
        CellFailure f = r.failure().orElseThrow();
        assertEquals(CellFailure.Kind.TIMEOUT, f.kind());
        assertEquals(2, f.cellNumber());
        assertEquals(1, f.cellIndex());
        assertTrue(f.oneLine().startsWith("slow.ipynb: cell 2 (index 1): timed out"), f.oneLine());
        assertEquals(2, r.cellsRun());
        assertEquals(List.of(new CellOutput.Stream("stdout", "started\n")), r.notebook().outputs(0));
        assertInstanceOf(CellOutput.Error.class, r.notebook().outputs(1).get(0));
        assertEquals(List.of(), r.notebook().outputs(2));
        assertEquals(OptionalInt.empty(), r.notebook().executionCount(2));
    }

    @Test
    void incompleteAndUnresolvedCodeFailWithTheCellNumber() {
        Notebook unfinished = Notebook.create()
                .withMarkdownCell("text")
                .withCodeCell("int ok = 1;")
                .withCodeCell("int twice(int x) {\n    return 2 * x;\n}\nfor (int i = 0; i < 3; i++) {\n    System.out.println(i);\n");
        RunResult r = NotebookRunner.run(unfinished, "open.ipynb", RunOptions.defaults());
        CellFailure f = r.failure().orElseThrow();
        assertEquals(CellFailure.Kind.INCOMPLETE, f.kind());
        assertEquals("open.ipynb: cell 2 (index 2): incomplete code at line 4: for (int i = 0; i < 3; i++) {"
                + " (a statement or declaration is not finished)", f.oneLine());

        Notebook unresolved = Notebook.create()
                .withCodeCell("int useHelper() { return helper() + 1; }")
                .withCodeCell("useHelper()");
        CellFailure g = NotebookRunner.run(unresolved, "u.ipynb", RunOptions.defaults()).failure().orElseThrow();
        assertEquals(CellFailure.Kind.UNRESOLVED_REFERENCE, g.kind());
        assertEquals(2, g.cellNumber());
        assertTrue(g.message().contains("useHelper") && g.message().contains("helper()"), g.message());
    }
}
