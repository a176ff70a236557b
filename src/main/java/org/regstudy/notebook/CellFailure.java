package org.regstudy.notebook;

/**
 * Why a run stopped at a code cell.
 *
 * @param notebook   the notebook's name as given (for messages)
 * @param cellNumber 1-based number among code cells
 * @param cellIndex  0-based index among all cells of the notebook
 * @param kind       what went wrong
 * @param message    one line: the exception with its message, or the compiler's message with the
 *                   line within the cell
 */
public record CellFailure(String notebook, int cellNumber, int cellIndex, Kind kind, String message) {

    /** What went wrong in a cell. */
    public enum Kind {
        /** The cell does not compile (JShell rejected a snippet). */
        COMPILE_ERROR,
        /** The cell ends in the middle of a statement or declaration. */
        INCOMPLETE,
        /** Code in the cell threw an exception. */
        EXCEPTION,
        /** The cell used a method or class whose declaration refers to something undefined. */
        UNRESOLVED_REFERENCE,
        /** The run's time limit passed while this cell ran. */
        TIMEOUT,
        /** JShell itself failed (for example the execution engine died). */
        ENGINE
    }

    public CellFailure {
        if (notebook == null || kind == null || message == null) {
            throw new IllegalArgumentException("notebook, kind and message must not be null");
        }
        if (cellNumber < 1 || cellIndex < 0) {
            throw new IllegalArgumentException("cellNumber must be >= 1 and cellIndex >= 0, got "
                    + cellNumber + ", " + cellIndex);
        }
        message = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** {@code NB.ipynb: cell 4 (index 6): java.lang.IllegalStateException: conclusion failed: ...}. */
    public String oneLine() {
        return notebook + ": cell " + cellNumber + " (index " + cellIndex + "): " + message;
    }
}
