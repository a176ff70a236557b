package org.regstudy.data;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.regstudy.common.AtomicFiles;

/**
 * Writes table datasets and series as CSV that {@link CsvLoader} / {@link SequenceLoader} read
 * back: a header row of names, one row per example, the label last (the class index for
 * classification, the target for regression). Values are written with {@link Float#toString}, which
 * reads back to the identical float. Files are written atomically.
 */
public final class DatasetCsv {
    private DatasetCsv() {
    }

    /** Writes a table dataset (not a sequence) to {@code file}, replacing it atomically. */
    public static void write(Dataset d, Path file) {
        if (d.isSequence()) {
            throw new IllegalArgumentException("write() takes table datasets; " + d.name() + " is a sequence dataset");
        }
        float[][] x = d.features().toFloatMatrix();
        int[] cls = d.task() == TaskType.CLASSIFICATION ? d.classIndices() : null;
        float[] y = cls == null ? d.labels().reshape(d.size()).toFloatVector() : null;
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(String.join(",", d.featureNames()));
            w.write(",label\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                sb.setLength(0);
                for (float v : x[i]) {
                    sb.append(v).append(',');
                }
                if (cls != null) {
                    sb.append(cls[i]);
                } else {
                    sb.append(y[i]);
                }
                sb.append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }

    /** Writes a series as one column named {@code column}, one value per row. */
    public static void writeSeries(double[] series, String column, Path file) {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(column);
            w.write('\n');
            for (double v : series) {
                w.write(Float.toString((float) v));
                w.write('\n');
            }
            w.flush();
        });
    }
}
