package org.regstudy.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ending in \n, \r\n or \r) like {@code BufferedReader.readLine()}, but never builds a
 * line longer than a limit: an over-long line is reported as soon as the limit is passed, so a file
 * with one huge line cannot exhaust the heap.
 */
final class BoundedLineReader {

    /** Thrown when a line exceeds the limit; the caller turns it into a one-line error with the line number. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int max) {
            super("line longer than " + max + " characters");
        }
    }

    private final Reader in;
    private final int max;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean skipLf;
    private final StringBuilder line = new StringBuilder();

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.max = maxChars;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return any ? line.toString() : null;
                }
            }
            char c = buf[pos++];
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                skipLf = true;
                return line.toString();
            }
            any = true;
            if (line.length() >= max) {
                throw new LineTooLongException(max);
            }
            line.append(c);
        }
    }
}
