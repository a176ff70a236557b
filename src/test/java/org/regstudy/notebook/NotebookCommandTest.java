package org.regstudy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.cli.Main;

/** {@code regstudy notebook run} in-process through {@link Main#run}, on real files. */
class NotebookCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void throwingThirdCellFailsWithExitOneAndSavesEarlierOutputs() throws Exception {
        Path nb = dir.resolve("fail.ipynb");
        Notebook.create()
                .withMarkdownCell("# A conclusion that does not hold")
                .withCodeCell("%jars ../target/regstudy.jar\nint a = 2;")
                .withCodeCell("System.out.println(\"a=\" + a);")
                .withMarkdownCell("The check:")
                .withCodeCell("if (a == 2) {\n    throw new IllegalStateException(\"conclusion failed: a is \" + a);\n}")
                .withCodeCell("System.out.println(\"never\");")
                .write(nb);

        Outcome o = cli("notebook", "run", nb.toString());

        assertEquals(1, o.code(), o.err());
        assertTrue(o.errLines().contains(
                "regstudy: fail.ipynb: cell 3 (index 4): java.lang.IllegalStateException: conclusion failed: a is 2"),
                o.err());
        assertTrue(o.err().contains("notebook run failed at cell 3/4"), o.err());
        assertTrue(o.err().contains("fail.ipynb: cell 1/4 (index 1) running"), "progress on stderr: " + o.err());
        assertEquals("", o.out());

        // written in place: outputs up to the failing cell, its error, nothing after
        Notebook written = Notebook.read(nb);
        assertEquals(List.of(), written.outputs(1));
        assertEquals(List.of(new CellOutput.Stream("stdout", "a=2\n")), written.outputs(2));
        List<CellOutput> failed = written.outputs(4);
        assertEquals(1, failed.size());
        CellOutput.Error e = (CellOutput.Error) failed.get(0);
        assertEquals("java.lang.IllegalStateException", e.ename());
        assertEquals("conclusion failed: a is 2", e.evalue());
        assertEquals("java.lang.IllegalStateException: conclusion failed: a is 2", e.traceback().get(0));
        // the throw is on line 2 of the cell's only snippet
        assertTrue(e.traceback().size() > 1 && e.traceback().get(1).matches("\tat cell code \\(snippet #\\d+, line 2\\)"),
                e.traceback().toString());
        assertEquals(OptionalInt.of(3), written.executionCount(4));
        assertEquals(List.of(), written.outputs(5));
        assertEquals(OptionalInt.empty(), written.executionCount(5));
        JsonNode err = new ObjectMapper().readTree(Files.readString(nb)).at("/cells/4/outputs/0");
        assertEquals("error", err.get("output_type").asText());
        assertTrue(err.get("traceback").isArray());
    }

    @Test
    void compileErrorNamesCellAndLine() throws Exception {
        Path nb = dir.resolve("bad code.ipynb");
        Path out = dir.resolve("ran.ipynb");
        Notebook.create()
                .withCodeCell("int x = 1;")
                .withCodeCell("int y = x + 1;\nString s = y;\nSystem.out.println(s);")
                .write(nb);
        String before = Files.readString(nb);

        Outcome o = cli("notebook", "run", nb.toString(), "--out", out.toString());

        assertEquals(1, o.code(), o.err());
        String line = o.errLines().stream().filter(l -> l.startsWith("regstudy: bad code.ipynb:")).findFirst().orElseThrow();
        assertEquals("regstudy: bad code.ipynb: cell 2 (index 1): compile error at line 2: incompatible types: "
                + "int cannot be converted to java.lang.String", line);
        assertEquals(before, Files.readString(nb), "input untouched with --out");
        CellOutput.Error e = (CellOutput.Error) Notebook.read(out).outputs(1).get(0);
        assertEquals("CompilationException", e.ename());
        // the offending line and a caret under the expression y
        assertEquals(List.of("compile error at line 2: incompatible types: int cannot be converted to java.lang.String",
                "String s = y;", "           ^"), e.traceback());
    }

    @Test
    void successPrintsSummaryAndExitsZero() throws Exception {
        Path nb = dir.resolve("ok.ipynb");
        Notebook.create().withCodeCell("System.out.println(org.regstudy.notebook.Display.small() ? \"small\" : \"full\");")
                .write(nb);
        Outcome full = cli("notebook", "run", nb.toString());
        assertEquals(0, full.code(), full.err());
        assertEquals(List.of(new CellOutput.Stream("stdout", "full\n")), Notebook.read(nb).outputs(0));
        assertTrue(full.out().startsWith("ok.ipynb: 1 code cells ran in "), full.out());

        Outcome small = cli("notebook", "run", nb.toString(), "--small", "--timeout-minutes", "5");
        assertEquals(0, small.code(), small.err());
        assertEquals(List.of(new CellOutput.Stream("stdout", "small\n")), Notebook.read(nb).outputs(0));
        assertTrue(small.out().contains("(--small)"), small.out());
        assertFalse(Display.small(), "the runner's --small does not outlive the run");
    }

    @Test
    void invalidNotebookFilesExitTwoWithOneLine() throws Exception {
        Path badJson = dir.resolve("bad.ipynb");
        Files.writeString(badJson, "{\n \"cells\": [\n   oops\n");
        Path v3 = dir.resolve("v3.ipynb");
        Files.writeString(v3, "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}");
        Path python = dir.resolve("py.ipynb");
        Files.writeString(python, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [],"
                + " \"metadata\": {\"kernelspec\": {\"name\": \"python3\", \"language\": \"python\"}}}");
        Path badCell = dir.resolve("cell.ipynb");
        Files.writeString(badCell, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {},"
                + " \"cells\": [{\"cell_type\": \"code\", \"source\": [\"a\", 3], \"outputs\": []}]}");
        Path big = dir.resolve("big.ipynb");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(20L * 1024 * 1024 + 1); // one byte over 20 MiB
        }
        Path missing = dir.resolve("missing.ipynb");

        String[][] cases = {
            // Jackson reports the column after the bad token: "   oops" ends at column 8
            {badJson.toString(), "regstudy: " + badJson + ": invalid JSON at line 3, column 8: Unrecognized token 'oops'"},
            {v3.toString(), "regstudy: " + v3 + ": nbformat is 3, only nbformat 4 is supported"},
            {python.toString(), "regstudy: " + python + ": metadata.kernelspec.language is 'python', expected 'java'"},
            {badCell.toString(), "regstudy: " + badCell + ": cells[0].source[1]: expected a string, found 3"},
            {big.toString(), "regstudy: " + big + ": file is 20971521 bytes, more than the limit of 20971520 bytes"},
            {missing.toString(), "regstudy: " + missing + ": no such file"},
        };
        for (String[] c : cases) {
            Outcome o = cli("notebook", "run", c[0]);
            assertEquals(2, o.code(), c[0] + ": " + o.err());
            assertEquals(1, o.errLines().size(), o.err());
            assertTrue(o.err().startsWith(c[1]), "expected " + c[1] + "\n got " + o.err());
        }
        assertFalse(Files.exists(missing), "nothing written for a missing notebook");

        Outcome neg = cli("notebook", "run", v3.toString(), "--timeout-minutes", "-1");
        assertEquals(2, neg.code());
        assertTrue(neg.err().startsWith("regstudy: --timeout-minutes must be between 0 and 100000, got -1"), neg.err());
    }

    @Test
    void anExistingOutFileOrOneUnderAFileIsRefusedBeforeAnyCellRuns() throws Exception {
        Path nb = dir.resolve("ok.ipynb");
        // the cell would create this file if it ran
        Path ran = dir.resolve("ran");
        Notebook.create().withCodeCell("java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + ran + "\"), \"x\");")
                .write(nb);
        Path victim = Files.writeString(dir.resolve("victim.csv"), "a,b\n1,2\n");
        Outcome existing = cli("notebook", "run", nb.toString(), "--out", victim.toString());
        assertEquals(2, existing.code(), existing.err());
        assertEquals(List.of("regstudy: --out " + victim + ": already exists; add --force to replace it"), existing.errLines());
        assertEquals("a,b\n1,2\n", Files.readString(victim), "the existing file is untouched");

        Outcome under = cli("notebook", "run", nb.toString(), "--out", victim + "/x.ipynb");
        assertEquals(2, under.code(), under.err());
        assertEquals(1, under.errLines().size(), under.err());
        assertTrue(under.err().contains(victim + " is a file, not a directory"), under.err());
        assertFalse(Files.exists(ran), "no cell ran for a refused --out");

        Outcome directory = cli("notebook", "run", dir.toString());
        assertEquals(2, directory.code(), directory.err());
        assertEquals(List.of("regstudy: " + dir + ": is a directory; give a notebook file (.ipynb)"), directory.errLines());

        Outcome forced = cli("notebook", "run", nb.toString(), "--out", victim.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.exists(ran), "with --force the notebook ran");
        assertEquals(1, Notebook.read(victim).codeCells().size(), "and replaced the file with the executed notebook");
    }

    @Test
    void aTruncatedNotebookAndOneWithAByteOrderMark() throws Exception {
        Path truncated = Files.writeString(dir.resolve("t.ipynb"), "{\"nbformat\": 4, \"cells\": [");
        Outcome t = cli("notebook", "run", truncated.toString());
        assertEquals(2, t.code(), t.err());
        assertEquals(1, t.errLines().size(), t.err());
        assertTrue(t.err().startsWith("regstudy: " + truncated + ": invalid JSON at line 1, column "), t.err());
        assertFalse(t.err().contains("Source") || t.err().contains("StreamReadFeature"), t.err());

        Path ok = dir.resolve("bom.ipynb");
        Notebook.create().withCodeCell("System.out.println(1 + 1);").write(ok);
        Files.writeString(ok, "\uFEFF" + Files.readString(ok));
        Outcome bom = cli("notebook", "run", ok.toString());
        assertEquals(0, bom.code(), bom.err());
        assertEquals(List.of(new CellOutput.Stream("stdout", "2\n")), Notebook.read(ok).outputs(0));
    }
}
