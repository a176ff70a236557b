package org.regstudy.notebook;

/**
 * One code cell of a notebook.
 *
 * @param number 1-based number among the code cells (what error messages call "cell N")
 * @param index  0-based position among all cells of the notebook (markdown cells included)
 * @param source the cell's source text
 */
public record CodeCell(int number, int index, String source) {
    public CodeCell {
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1, got " + number);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
    }
}
