package org.regstudy.notebook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one cell's outputs in the order they happen: consecutive writes to the same stream
 * become one stream output; a display call ends the current stream output. Thread-safe (a cell
 * may print from several threads). Stream text beyond {@link #MAX_STREAM_BYTES} per cell is
 * dropped with a note, so a runaway loop cannot produce a gigabyte notebook.
 */
final class OutputCollector {

    /** At most this many bytes (4 MiB) of stdout+stderr text are kept per cell. */
    static final int MAX_STREAM_BYTES = 4 * 1024 * 1024;

    private final List<CellOutput> outputs = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String pendingName;
    private long streamBytes;
    private boolean truncated;

    synchronized void write(String name, byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (!name.equals(pendingName)) {
            flush();
            pendingName = name;
        }
        long room = MAX_STREAM_BYTES - streamBytes;
        int n = (int) Math.min(len, Math.max(0, room));
        pending.write(b, off, n);
        streamBytes += n;
        if (n < len && !truncated) {
            truncated = true;
            byte[] note = ("\n[output truncated: more than " + MAX_STREAM_BYTES + " bytes]\n")
                    .getBytes(StandardCharsets.UTF_8);
            pending.write(note, 0, note.length);
        }
    }

    synchronized void add(CellOutput output) {
        flush();
        outputs.add(output);
    }

    /** The outputs so far, pending stream text included. */
    synchronized List<CellOutput> finish() {
        flush();
        return List.copyOf(outputs);
    }

    private void flush() {
        if (pending.size() > 0) {
            outputs.add(new CellOutput.Stream(pendingName, pending.toString(StandardCharsets.UTF_8)));
            pending.reset();
        }
        pendingName = null;
    }
}
