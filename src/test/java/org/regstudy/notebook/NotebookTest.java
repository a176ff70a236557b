package org.regstudy.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.common.BadInputException;

/** The nbformat model without JShell: round trips, Jupyter's layout, validation, Display outside a run. */
class NotebookTest {

    @TempDir
    Path dir;

    @Test
    void createdNotebookHasJavaKernelAndJupyterLayout() {
        Notebook nb = Notebook.create().withMarkdownCell("# T\ntext").withCodeCell("int a = 1;\nint b = 2;");
        String json = nb.toJson();
        // Jupyter's layout: one-space indent, "key": value, source as lines keeping \n, empty list as []
        assertEquals("""
                {
                 "cells": [
                  {
                   "cell_type": "markdown",
                   "id": "cell-1",
                   "metadata": {},
                   "source": [
                    "# T\\n",
                    "text"
                   ]
                  },
                  {
                   "cell_type": "code",
                   "execution_count": null,
                   "id": "cell-2",
                   "metadata": {},
                   "outputs": [],
                   "source": [
                    "int a = 1;\\n",
                    "int b = 2;"
                   ]
                  }
                 ],
                 "metadata": {
                  "kernelspec": {
                   "display_name": "Java",
                   "language": "java",
                   "name": "java"
                  },
                """, json.substring(0, json.indexOf("  \"language_info\"")));
        assertTrue(json.endsWith(" \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"), json);
        assertEquals(List.of(new CodeCell(1, 1, "int a = 1;\nint b = 2;")), nb.codeCells());
    }

    @Test
    void outputsRoundTripThroughTheFile() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        List<CellOutput> outs = List.of(
                new CellOutput.Stream("stdout", "one\ntwo\n"),
                new CellOutput.DisplayData(png, "PNG image 1x1"),
                new CellOutput.ExecuteResult(3, "42"),
                new CellOutput.Error("java.lang.RuntimeException", "boom", List.of("java.lang.RuntimeException: boom", "\tat X")));
        Notebook nb = Notebook.create().withCodeCell("x").withOutputs(0, 3, outs);
        Path f = dir.resolve("rt.ipynb");
        nb.write(f);
        Notebook back = Notebook.read(f);
        assertEquals(outs, back.outputs(0));
        assertArrayEquals(png, ((CellOutput.DisplayData) back.outputs(0).get(1)).png());
        assertEquals(nb.toJson(), back.toJson(), "byte-identical after a read/write cycle");
        assertEquals(List.of(), back.withoutOutputs().outputs(0));
        assertThrows(IllegalArgumentException.class, () -> nb.withOutputs(5, 1, List.of()));
    }

    @Test
    void unknownFieldsSurvive() {
        String json = "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {\"x\": {\"y\": [1]}},"
                + " \"cells\": [{\"cell_type\": \"code\", \"source\": \"1\", \"metadata\": {\"collapsed\": true},"
                + " \"attachments\": {\"a.png\": {}}, \"outputs\": [{\"output_type\": \"display_data\","
                + " \"data\": {\"text/html\": \"<b>x</b>\"}, \"metadata\": {}}]}]}";
        Notebook nb = Notebook.parse(json, "mem");
        String out = nb.toJson();
        assertTrue(out.contains("\"y\": [\n    1\n   ]"), out);
        assertTrue(out.contains("\"collapsed\": true"), out);
        assertTrue(out.contains("\"a.png\": {}"), out);
        assertTrue(out.contains("\"text/html\": \"<b>x</b>\""), out);
        assertEquals(List.of(), nb.outputs(0), "html-only output is kept but not modelled");
    }

    @Test
    void invalidStructureIsBadInput() {
        assertEquals("n: field cells missing",
                assertThrows(BadInputException.class, () -> Notebook.parse("{\"nbformat\": 4}", "n")).getMessage());
        assertEquals("n: cells[0]: cell_type is 'python', expected code, markdown or raw",
                assertThrows(BadInputException.class, () -> Notebook.parse(
                        "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"python\", \"source\": \"\"}]}", "n")).getMessage());
        assertEquals("n: expected a JSON object (a Jupyter notebook), found array",
                assertThrows(BadInputException.class, () -> Notebook.parse("[]", "n")).getMessage());
        assertEquals("n: empty file, expected a Jupyter notebook (JSON object)",
                assertThrows(BadInputException.class, () -> Notebook.parse("", "n")).getMessage());
    }

    @Test
    void displayOutsideARunPrintsAPlaceholderAndChecksThePng() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", png);
            Path file = dir.resolve("c.png");
            Files.write(file, png.toByteArray());
            Display.png(file);
            Display.text("note");
        } finally {
            System.setOut(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[PNG image 3x2, "), lines.get(0));
        assertEquals("note", lines.get(1));
        assertEquals("png is not a PNG image (4 bytes, no PNG signature)",
                assertThrows(IllegalArgumentException.class, () -> Display.png(new byte[] {1, 2, 3, 4})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Display.png(dir.resolve("none.png")));
    }

    @Test
    void magicLinesAreBlankedKeepingLineNumbers() {
        assertEquals("\nint a = 1;\n\nx % 2", NotebookRunner.stripMagics("%jars a.jar\nint a = 1;\n  %%time\nx % 2"));
    }
}
