package org.regstudy.notebook;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The stream installed as {@code System.out} / {@code System.err} while a notebook runs: bytes go
 * to the current cell's {@link OutputCollector}, or, between cells, to the original stream.
 */
final class RoutingStream extends OutputStream {
    private final String name;
    private final PrintStream fallback;
    private volatile OutputCollector target;

    RoutingStream(String name, PrintStream fallback) {
        this.name = name;
        this.fallback = fallback;
    }

    void target(OutputCollector collector) {
        this.target = collector;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        OutputCollector t = target;
        if (t != null) {
            t.write(name, b, off, len);
        } else {
            fallback.write(b, off, len);
        }
    }

    @Override
    public void flush() {
        if (target == null) {
            fallback.flush();
        }
    }
}
