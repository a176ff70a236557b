package org.regstudy.diagnosis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reading and selection along a validation curve (strengths with repeats aggregated).
 *
 * <p>Definitions, for the points with a finite mean validation loss:
 * <ul>
 *   <li>best: the lowest mean validation loss {@code m*}; ties go to the larger strength, then the first
 *       in input order (of equally good candidates prefer the more regularized);</li>
 *   <li>{@code SE* = std_va(best) / sqrt(n(best))}; when n(best) = 1 there is no standard error and the
 *       band collapses to {@code SE* = 0} (said so in the explanation/reason);</li>
 *   <li>band: {@code mean_va <= m* + SE*}.</li>
 * </ul>
 *
 * <p>Weaker and stronger mean something only between candidates that differ in nothing but their
 * penalty. A search may also vary the learning rate, the layer sizes or dropout; the overloads
 * taking {@code families} give each point a key (equal keys: the same configuration apart from the
 * penalty), and a point of another family than the best is never read as under- or over-regularized
 * against it, nor chosen as the 1-SE candidate.
 */
public final class ValidationCurve {

    private ValidationCurve() {
    }

    /**
     * The textbook reading per point, in input order: inside the band: GOOD_FIT (well regularized); outside
     * and weaker than the best: OVERFITTING (under-regularized); outside and stronger: UNDERFITTING
     * (over-regularized); outside with the same strength as the best, or no finite mean validation loss:
     * INCONCLUSIVE. With one repeat of the best (n = 1) there is no standard error to tell a
     * difference from noise: every point worse than the best is INCONCLUSIVE (the single-run rules
     * still judge each run).
     */
    public static List<SweepReading> read(List<CurvePoint> points) {
        return read(points, null);
    }

    /**
     * {@link #read(List)} where {@code families.get(i)} says which points differ only in their penalty
     * (null: all of them): a point outside the band of another family than the best's is
     * INCONCLUSIVE, since it differs from the best in more than its strength.
     */
    public static List<SweepReading> read(List<CurvePoint> points, List<String> families) {
        check(points);
        checkFamilies(points, families);
        List<SweepReading> out = new ArrayList<>(points.size());
        CurvePoint best = bestOrNull(points);
        if (best == null) {
            for (CurvePoint p : points) {
                out.add(new SweepReading(p.candidateId(), Verdict.INCONCLUSIVE,
                        "no candidate has a finite mean validation loss"));
            }
            return out;
        }
        double se = bandSe(best);
        double limit = best.meanValidationLoss() + se;
        String bestFamily = familyOf(points, families, best);
        for (int i = 0; i < points.size(); i++) {
            CurvePoint p = points.get(i);
            double m = p.meanValidationLoss();
            if (!Double.isFinite(m)) {
                out.add(new SweepReading(p.candidateId(), Verdict.INCONCLUSIVE,
                        "no finite mean validation loss (" + m + ")"));
                continue;
            }
            String nums = String.format(Locale.ROOT,
                    "mean validation loss %.6g %s best %.6g + SE %.6g = %.6g (best %s at total DL4J strength %.6g%s)", m,
                    m <= limit ? "<=" : ">", best.meanValidationLoss(), se, limit, best.candidateId(),
                    best.strength(), best.n() == 1 ? ", n=1: no SE, band is the best value itself" : "");
            Verdict v;
            String what;
            if (m <= limit) {
                v = Verdict.GOOD_FIT;
                what = "within one SE of the best: well regularized; ";
            } else if (families != null && !Objects.equals(families.get(i), bestFamily)) {
                v = Verdict.INCONCLUSIVE;
                what = "worse than the best, but it differs from the best in more than its penalty (another network,"
                        + " updater or training setting), so weaker or stronger does not say why; ";
            } else if (best.n() < 2) {
                v = Verdict.INCONCLUSIVE;
                what = "worse than the best, but with one repeat there is no standard error to tell that from noise"
                        + " (run repeats >= 2); ";
            } else if (p.strength() < best.strength()) {
                v = Verdict.OVERFITTING;
                what = String.format(Locale.ROOT, "weaker than the best (total DL4J strength %.6g < %.6g) and outside the band: under-regularized; ",
                        p.strength(), best.strength());
            } else if (p.strength() > best.strength()) {
                v = Verdict.UNDERFITTING;
                what = String.format(Locale.ROOT, "stronger than the best (total DL4J strength %.6g > %.6g) and outside the band: over-regularized; ",
                        p.strength(), best.strength());
            } else {
                v = Verdict.INCONCLUSIVE;
                what = "same total strength as the best but outside the band: cannot say weaker or stronger; ";
            }
            out.add(new SweepReading(p.candidateId(), v, what + nums));
        }
        return out;
    }

    /**
     * Best and one-standard-error selections. 1-SE: among points in the band, the largest strength; ties in
     * strength go to the lower mean validation loss, then the first in input order. The best is always in
     * the band, so the 1-SE choice exists and is at least as strong as the best. With n = 1 for the best
     * ({@code SE*} undefined) the 1-SE choice is the strongest candidate with a mean equal to the best's
     * (normally the best itself).
     *
     * @throws IllegalArgumentException when no point has a finite mean validation loss
     */
    public static Selection select(List<CurvePoint> points) {
        return select(points, null);
    }

    /**
     * {@link #select(List)} where the 1-SE choice is the strongest in the band among the points of the
     * best's family ({@code families} as in {@link #read(List, List)}; null: all points are one).
     */
    public static Selection select(List<CurvePoint> points, List<String> families) {
        check(points);
        checkFamilies(points, families);
        CurvePoint best = bestOrNull(points);
        if (best == null) {
            throw new IllegalArgumentException("points: no candidate has a finite mean validation loss");
        }
        double se = bandSe(best);
        double limit = best.meanValidationLoss() + se;
        CurvePoint one = best;
        String bestFamily = familyOf(points, families, best);
        boolean oneFamily = families == null || families.stream().allMatch(f -> Objects.equals(f, bestFamily));
        for (int i = 0; i < points.size(); i++) {
            CurvePoint p = points.get(i);
            double m = p.meanValidationLoss();
            if (!Double.isFinite(m) || m > limit || (families != null && !Objects.equals(families.get(i), bestFamily))) {
                continue;
            }
            if (p.strength() > one.strength()
                    || (p.strength() == one.strength() && m < one.meanValidationLoss())) {
                one = p;
            }
        }
        String explanation = String.format(Locale.ROOT,
                "best: %s (total DL4J strength %.6g) with the lowest mean validation loss %.6g (n=%d, std %.6g, SE %s); "
                        + "1-SE: %s (total DL4J strength %.6g), the strongest with mean validation loss %.6g <= %.6g + %.6g = %.6g",
                best.candidateId(), best.strength(), best.meanValidationLoss(), best.n(), best.stdValidationLoss(),
                best.n() == 1 ? "undefined for n=1, taken as 0" : String.format(Locale.ROOT, "%.6g", se),
                one.candidateId(), one.strength(), one.meanValidationLoss(), best.meanValidationLoss(), se, limit)
                + (oneFamily ? "" : ", among the candidates that differ from the best only in their penalty");
        return new Selection(best, one, best.standardErrorValidationLoss(), explanation);
    }

    private static String familyOf(List<CurvePoint> points, List<String> families, CurvePoint p) {
        return families == null ? null : families.get(points.indexOf(p));
    }

    private static void checkFamilies(List<CurvePoint> points, List<String> families) {
        if (families != null && families.size() != points.size()) {
            throw new IllegalArgumentException("families: one key per point, got " + families.size() + " for "
                    + points.size() + " points");
        }
    }

    private static double bandSe(CurvePoint best) {
        double se = best.standardErrorValidationLoss();
        return Double.isFinite(se) ? se : 0.0;
    }

    private static CurvePoint bestOrNull(List<CurvePoint> points) {
        CurvePoint best = null;
        for (CurvePoint p : points) {
            double m = p.meanValidationLoss();
            if (!Double.isFinite(m)) {
                continue;
            }
            if (best == null || m < best.meanValidationLoss()
                    || (m == best.meanValidationLoss() && p.strength() > best.strength())) {
                best = p;
            }
        }
        return best;
    }

    private static void check(List<CurvePoint> points) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("points must hold at least one curve point, got "
                    + (points == null ? "null" : "none"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < points.size(); i++) {
            CurvePoint p = Objects.requireNonNull(points.get(i), "points[" + i + "]");
            if (!ids.add(p.candidateId())) {
                throw new IllegalArgumentException("points: duplicate candidateId '" + p.candidateId() + "'");
            }
        }
    }
}
