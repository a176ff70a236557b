package org.regstudy.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.regstudy.search.ProgressListener;
import org.regstudy.search.RunRecord;
import org.regstudy.train.EpochRecord;

/**
 * Prints one progress line per finished run on stderr: runs done/total, elapsed time, ETA
 * (from the mean time of runs trained in this session; none when the total is not known), and the
 * current best candidate by mean validation data loss, among those with the most completed runs so far.
 */
final class ProgressPrinter implements ProgressListener {
    private final PrintStream err;
    private final String unit;
    private final long start = System.nanoTime();
    private int trainedHere;
    private final Map<String, double[]> lossByCandidate = new HashMap<>();

    private final String header;

    /** @param header printed once the job's directory is open (null: none) */
    ProgressPrinter(PrintStream err, String unit, String header) {
        this.err = err;
        this.unit = unit;
        this.header = header;
    }

    @Override
    public void jobOpened(java.nio.file.Path dir) {
        if (header != null) {
            err.println(header);
        }
    }

    @Override
    public void runFinished(RunRecord r, int done, int total, boolean resumed) {
        if (!resumed) {
            trainedHere++;
        }
        EpochRecord k = r.kept();
        if (r.status() == org.regstudy.train.RunStatus.COMPLETED && k != null && Double.isFinite(k.validationLoss())) {
            lossByCandidate.merge(r.candidateId(), new double[] {k.validationLoss(), 1},
                    (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        }
        String best = "";
        double bestLoss = Double.POSITIVE_INFINITY;
        // only candidates with as many completed runs as the most any has: a mean over one seed is not
        // compared with a mean over all of another's repeats
        double most = lossByCandidate.values().stream().mapToDouble(v -> v[1]).max().orElse(0);
        for (Map.Entry<String, double[]> e : lossByCandidate.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (e.getValue()[1] == most && mean < bestLoss) {
                bestLoss = mean;
                best = e.getKey();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // total 0: not known in advance (a grid search bounded only by its grid or by time)
        String count = total > 0 ? done + "/" + total : Integer.toString(done);
        String eta = total <= 0 ? "" : ", ETA " + (trainedHere == 0 ? "?" : clock(elapsed / trainedHere * (total - done)));
        err.printf(Locale.ROOT, "[%s %s] %s %s%s | elapsed %s%s | best so far %s%n", count, unit, r.id(),
                resumed ? "resumed " : "", describe(r), clock(elapsed), eta,
                best.isEmpty() ? "-" : best + String.format(Locale.ROOT, " (val loss %.4f)", bestLoss));
        err.flush();
    }

    private static String describe(RunRecord r) {
        EpochRecord k = r.kept();
        return switch (r.status()) {
            case COMPLETED -> String.format(Locale.ROOT, "val loss %.4f", k == null ? Double.NaN : k.validationLoss());
            case DIVERGED -> "DIVERGED (" + r.reason() + ")";
            case FAILED -> "FAILED (" + r.reason() + ")";
        };
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
