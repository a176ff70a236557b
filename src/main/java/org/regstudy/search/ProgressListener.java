package org.regstudy.search;

/** Told about every finished (or resumed) run; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {
    void runFinished(RunRecord record, int done, int total, boolean resumed);

    /** Told once the job's result directory is open, before any run (a job refused before that is not started). */
    default void jobOpened(java.nio.file.Path dir) {
    }

    ProgressListener NONE = (r, d, t, resumed) -> { };
}
