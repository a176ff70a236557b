package org.regstudy.penalty;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * One penalty on one parameter group, strengths in DL4J's convention.
 *
 * <ul>
 *   <li>{@code L1}: term {@code l1*sum|w|}, gradient {@code + l1*sign(w)} (DL4J {@code L1Regularization}).</li>
 *   <li>{@code L1_PROXIMAL}: term {@code l1*sum|w|}; after the updater's step {@code u}, {@code w <- soft(w - u, lr*l1)}
 *       ({@link ProximalL1Regularization}); the proximal step for that term under plain SGD only: with Adam the
 *       step is about {@code lr} per weight and {@code l1 >= 1} can zero every weight (docs/penalties.md).</li>
 *   <li>{@code L2}: term {@code 0.5*l2*sum w^2}, gradient {@code + l2*w} before the updater
 *       (DL4J {@code L2Regularization}).</li>
 *   <li>{@code ELASTIC_NET}: {@code l1*sum|w| + 0.5*l2*sum w^2} (both of the above).</li>
 *   <li>{@code WEIGHT_DECAY}: term {@code 0.5*weightDecay*sum w^2}; update {@code += lr*c*w}
 *       ({@code applyLearningRate}) or {@code += c*w}, after the updater (DL4J {@code WeightDecay}).</li>
 * </ul>
 *
 * <p>A non-zero {@code weightDecay} may also accompany L1, L1_PROXIMAL, L2 and ELASTIC_NET (extra
 * decoupled decay, e.g. AdamW's decay merged into a per-layer plan). All strengths must be finite
 * and {@code >= 0}; fields a kind does not use must be 0.
 */
public record Penalty(PenaltyKind kind, double l1, double l2, double weightDecay, boolean applyLearningRate) {

    private static final Penalty NONE = new Penalty(PenaltyKind.NONE, 0, 0, 0, false);

    /** Validates strengths (finite, non-negative) and that unused fields are zero. */
    public Penalty {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        check("l1", l1);
        check("l2", l2);
        check("weightDecay", weightDecay);
        boolean usesL1 = kind == PenaltyKind.L1 || kind == PenaltyKind.L1_PROXIMAL || kind == PenaltyKind.ELASTIC_NET;
        boolean usesL2 = kind == PenaltyKind.L2 || kind == PenaltyKind.ELASTIC_NET;
        if (!usesL1 && l1 != 0) {
            throw new IllegalArgumentException("l1 must be 0 for kind " + kind + ", got " + l1);
        }
        if (!usesL2 && l2 != 0) {
            throw new IllegalArgumentException("l2 must be 0 for kind " + kind + ", got " + l2);
        }
        if (kind == PenaltyKind.NONE && weightDecay != 0) {
            throw new IllegalArgumentException("weightDecay must be 0 for kind NONE, got " + weightDecay);
        }
        if (weightDecay == 0) {
            applyLearningRate = false; // normalized: the flag means nothing without a decay
        }
    }

    private static void check(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, got " + v);
        }
    }

    /** @return no penalty */
    public static Penalty none() {
        return NONE;
    }

    /** DL4J L1 (subgradient): term {@code c*sum|w|}. */
    public static Penalty l1(double c) {
        return new Penalty(PenaltyKind.L1, c, 0, 0, false);
    }

    /** Proximal L1: soft-thresholding {@code w <- sign(w)*max(|w| - lr*c, 0)} after the update; term {@code c*sum|w|}. */
    public static Penalty l1Proximal(double c) {
        return new Penalty(PenaltyKind.L1_PROXIMAL, c, 0, 0, false);
    }

    /** DL4J L2: term {@code 0.5*c*sum w^2}, gradient {@code + c*w}. */
    public static Penalty l2(double c) {
        return new Penalty(PenaltyKind.L2, 0, c, 0, false);
    }

    /** Elastic net: term {@code l1*sum|w| + 0.5*l2*sum w^2}. */
    public static Penalty elasticNet(double l1, double l2) {
        return new Penalty(PenaltyKind.ELASTIC_NET, l1, l2, 0, false);
    }

    /**
     * glmnet-style elastic net: {@code l1 = total*l1Ratio}, {@code l2 = total*(1 - l1Ratio)}.
     *
     * @param total   total strength, finite and {@code >= 0}
     * @param l1Ratio share of L1, in {@code [0, 1]}
     */
    public static Penalty elasticNetRatio(double total, double l1Ratio) {
        check("total", total);
        if (Double.isNaN(l1Ratio) || l1Ratio < 0 || l1Ratio > 1) {
            throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
        }
        return elasticNet(total * l1Ratio, total * (1 - l1Ratio));
    }

    /** DL4J WeightDecay (decoupled): update {@code += (applyLearningRate ? lr : 1)*c*w}; term {@code 0.5*c*sum w^2}. */
    public static Penalty weightDecay(double c, boolean applyLearningRate) {
        return new Penalty(PenaltyKind.WEIGHT_DECAY, 0, 0, c, applyLearningRate);
    }

    /** @return a copy with an extra decoupled weight decay (replacing any existing one) */
    public Penalty withWeightDecay(double c, boolean applyLr) {
        if (kind == PenaltyKind.NONE || kind == PenaltyKind.WEIGHT_DECAY) {
            return c == 0 ? NONE : weightDecay(c, applyLr);
        }
        return new Penalty(kind, l1, l2, c, applyLr);
    }

    /** @return {@code l1 + l2 + weightDecay}: orders penalties from weakest to strongest */
    public double strength() {
        return l1 + l2 + weightDecay;
    }

    /** @return true when this penalty does nothing */
    public boolean isNone() {
        return kind == PenaltyKind.NONE;
    }

    /**
     * The penalty added to the loss for parameters {@code w}:
     * {@code l1*sum|w| + 0.5*l2*sum w^2 + 0.5*weightDecay*sum w^2} (DL4J's scores).
     */
    public double term(INDArray w) {
        if (kind == PenaltyKind.NONE || w == null || w.length() == 0) {
            return 0.0;
        }
        double t = 0;
        if (l1 != 0) {
            t += l1 * w.norm1Number().doubleValue();
        }
        if (l2 != 0 || weightDecay != 0) {
            double sq = w.norm2Number().doubleValue();
            sq = sq * sq;
            t += 0.5 * (l2 + weightDecay) * sq;
        }
        return t;
    }

    /**
     * The exact DL4J regularization list, in the order L1, L2, WeightDecay, proximal L1 (last: see below).
     * Zero strengths are left out (an elastic net with {@code l1 = 0} gives only L2).
     */
    public List<Regularization> toDl4j() {
        List<Regularization> out = new ArrayList<>(3);
        if (l1 > 0 && kind != PenaltyKind.L1_PROXIMAL) {
            out.add(new L1Regularization(l1));
        }
        if (l2 > 0) {
            out.add(new L2Regularization(l2));
        }
        if (weightDecay > 0) {
            out.add(new WeightDecay(weightDecay, applyLearningRate));
        }
        // The proximal step comes last among the post-updater steps: DL4J applies them in list
        // order, so a weight decay is folded into the update first and the soft-threshold then
        // acts on the final step, w' = soft(w - u - lr*wd*w, lr*c), which keeps its exact zeros.
        if (l1 > 0 && kind == PenaltyKind.L1_PROXIMAL) {
            out.add(new ProximalL1Regularization(l1));
        }
        return List.copyOf(out);
    }

    /**
     * Reads a DL4J regularization list back into a penalty (the inverse of {@link #toDl4j()} up to
     * normalization: e.g. L1 alone comes back as {@code L1}, L1 + L2 as {@code ELASTIC_NET}).
     *
     * @throws IllegalArgumentException for scheduled strengths, repeated entries (such as the
     *     doubled WeightDecay of the M2.1 global-builder bug), proximal L1 with L2, or unknown types
     */
    public static Penalty fromDl4j(List<Regularization> list) {
        if (list == null || list.isEmpty()) {
            return NONE;
        }
        Double l1 = null;
        Double l2 = null;
        Double wd = null;
        boolean prox = false;
        boolean applyLr = false;
        for (Regularization r : list) {
            if (r instanceof L1Regularization x) {
                l1 = once("L1Regularization", l1, fixed("L1Regularization", x.getL1()));
            } else if (r instanceof ProximalL1Regularization x) {
                l1 = once("ProximalL1Regularization", l1, x.getCoeff());
                prox = true;
            } else if (r instanceof L2Regularization x) {
                l2 = once("L2Regularization", l2, fixed("L2Regularization", x.getL2()));
            } else if (r instanceof WeightDecay x) {
                wd = once("WeightDecay", wd, fixed("WeightDecay", x.getCoeff()));
                applyLr = x.isApplyLR();
            } else {
                throw new IllegalArgumentException("unsupported regularization type " + r.getClass().getName() + ": " + r);
            }
        }
        double a = l1 == null ? 0 : l1;
        double b = l2 == null ? 0 : l2;
        double c = wd == null ? 0 : wd;
        if (prox && b > 0) {
            throw new IllegalArgumentException("unsupported regularization list (proximal L1 with L2): " + list);
        }
        PenaltyKind kind;
        if (a > 0 && b > 0) {
            kind = PenaltyKind.ELASTIC_NET;
        } else if (a > 0) {
            kind = prox ? PenaltyKind.L1_PROXIMAL : PenaltyKind.L1;
        } else if (b > 0) {
            kind = PenaltyKind.L2;
        } else if (c > 0) {
            kind = PenaltyKind.WEIGHT_DECAY;
        } else {
            return NONE;
        }
        return new Penalty(kind, a, b, c, applyLr);
    }

    private static Double once(String what, Double prev, double v) {
        if (prev != null) {
            throw new IllegalArgumentException("regularization list holds " + what + " twice (" + prev + " and " + v + ")");
        }
        return v;
    }

    private static double fixed(String what, ISchedule s) {
        if (!(s instanceof FixedSchedule)) {
            throw new IllegalArgumentException(what + " with a schedule is not supported: " + s);
        }
        return s.valueAt(0, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case L1 -> "l1(" + l1 + ")" + wdSuffix();
            case L1_PROXIMAL -> "l1Proximal(" + l1 + ")" + wdSuffix();
            case L2 -> "l2(" + l2 + ")" + wdSuffix();
            case ELASTIC_NET -> "elasticNet(" + l1 + ", " + l2 + ")" + wdSuffix();
            case WEIGHT_DECAY -> "weightDecay(" + weightDecay + ", applyLR=" + applyLearningRate + ")";
        };
    }

    private String wdSuffix() {
        return weightDecay == 0 ? "" : " + weightDecay(" + weightDecay + ", applyLR=" + applyLearningRate + ")";
    }
}
