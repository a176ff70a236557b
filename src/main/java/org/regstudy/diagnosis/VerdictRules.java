package org.regstudy.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The over/underfitting rules on recorded data losses (see the package documentation for the formulas).
 *
 * <p>Single run, at the evaluated epoch (the last entry of the history given):
 * <ul>
 *   <li>UNDERFITTING when {@code L_tr > underfitRatio * L_0};</li>
 *   <li>OVERFITTING when {@code L_va - L_tr > gapRatio * L_0}, or when {@code L_va > riseRatio * L_min}
 *       and {@code L_tr(evaluated) < L_tr(epoch of L_min)} (training loss kept falling);</li>
 *   <li>both: UNDERFITTING, with both findings; neither: GOOD_FIT.</li>
 * </ul>
 *
 * <p>Which epoch: the evaluated epoch is the one whose weights the run keeps. Without early stopping
 * that is the last recorded epoch, so pass the full history. With early stopping and best weights
 * restored, pass {@code history.upTo(bestEpoch)}: the epochs after it are not the kept model.
 * (Then {@code L_va = L_min}, so only the gap rule can call overfitting, which is correct: the restored
 * model did not suffer the later rise.)
 */
public final class VerdictRules {

    private VerdictRules() {
    }

    /** Single-run verdict at the last recorded epoch of {@code h}. */
    public static Diagnosis diagnose(LossHistory h, Thresholds t) {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(t, "t");
        int[] ep = h.epochs();
        double[] tr = h.trainLoss();
        double[] va = h.validationLoss();
        int last = ep.length - 1;
        double l0 = h.trivialLoss();
        double ltr = tr[last];
        double lva = va[last];
        int minIdx = 0;
        for (int i = 1; i <= last; i++) {
            if (va[i] < va[minIdx]) {
                minIdx = i;
            }
        }
        double lmin = va[minIdx];
        boolean kept = minIdx < last && ltr < tr[minIdx];
        double trainRatio = ltr / l0;
        double gapRatio = (lva - ltr) / l0;
        double riseRatio = riseRatio(lva, lmin);
        boolean under = ltr > t.underfitRatio() * l0;
        boolean gap = (lva - ltr) > t.gapRatio() * l0;
        boolean rise = lva > t.riseRatio() * lmin && kept;

        List<String> f = new ArrayList<>();
        f.add(String.format(Locale.ROOT, "%s: training loss L_tr=%.6g at epoch %d is %.4f of the trivial loss L_0=%.6g (%s %.4g)",
                under ? "UNDERFIT" : "train ok", ltr, ep[last], trainRatio, l0, under ? ">" : "<=", t.underfitRatio()));
        f.add(String.format(Locale.ROOT, "%s: gap L_va-L_tr=%.6g-%.6g=%.6g is %.4f of L_0 (%s %.4g)",
                gap ? "OVERFIT (gap)" : "gap ok", lva, ltr, lva - ltr, gapRatio, gap ? ">" : "<=", t.gapRatio()));
        String riseCmp = lva > t.riseRatio() * lmin ? ">" : "<=";
        f.add(String.format(Locale.ROOT, "%s: L_va/L_min=%.6g/%.6g=%.4f (%s %.4g), L_min at epoch %d; training loss %s after it (%.6g -> %.6g)",
                rise ? "OVERFIT (rising validation loss)" : "rise ok", lva, lmin, riseRatio, riseCmp, t.riseRatio(),
                ep[minIdx], kept ? "kept falling" : "did not keep falling", tr[minIdx], ltr));
        Verdict v = under ? Verdict.UNDERFITTING : (gap || rise) ? Verdict.OVERFITTING : Verdict.GOOD_FIT;
        if (under && (gap || rise)) {
            f.add("both underfitting and overfitting rules fired: UNDERFITTING (fit the training data first)");
        }
        Evidence e = new Evidence(ep[last], ltr, lva, l0, lmin, ep[minIdx], trainRatio, gapRatio, kept, f,
                riseRatio, under, gap, rise);
        return new Diagnosis(v, e);
    }

    /** Single-run verdict at the recorded {@code epoch} (e.g. the best epoch restored by early stopping). */
    public static Diagnosis diagnoseAt(LossHistory h, int epoch, Thresholds t) {
        Objects.requireNonNull(h, "h");
        return diagnose(h.upTo(epoch), t);
    }

    /**
     * Verdict across repeats. Each rule becomes three-valued from the t-interval of its per-run ratio:
     * HOLDS when the interval lies wholly above the threshold ({@code low > threshold}), ABSENT when wholly
     * at or below it ({@code high <= threshold}), UNDECIDED otherwise. The rising-validation rule HOLDS when
     * the interval of {@code L_va/L_min} lies wholly above {@code riseRatio} and the training loss kept
     * falling in every run; it is ABSENT when that interval lies wholly at or below {@code riseRatio} or the
     * training loss kept falling in no run. (If some {@code L_va/L_min} is infinite, i.e. {@code L_min = 0},
     * the rise rule uses unanimity: HOLDS if it fired in every run, ABSENT if in none.)
     * Overfit = gap OR rise (HOLDS if either holds, ABSENT if both are absent).
     * Verdict: underfit HOLDS -> UNDERFITTING; underfit ABSENT and overfit HOLDS -> OVERFITTING; underfit
     * ABSENT and overfit ABSENT -> GOOD_FIT; anything else -> INCONCLUSIVE. For n = 1 the single-run
     * verdict is returned with {@code hasInterval = false}.
     *
     * @param runs one history per repeat (at least one); each is evaluated at its last recorded epoch
     */
    public static RepeatDiagnosis diagnoseRepeats(List<LossHistory> runs, Thresholds t) {
        Objects.requireNonNull(t, "t");
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must hold at least one history, got "
                    + (runs == null ? "null" : "none"));
        }
        int n = runs.size();
        List<Diagnosis> ds = new ArrayList<>(n);
        double[] trainR = new double[n];
        double[] gapR = new double[n];
        double[] riseR = new double[n];
        int kept = 0;
        int riseFired = 0;
        boolean riseFinite = true;
        for (int i = 0; i < n; i++) {
            LossHistory h = runs.get(i);
            if (h == null) {
                throw new IllegalArgumentException("runs[" + i + "] must not be null");
            }
            Diagnosis d = diagnose(h, t);
            ds.add(d);
            trainR[i] = d.evidence().trainRatio();
            gapR[i] = d.evidence().gapRatio();
            riseR[i] = d.evidence().riseRatio();
            riseFinite &= Double.isFinite(riseR[i]);
            kept += d.evidence().trainKeptFallingAfterMin() ? 1 : 0;
            riseFired += d.evidence().riseRule() ? 1 : 0;
        }
        double c = t.confidence();
        // a t-interval can reach below where a ratio can lie (L_tr/L_0 >= 0, L_va/L_min >= 1); it is cut
        // there, which changes no verdict (the thresholds lie above) and loses no coverage
        Interval trI = atLeast(Statistics.tInterval(trainR, c), 0);
        Interval gapI = Statistics.tInterval(gapR, c);
        Interval riseI = riseFinite ? atLeast(Statistics.tInterval(riseR, c), 1) : new Interval(Double.POSITIVE_INFINITY,
                Double.NaN, Double.NaN, n);
        List<String> f = new ArrayList<>();
        if (n == 1) {
            Diagnosis d = ds.get(0);
            f.add("single run (n=1): no interval; single-run verdict " + d.verdict());
            f.addAll(d.evidence().findings());
            return new RepeatDiagnosis(d.verdict(), trI, gapI, ds, false, f, riseI);
        }
        int pct = (int) Math.round(c * 100);
        Tri under = tri(trI, t.underfitRatio());
        Tri gap = tri(gapI, t.gapRatio());
        Tri rise;
        if (riseFinite) {
            Tri r = tri(riseI, t.riseRatio());
            rise = kept == 0 ? Tri.ABSENT : r == Tri.HOLDS && kept < n ? Tri.UNDECIDED : r;
        } else {
            rise = riseFired == n ? Tri.HOLDS : riseFired == 0 ? Tri.ABSENT : Tri.UNDECIDED;
        }
        Tri over = gap == Tri.HOLDS || rise == Tri.HOLDS ? Tri.HOLDS
                : gap == Tri.ABSENT && rise == Tri.ABSENT ? Tri.ABSENT : Tri.UNDECIDED;
        f.add(String.format(Locale.ROOT, "underfit rule %s: L_tr/L_0 mean %.4f, %d%% CI [%.4f, %.4f], n=%d, threshold %.4g",
                under, trI.mean(), pct, trI.low(), trI.high(), n, t.underfitRatio()));
        f.add(String.format(Locale.ROOT, "gap rule %s: (L_va-L_tr)/L_0 mean %.4f, %d%% CI [%.4f, %.4f], n=%d, threshold %.4g",
                gap, gapI.mean(), pct, gapI.low(), gapI.high(), n, t.gapRatio()));
        f.add(String.format(Locale.ROOT, "rise rule %s: L_va/L_min mean %.4f, %d%% CI [%.4f, %.4f], n=%d, threshold %.4g; "
                        + "training loss kept falling after L_min in %d of %d runs; rule fired in %d of %d runs",
                rise, riseI.mean(), pct, riseI.low(), riseI.high(), n, t.riseRatio(), kept, n, riseFired, n));
        Verdict v;
        if (under == Tri.HOLDS) {
            v = Verdict.UNDERFITTING;
            if (over == Tri.HOLDS) {
                f.add("both underfitting and overfitting hold: UNDERFITTING (fit the training data first)");
            }
        } else if (under == Tri.ABSENT && over == Tri.HOLDS) {
            v = Verdict.OVERFITTING;
        } else if (under == Tri.ABSENT && over == Tri.ABSENT) {
            v = Verdict.GOOD_FIT;
        } else {
            v = Verdict.INCONCLUSIVE;
            f.add("INCONCLUSIVE: an interval straddles its threshold (underfit " + under + ", overfit " + over
                    + "); more repeats may decide it");
        }
        return new RepeatDiagnosis(v, trI, gapI, ds, true, f, riseI);
    }

    /** The fall of {@code L_va}, as a share of {@code L_0}, over the last tenth of training that counts as still improving. */
    public static final double STILL_IMPROVING_FALL = 0.01;

    /**
     * Whether a run was still improving when its training ended: its kept epoch is its last recorded
     * one (it ran to its epoch budget, or early stopping never waited out its patience) and its
     * validation loss fell by more than {@value #STILL_IMPROVING_FALL} of {@code L_0} over the last
     * tenth of its epochs: {@code L_va(c) - L_va(e_last) > 0.01 * L_0} at {@code c = 0.9 * e_last},
     * where {@code L_va(c)} is interpolated linearly between the records around {@code c} (records
     * fall every k epochs and at the last one, so the record before the end may be far from it).
     * Its verdict then describes a model that more epochs would have changed (an UNDERFITTING run may
     * only be short of training). False with fewer than two records or none at or before {@code c}.
     *
     * @param all every recorded epoch of the run, not only those up to the kept one
     */
    public static boolean stillImproving(LossHistory all, int keptEpoch) {
        Objects.requireNonNull(all, "all");
        int[] ep = all.epochs();
        int last = ep.length - 1;
        if (last < 1 || ep[last] != keptEpoch) {
            return false;
        }
        double cut = 0.9 * ep[last];
        if (ep[0] > cut) {
            return false;
        }
        int q = 0;
        while (q + 1 < last && ep[q + 1] <= cut) {
            q++;
        }
        double[] va = all.validationLoss();
        double atCut = va[q] + (va[q + 1] - va[q]) * (cut - ep[q]) / (ep[q + 1] - ep[q]);
        return atCut - va[last] > STILL_IMPROVING_FALL * all.trivialLoss();
    }

    /** {@code iv} with its lower bound raised to {@code floor} where it reaches below (NaN bounds kept). */
    private static Interval atLeast(Interval iv, double floor) {
        return iv.low() < floor ? new Interval(iv.mean(), floor, Math.max(iv.high(), floor), iv.n()) : iv;
    }

    /** {@code L_va / L_min}; 1 when both are 0, +Infinity when only {@code L_min} is 0. */
    static double riseRatio(double lva, double lmin) {
        if (lmin == 0) {
            return lva == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return lva / lmin;
    }

    private enum Tri { HOLDS, ABSENT, UNDECIDED }

    private static Tri tri(Interval iv, double threshold) {
        if (iv.low() > threshold) {
            return Tri.HOLDS;
        }
        if (iv.high() <= threshold) {
            return Tri.ABSENT;
        }
        return Tri.UNDECIDED;
    }
}
