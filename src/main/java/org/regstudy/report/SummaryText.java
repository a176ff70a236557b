package org.regstudy.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.regstudy.diagnosis.CurvePoint;
import org.regstudy.diagnosis.RepeatDiagnosis;
import org.regstudy.diagnosis.Selection;
import org.regstudy.search.StudySummary;
import org.regstudy.search.StudySummary.CandidateSummary;

/**
 * Plain-text views of a study or search summary for the terminal: the study table (one row per
 * candidate), the selections with their held-out test metric, and the leaderboard.
 */
public final class SummaryText {
    private SummaryText() {
    }

    /** How to order a leaderboard. */
    public enum Sort { VAL_LOSS, METRIC, GAP }

    /** The study table, then the best and 1-SE choices and their held-out test metric. */
    public static String study(StudySummary s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"candidate", "strength", "train " + s.metric(), "val " + s.metric(), "val loss", "gap/L0",
            "sweep reading", "rules (repeats)", "runs"});
        for (CandidateSummary c : s.candidates()) {
            rows.add(row(c, s.metric()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(s.kind()).append(' ').append(s.name()).append(": ").append(s.penalty()).append('\n');
        sb.append(table(rows));
        sb.append(problems(s));
        sb.append(stillImproving(s.candidates()));
        sb.append(selections(s));
        return sb.toString();
    }

    /** How many diverged or failed runs {@link #problems} names before it counts the rest. */
    static final int PROBLEMS_SHOWN = 5;

    /**
     * One line per diverged or failed run with its reason (the table only counts them), the first
     * {@value #PROBLEMS_SHOWN}, then how many more summary.json lists; nothing when every run completed.
     */
    static String problems(StudySummary s) {
        List<String> p = s.problems() == null ? List.of() : s.problems();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(PROBLEMS_SHOWN, p.size()); i++) {
            sb.append("run ").append(p.get(i)).append('\n');
        }
        if (p.size() > PROBLEMS_SHOWN) {
            sb.append("... and ").append(p.size() - PROBLEMS_SHOWN).append(" more diverged or failed runs (summary.json: problems)\n");
        }
        return sb.toString();
    }

    /**
     * One line naming those of {@code shown} with runs still improving when training ended
     * ({@link org.regstudy.diagnosis.VerdictRules#stillImproving}), or nothing when there are none.
     */
    static String stillImproving(List<CandidateSummary> shown) {
        String list = stillImprovingList(shown);
        return list == null ? "" : STILL_IMPROVING + ": " + list + "\n";
    }

    /** What {@link #stillImproving} and the report's summary say before the list. */
    static final String STILL_IMPROVING = "still improving when training ended (validation loss falling over its last tenth)";

    /** "s01 (1 of 3 runs), ...; more epochs may change these verdicts", or null when no run was still improving. */
    static String stillImprovingList(List<CandidateSummary> candidates) {
        List<String> ids = new ArrayList<>();
        for (CandidateSummary c : candidates) {
            String k = c.repeats() == null ? null : c.repeats().stillImproving();
            if (k != null) {
                ids.add(c.id() + " (" + k + " runs)");
            }
        }
        return ids.isEmpty() ? null : String.join(", ", ids) + "; more epochs may change these verdicts";
    }

    /** The leaderboard: candidates sorted, the top {@code top} of them. */
    public static String leaderboard(StudySummary s, Sort sort, int top) {
        List<CandidateSummary> sorted = sorted(s, sort).stream().limit(top).toList();
        List<String[]> rows = new ArrayList<>();
        rows.add(leaderboardHeader(s.metric()));
        int rank = 1;
        for (CandidateSummary c : sorted) {
            rows.add(leaderboardRow(rank++, c, s.metric()));
        }
        return s.kind() + " " + s.name() + ": " + s.candidates().size() + " candidates, " + s.runs() + " runs ("
                + s.completed() + " completed, " + s.diverged() + " diverged, " + s.failed() + " failed)\n"
                + table(rows) + (sorted.size() < s.candidates().size() ? "shown: " + sorted.size() + " of " + s.candidates().size()
                        + " candidates (regstudy results DIR --top " + s.candidates().size() + " lists all)\n" : "")
                + problems(s) + stillImproving(sorted) + selections(s);
    }

    /** The leaderboard's column names (shared by the text and the HTML report). */
    static String[] leaderboardHeader(String metric) {
        return new String[] {"rank", "candidate", "parameters", "val loss", "val " + metric, "gap/L0", "sweep reading",
            "rules (repeats)", "runs"};
    }

    /** One leaderboard row (shared by the text and the HTML report). */
    static String[] leaderboardRow(int rank, CandidateSummary c, String metric) {
        String[] r = row(c, metric);
        return new String[] {Integer.toString(rank), c.id(), params(c), r[4], r[3], r[5], r[6], r[7], r[8]};
    }

    /**
     * All candidates in leaderboard order: by mean validation loss (ascending), by the headline
     * metric (accuracy descending, RMSE ascending) or by the mean gap ratio (ascending); candidates
     * without a value (no completed run) come last. The sort is stable, so ties keep candidate order.
     */
    public static List<CandidateSummary> sorted(StudySummary s, Sort sort) {
        Comparator<CandidateSummary> order = switch (sort) {
            case VAL_LOSS -> Comparator.comparingDouble(c -> nanLast(c.point().meanValidationLoss()));
            case METRIC -> "rmse".equals(s.metric())
                    ? Comparator.comparingDouble(c -> nanLast(c.point().meanValidationMetric()))
                    : Comparator.comparingDouble(c -> nanLast(-c.point().meanValidationMetric()));
            case GAP -> Comparator.comparingDouble(c -> nanLast(gap(c)));
        };
        return s.candidates().stream().sorted(order).toList();
    }

    static String params(CandidateSummary c) {
        StringBuilder sb = new StringBuilder();
        c.parameters().forEach((k, v) -> {
            // the summed DL4J strength is the strength column's; "dl4jStrength" is its name in older directories
            if (!"dl4jStrengthSum".equals(k) && !"dl4jStrength".equals(k)) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                        .append(v instanceof Double d ? num(d) : String.valueOf(v));
            }
        });
        return sb.toString();
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static double gap(CandidateSummary c) {
        RepeatDiagnosis r = c.repeats();
        return r == null ? Double.NaN : r.gapRatio().mean();
    }

    /** The study-table cells of one candidate (shared by the text and the HTML report). */
    static String[] row(CandidateSummary c, String metric) {
        CurvePoint p = c.point();
        Object strength = c.parameters().getOrDefault("strength", c.strength());
        String runs = c.completed() + " ok" + (c.diverged() > 0 ? ", " + c.diverged() + " diverged" : "")
                + (c.failed() > 0 ? ", " + c.failed() + " failed" : "");
        String rules = c.repeats() == null ? (c.diverged() > 0 ? "DIVERGED" : c.failed() > 0 ? "FAILED" : "-")
                : c.repeats().verdict().name() + (c.repeats().hasInterval() ? "" : " (1 run)");
        return new String[] {
            c.id(),
            strength instanceof Double d ? num(d) : String.valueOf(strength),
            pm(p.meanTrainMetric(), p.stdTrainMetric(), p.n()),
            pm(p.meanValidationMetric(), p.stdValidationMetric(), p.n()),
            pm(p.meanValidationLoss(), p.stdValidationLoss(), p.n()),
            c.repeats() == null ? "-" : fixed(c.repeats().gapRatio().mean()),
            c.sweep() == null ? "-" : c.sweep().verdict().name(),
            rules,
            runs};
    }

    /** The best and 1-SE lines, each with its held-out test metric. */
    public static String selections(StudySummary s) {
        Selection sel = s.selection();
        if (sel == null) {
            return "no candidate completed all its runs: no selection\n";
        }
        return "best (lowest mean validation loss): " + choice(s, sel.best().candidateId(), s.bestTest()) + '\n'
                + "1-SE (strongest within one standard error of the best): "
                + choice(s, sel.oneStandardError().candidateId(), s.oneStandardErrorTest()) + '\n'
                + (s.baselineTest() == null ? "" : "unregularized baseline: " + choice(s, s.baselineTest().candidateId(),
                        s.baselineTest()) + '\n');
    }

    static String choice(StudySummary s, String id, StudySummary.TestEvaluation test) {
        CandidateSummary c = s.candidates().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        String t = test == null ? "no test part" : "held-out test " + s.metric() + " " + pm(test.meanMetric(), test.stdMetric(), test.n())
                + ", test loss " + pm(test.meanLoss(), test.stdLoss(), test.n()) + " (" + test.n() + " model"
                + (test.n() == 1 ? "" : "s") + ")";
        return id + " " + params(c) + "; validation loss " + pm(c.point().meanValidationLoss(), c.point().stdValidationLoss(),
                c.point().n()) + "; " + t;
    }

    static String pm(double mean, double std, int n) {
        if (Double.isNaN(mean)) {
            return "-";
        }
        return n > 1 && !Double.isNaN(std) ? fixed(mean) + " ± " + fixed(std) : fixed(mean);
    }

    static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.4g" : "%.4f", v);
    }

    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Columns aligned by the widest cell; the first row is the header. */
    public static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            for (int i = 0; i < cols; i++) {
                sb.append(i == 0 ? "" : "  ").append(i == cols - 1 ? r[i] : pad(r[i], width[i]));
            }
            sb.append('\n');
            if (k == 0) {
                for (int i = 0; i < cols; i++) {
                    sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
