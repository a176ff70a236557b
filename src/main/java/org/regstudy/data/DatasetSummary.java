package org.regstudy.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code regstudy data describe} prints: size, classes with counts (or a regression target's
 * statistics), per-feature statistics, the scale spread and the fingerprint.
 *
 * @param classCounts examples per class (empty for regression)
 * @param targetStats per target column of a regression (named {@code target}, or {@code target[i]}
 *     for several): min, mean, max, std; empty for classification
 * @param scaleSpread {@code max std / min nonzero std} over features: the "inputs on different
 *     scales" signal (1 = all alike; breast_cancer's is in the thousands); {@code NaN} when no
 *     feature varies
 */
public record DatasetSummary(String name, int rows, int features, int sequenceLength, TaskType task,
                             List<String> classNames, List<Integer> classCounts, List<FeatureStats> featureStats,
                             double scaleSpread, Fingerprint fingerprint, List<FeatureStats> targetStats) {

    public DatasetSummary {
        classNames = List.copyOf(classNames);
        classCounts = List.copyOf(classCounts);
        featureStats = List.copyOf(featureStats);
        targetStats = List.copyOf(targetStats);
    }

    /** min, mean, max and population std of each column of {@code x} ([n, f], or [n, f, T] for sequences). */
    private static List<FeatureStats> columnStats(INDArray x, List<String> names) {
        INDArray m = x.castTo(DataType.DOUBLE);
        if (m.rank() == 3) {
            // [n, f, T] -> [n*T, f]
            m = m.permute(0, 2, 1).dup('c').reshape(-1, m.size(1));
        }
        double[] min = m.min(0).toDoubleVector();
        double[] max = m.max(0).toDoubleVector();
        double[] mean = m.mean(0).toDoubleVector();
        double[] std = m.std(false, 0).toDoubleVector();
        List<FeatureStats> out = new ArrayList<>();
        for (int j = 0; j < min.length; j++) {
            out.add(new FeatureStats(names.get(j), min[j], mean[j], max[j], std[j]));
        }
        return out;
    }

    /** Computes the summary in double precision. */
    public static DatasetSummary of(Dataset d) {
        List<FeatureStats> stats = columnStats(d.features(), d.featureNames());
        double maxStd = 0;
        double minStd = Double.POSITIVE_INFINITY;
        for (FeatureStats f : stats) {
            maxStd = Math.max(maxStd, f.std());
            if (f.std() > 0) {
                minStd = Math.min(minStd, f.std());
            }
        }
        double spread = minStd == Double.POSITIVE_INFINITY ? Double.NaN : maxStd / minStd;
        List<Integer> counts = new ArrayList<>();
        if (d.task() == TaskType.CLASSIFICATION) {
            for (int c : d.classCounts()) {
                counts.add(c);
            }
        }
        List<FeatureStats> targets = List.of();
        if (d.task() == TaskType.REGRESSION) {
            int k = (int) d.labels().size(1);
            List<String> names = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                names.add(k == 1 ? "target" : "target[" + j + "]");
            }
            targets = columnStats(d.labels(), names);
        }
        return new DatasetSummary(d.name(), d.size(), d.numFeatures(), d.sequenceLength(), d.task(), d.classNames(), counts,
                stats, spread, d.fingerprint(), targets);
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
        for (FeatureStats s : targetStats) {
            sb.append(String.format(Locale.ROOT, "%s: min %.6g, mean %.6g, max %.6g, std %.6g%n", s.name(), s.min(), s.mean(),
                    s.max(), s.std()));
        }
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
