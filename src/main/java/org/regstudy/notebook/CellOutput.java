package org.regstudy.notebook;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** One output of a code cell, as nbformat 4 stores it. */
public sealed interface CellOutput {

    /** Text written to {@code stdout} or {@code stderr}. */
    record Stream(String name, String text) implements CellOutput {
        public Stream {
            if (!"stdout".equals(name) && !"stderr".equals(name)) {
                throw new IllegalArgumentException("name must be stdout or stderr, got " + name);
            }
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
        }
    }

    /**
     * Something a cell displayed: a PNG image (then {@code png} holds its bytes) and/or text.
     * {@code text} is the {@code text/plain} representation and is always present.
     */
    record DisplayData(byte[] png, String text) implements CellOutput {
        public DisplayData {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
            png = png == null ? null : png.clone();
        }

        /** The PNG bytes (a copy), or null when this is text only. */
        @Override
        public byte[] png() {
            return png == null ? null : png.clone();
        }

        /** The PNG as base64, as stored under {@code data."image/png"}; null when text only. */
        public String pngBase64() {
            return png == null ? null : Base64.getEncoder().encodeToString(png);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DisplayData d && Arrays.equals(png, d.png) && text.equals(d.text);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(png) + text.hashCode();
        }

        @Override
        public String toString() {
            return "DisplayData[png=" + (png == null ? "none" : png.length + " bytes") + ", text=" + text + "]";
        }
    }

    /** The value of a cell's last expression ({@code text/plain}). */
    record ExecuteResult(int executionCount, String text) implements CellOutput {
        public ExecuteResult {
            if (executionCount < 1) {
                throw new IllegalArgumentException("executionCount must be >= 1, got " + executionCount);
            }
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
        }
    }

    /** The error that stopped the run: exception class name, message and stack trace lines. */
    record Error(String ename, String evalue, List<String> traceback) implements CellOutput {
        public Error {
            if (ename == null || evalue == null || traceback == null) {
                throw new IllegalArgumentException("ename, evalue and traceback must not be null");
            }
            traceback = List.copyOf(traceback);
        }
    }
}
