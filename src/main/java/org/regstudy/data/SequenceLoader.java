package org.regstudy.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequence datasets for LSTM studies ({@code features [n, f, T]}, {@code labels [n, k|1, T]}),
 * read from CSV in one of two layouts. Both use {@link CsvLoader}'s parser, so the same
 * {@code FILE:LINE:COL} errors apply.
 *
 * <ol>
 *   <li><b>Sliding windows over one series</b> ({@link #slidingWindows}): each row is one time
 *       step; every column is an input channel and one of them (the label column, default the
 *       last) is the target series {@code y}. Window {@code i} starts at step {@code s = i * stride}
 *       and covers steps {@code s .. s+W-1}; its label at step {@code t} is the <em>next</em> value
 *       {@code y_{t+1}} (next-value regression at every step). The number of windows is
 *       {@code floor((rows - W - 1) / stride) + 1}, so the last label used is at most the last row.</li>
 *   <li><b>One sequence per row group</b> ({@link #groups}): a group column holds a sequence id;
 *       consecutive rows with the same id form one sequence, in file order. All sequences must
 *       have the same length {@code T} (there are no masks). The group column is dropped from the
 *       inputs; the label column gives a label per step (classification: one-hot per step,
 *       classes over the whole file; regression: the value).</li>
 * </ol>
 */
public final class SequenceLoader {
    private SequenceLoader() {
    }

    /**
     * Sliding next-value windows over the series in {@code file}. {@code options.labelColumn()}
     * names the target series (null = last column); {@code options.task()} must be REGRESSION.
     *
     * @param window steps per window {@code W >= 1}
     * @param stride steps between window starts, {@code >= 1}
     */
    public static Dataset slidingWindows(Path file, CsvOptions options, int window, int stride) {
        if (options.task() != TaskType.REGRESSION) {
            throw new IllegalArgumentException("sliding windows predict the next value: options.task must be REGRESSION, got " + options.task());
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        CsvLoader.Parsed p = CsvLoader.parse(file, options, true);
        int c = p.featureNames.size();
        int target;
        String spec = options.labelColumn();
        if (spec == null) {
            target = c - 1;
        } else if (CsvOptions.isIndex(spec)) {
            target = spec.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(spec);
            if (target >= c) {
                throw CsvLoader.error(file, 1, 1, "label column index " + spec + " out of range: the file has " + c + " columns");
            }
        } else {
            target = p.featureNames.indexOf(spec);
            if (target < 0) {
                throw CsvLoader.error(file, 1, 1, "no column named '" + spec + "' in the header");
            }
            CsvLoader.refuseAmbiguousLabel(file, 1, p.featureNames, spec, target);
        }
        if (p.rows < window + 1) {
            throw CsvLoader.error(file, p.firstDataLine + p.rows - 1, 1, "series has " + p.rows
                    + " rows; a window of " + window + " steps plus the next value needs at least " + (window + 1));
        }
        double[][] cols = new double[c][];
        INDArray dbl = p.features.castTo(DataType.DOUBLE);
        for (int j = 0; j < c; j++) {
            cols[j] = dbl.getColumn(j).toDoubleVector();
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        Fingerprint fp = new Fingerprint(p.fingerprint.sha256(), p.fingerprint.description()
                + " layout=windows target=" + p.featureNames.get(target) + " window=" + window + " stride=" + stride);
        return windows(name, cols, p.featureNames, target, window, stride, fp);
    }

    /**
     * Next-value windows over columns {@code cols[channel][step]}: inputs all channels, label the
     * target channel one step ahead.
     */
    static Dataset windows(String name, double[][] cols, List<String> names, int target, int window, int stride, Fingerprint fp) {
        int steps = cols[0].length;
        int c = cols.length;
        int n = (steps - window - 1) / stride + 1;
        // each window copies its steps: n * c * window values can be far more than the file holds
        Generators.checkValues(n + " windows of " + window + " steps x " + c + " columns", (long) n * c * window);
        float[] f = new float[n * c * window];
        float[] l = new float[n * window];
        for (int i = 0; i < n; i++) {
            int s = i * stride;
            for (int j = 0; j < c; j++) {
                for (int t = 0; t < window; t++) {
                    f[(i * c + j) * window + t] = (float) cols[j][s + t];
                }
            }
            for (int t = 0; t < window; t++) {
                l[i * window + t] = (float) cols[target][s + t + 1];
            }
        }
        INDArray features = Nd4j.create(f, new long[] {n, c, window}, 'c');
        INDArray labels = Nd4j.create(l, new long[] {n, 1, window}, 'c');
        return new Dataset(name, features, labels, TaskType.REGRESSION, names, List.of(), fp);
    }

    /** The largest magnitude at which a float32 still holds every integer: 2^24 = 16777216. */
    static final float MAX_EXACT_GROUP_ID = 16_777_216f;

    /**
     * One sequence per group of consecutive rows with the same value in {@code groupColumn} (a
     * header name, or a 0-based file column index as digits). Labels per step from
     * {@code options.labelColumn()} as in {@link CsvLoader}.
     */
    public static Dataset groups(Path file, CsvOptions options, String groupColumn) {
        if (groupColumn == null || groupColumn.isBlank()) {
            throw new IllegalArgumentException("groupColumn must be a name or an index, got '" + groupColumn + "'");
        }
        CsvLoader.Parsed p = CsvLoader.parse(file, options, false);
        int f = p.featureNames.size();
        int g;
        int fileCol;
        if (CsvOptions.isIndex(groupColumn)) {
            fileCol = groupColumn.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(groupColumn);
            if (fileCol == p.labelIndex || fileCol > f) {
                throw CsvLoader.error(file, 1, 1, "group column index " + groupColumn + " is the label column or out of range");
            }
            g = fileCol < p.labelIndex ? fileCol : fileCol - 1;
        } else {
            g = p.featureNames.indexOf(groupColumn);
            if (g < 0) {
                throw CsvLoader.error(file, 1, 1, "no feature column named '" + groupColumn + "' for the groups");
            }
            if (p.featureNames.lastIndexOf(groupColumn) != g) {
                throw CsvLoader.error(file, 1, 1, "the group column '" + groupColumn + "' names two columns of the header;"
                        + " give the group column's index instead");
            }
            fileCol = g < p.labelIndex ? g : g + 1;
        }
        if (f < 2) {
            throw CsvLoader.error(file, 1, 1, "no input column besides the group column '" + p.featureNames.get(g) + "'");
        }
        int col = p.firstDataColumns[fileCol];
        float[] ids = p.features.getColumn(g).toFloatVector();
        for (int r = 0; r < p.rows; r++) {
            // Values are read as 32-bit floats, which are exact for integers only up to 2^24: ids
            // 100000001 and 100000002 would both read as 1.0E8 and two sequences merge into one.
            if (Math.abs(ids[r]) > MAX_EXACT_GROUP_ID) {
                throw CsvLoader.error(file, p.firstDataLine + r, col, "sequence id " + ids[r] + " in column '"
                        + p.featureNames.get(g) + "' is too large to tell apart from its neighbours (values are read as"
                        + " 32-bit floats, exact for integers up to " + (long) MAX_EXACT_GROUP_ID + "); renumber the sequences from 0");
            }
        }
        int steps = -1;
        int start = 0;
        List<Integer> starts = new ArrayList<>();
        for (int r = 1; r <= p.rows; r++) {
            if (r == p.rows || ids[r] != ids[start]) {
                int len = r - start;
                if (steps < 0) {
                    steps = len;
                } else if (len != steps) {
                    throw CsvLoader.error(file, p.firstDataLine + start, col, "sequence '" + ids[start] + "' has " + len
                            + " rows but the first sequence has " + steps + " (all sequences must have the same length)");
                }
                starts.add(start);
                start = r;
            }
        }
        int n = starts.size();
        int[] keep = new int[f - 1];
        List<String> names = new ArrayList<>();
        for (int j = 0, m = 0; j < f; j++) {
            if (j != g) {
                keep[m++] = j;
                names.add(p.featureNames.get(j));
            }
        }
        INDArray inputs2d = p.features.getColumns(keep);
        INDArray features = inputs2d.reshape('c', n, steps, f - 1).permute(0, 2, 1).dup('c');
        INDArray labels2d;
        if (options.task() == TaskType.CLASSIFICATION) {
            labels2d = Nd4j.create(DataType.FLOAT, p.rows, p.classNames.size());
            for (int i = 0; i < p.rows; i++) {
                labels2d.putScalar(i, p.classIds[i], 1.0f);
            }
        } else {
            labels2d = Nd4j.createFromArray(p.targets).reshape(p.rows, 1);
        }
        INDArray labels = labels2d.reshape('c', n, steps, labels2d.size(1)).permute(0, 2, 1).dup('c');
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        Fingerprint fp = new Fingerprint(p.fingerprint.sha256(), p.fingerprint.description() + " layout=groups group=" + groupColumn);
        return new Dataset(name, features, labels, options.task(), names, p.classNames, fp);
    }
}
