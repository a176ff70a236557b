package org.regstudy.search;

/** Told about every finished (or resumed) run; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {
    void runFinished(RunRecord record, int done, int total, boolean resumed);

    ProgressListener NONE = (r, d, t, resumed) -> { };
}
