package org.regstudy.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code regstudy data describe} prints: size, classes with counts, per-feature statistics,
 * the scale spread and the fingerprint.
 *
 * @param classCounts examples per class (empty for regression)
 * @param scaleSpread {@code max std / min nonzero std} over features: the "inputs on different
 *     scales" signal (1 = all alike; breast_cancer's is in the thousands); {@code NaN} when no
 *     feature varies
 */
public record DatasetSummary(String name, int rows, int features, int sequenceLength, TaskType task,
                             List<String> classNames, List<Integer> classCounts, List<FeatureStats> featureStats,
                             double scaleSpread, Fingerprint fingerprint) {

    public DatasetSummary {
        classNames = List.copyOf(classNames);
        classCounts = List.copyOf(classCounts);
        featureStats = List.copyOf(featureStats);
    }

    /** Computes the summary in double precision. */
    public static DatasetSummary of(Dataset d) {
        INDArray x = d.features().castTo(DataType.DOUBLE);
        if (d.isSequence()) {
            // [n, f, T] -> [n*T, f]
            x = x.permute(0, 2, 1).dup('c').reshape(-1, d.numFeatures());
        }
        double[] min = x.min(0).toDoubleVector();
        double[] max = x.max(0).toDoubleVector();
        double[] mean = x.mean(0).toDoubleVector();
        double[] std = x.std(false, 0).toDoubleVector();
        List<FeatureStats> stats = new ArrayList<>();
        double maxStd = 0;
        double minStd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < d.numFeatures(); j++) {
            stats.add(new FeatureStats(d.featureNames().get(j), min[j], mean[j], max[j], std[j]));
            maxStd = Math.max(maxStd, std[j]);
            if (std[j] > 0) {
                minStd = Math.min(minStd, std[j]);
            }
        }
        double spread = minStd == Double.POSITIVE_INFINITY ? Double.NaN : maxStd / minStd;
        List<Integer> counts = new ArrayList<>();
        if (d.task() == TaskType.CLASSIFICATION) {
            for (int c : d.classCounts()) {
                counts.add(c);
            }
        }
        return new DatasetSummary(d.name(), d.size(), d.numFeatures(), d.sequenceLength(), d.task(), d.classNames(), counts,
                stats, spread, d.fingerprint());
    }

    /** The feature with the largest std and the one with the smallest nonzero std. */
    private String[] extremes() {
        String hi = null;
        String lo = null;
        double h = -1;
        double l = Double.POSITIVE_INFINITY;
        for (FeatureStats s : featureStats) {
            if (s.std() > h) {
                h = s.std();
                hi = s.name();
            }
            if (s.std() > 0 && s.std() < l) {
                l = s.std();
                lo = s.name();
            }
        }
        return new String[] {hi, lo};
    }

    /** Plain-text report, one fact per line, numbers with 6 significant digits. */
    public String toText() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("dataset: ").append(name).append(nl);
        sb.append("rows: ").append(rows).append(nl);
        sb.append("features: ").append(features).append(sequenceLength > 1 ? " (sequence length " + sequenceLength + ")" : "").append(nl);
        sb.append("task: ").append(task).append(nl);
        if (task == TaskType.CLASSIFICATION) {
            sb.append("classes: ").append(classNames.size()).append(nl);
            for (int c = 0; c < classNames.size(); c++) {
                sb.append(String.format(Locale.ROOT, "  %-12s %8d  (%.1f%%)%n", classNames.get(c), classCounts.get(c),
                        100.0 * classCounts.get(c) / rows));
            }
        }
        int w = Math.max(7, featureStats.stream().mapToInt(s -> s.name().length()).max().orElse(7));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %12s %12s %12s %12s%n", "feature", "min", "mean", "max", "std"));
        for (FeatureStats s : featureStats) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %12.6g %12.6g %12.6g %12.6g%n", s.name(), s.min(), s.mean(), s.max(), s.std()));
        }
        String[] ex = extremes();
        if (Double.isNaN(scaleSpread)) {
            sb.append("scale spread: n/a (no feature varies)").append(nl);
        } else {
            sb.append(String.format(Locale.ROOT, "scale spread: %.6g (largest std %s / smallest nonzero std %s)%s%n", scaleSpread,
                    ex[0], ex[1], scaleSpread >= 10 ? "; inputs on very different scales: standardize" : ""));
        }
        sb.append("fingerprint: ").append(fingerprint).append(nl);
        return sb.toString();
    }
}
