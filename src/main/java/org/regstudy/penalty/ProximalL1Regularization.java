package org.regstudy.penalty;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * L1 by a proximal step (soft-thresholding after the updater), so weights reach exactly zero.
 *
 * <p>With {@code u} the update the updater produced (DL4J then does {@code w <- w - u}), this
 * regularization rewrites the update view so that the new weight is
 * {@code w' = soft(w - u, lr*c)} with {@code soft(x, t) = sign(x)*max(|x| - t, 0)}:
 * {@code u' = w - soft(w - u, lr*c)}. Loss term (reported in {@code score()}): {@code c*sum|w|}.
 *
 * <p>Serializable by DL4J's configuration JSON (the {@code Regularization} interface carries
 * {@code @JsonTypeInfo(use = CLASS)}; the field is read back through the annotated constructor),
 * so a saved model zip keeps it.
 */
public final class ProximalL1Regularization implements Regularization {
    private static final long serialVersionUID = 1L;

    @JsonProperty("coeff")
    private final double coeff;

    /** @param coeff L1 strength c (DL4J convention: term c*sum|w|), finite and non-negative */
    public ProximalL1Regularization(@JsonProperty("coeff") double coeff) {
        if (!Double.isFinite(coeff) || coeff < 0) {
            throw new IllegalArgumentException("coeff must be finite and >= 0, got " + coeff);
        }
        this.coeff = coeff;
    }

    /** @return the L1 strength c */
    public double getCoeff() {
        return coeff;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.POST_UPDATER;
    }

    /**
     * Rewrites {@code view} (the update, subtracted from {@code param} afterwards) in place:
     * {@code view = param - soft(param - view, lr*coeff)}.
     */
    @Override
    public void apply(INDArray param, INDArray view, double lr, int iteration, int epoch) {
        double t = lr * coeff;
        if (t <= 0) {
            return;
        }
        INDArray next = param.sub(view);                       // w - u
        INDArray shrunk = Transforms.abs(next, true).subi(t);  // |w-u| - t
        Transforms.max(shrunk, 0.0, false);                    // max(., 0)
        INDArray soft = Transforms.sign(next, true).muli(shrunk);
        view.assign(param.sub(soft));
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return coeff * param.norm1Number().doubleValue();
    }

    @Override
    public Regularization clone() {
        return new ProximalL1Regularization(coeff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProximalL1Regularization p && Double.compare(p.coeff, coeff) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ProximalL1Regularization.class, coeff);
    }

    @Override
    public String toString() {
        return "ProximalL1Regularization(coeff=" + coeff + ")";
    }

}
