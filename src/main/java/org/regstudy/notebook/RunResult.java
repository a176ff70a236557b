package org.regstudy.notebook;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of running a notebook.
 *
 * @param notebook  the notebook with the outputs of every cell run (up to and including a failed
 *                  cell, whose outputs end with an {@code error} output); later cells have none
 * @param codeCells the number of code cells in the notebook
 * @param cellsRun  the number of code cells executed (the failed one included)
 * @param failure   why the run stopped early, empty when every cell ran
 * @param elapsed   wall time of the run, JShell start-up included
 */
public record RunResult(Notebook notebook, int codeCells, int cellsRun, Optional<CellFailure> failure,
        Duration elapsed) {
    public RunResult {
        if (notebook == null || failure == null || elapsed == null) {
            throw new IllegalArgumentException("notebook, failure and elapsed must not be null");
        }
    }

    /** True when every code cell ran without error. */
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
