package org.regstudy.notebook;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run a notebook.
 *
 * @param small    what {@link Display#small()} returns inside the cells (the CLI's {@code --small})
 * @param timeout  limit for the whole run, or null for none; when it passes, the running cell is
 *                 stopped and the run fails at that cell
 * @param progress receives one line per cell start and end (for stderr); never results
 */
public record RunOptions(boolean small, Duration timeout, Consumer<String> progress) {
    public RunOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive or null, got " + timeout);
        }
        if (progress == null) {
            progress = line -> { };
        }
    }

    /** Full settings, no time limit, no progress lines. */
    public static RunOptions defaults() {
        return new RunOptions(false, null, null);
    }

    public RunOptions withSmall(boolean value) {
        return new RunOptions(value, timeout, progress);
    }

    public RunOptions withTimeout(Duration value) {
        return new RunOptions(small, value, progress);
    }

    public RunOptions withProgress(Consumer<String> value) {
        return new RunOptions(small, timeout, value);
    }
}
