package org.regstudy.penalty;

/**
 * Converts strengths written in another library's convention into DL4J's.
 *
 * <table>
 *   <caption>conversions</caption>
 *   <tr><th>source</th><th>DL4J</th><th>why</th></tr>
 *   <tr><td>Keras {@code l1(x)}</td><td>{@code l1(x)}</td><td>both add {@code x*sum|w|}</td></tr>
 *   <tr><td>Keras {@code l2(x)}</td><td>{@code l2(2x)}</td><td>Keras adds {@code x*sum w^2} = {@code 0.5*(2x)*sum w^2}</td></tr>
 *   <tr><td>Keras {@code l1_l2(a, b)}</td><td>{@code elasticNet(a, 2b)}</td><td>both of the above</td></tr>
 *   <tr><td>PyTorch SGD/Adam {@code weight_decay=c}</td><td>{@code l2(c)}</td><td>gradient {@code + c*w} before the optimizer step</td></tr>
 *   <tr><td>PyTorch AdamW {@code weight_decay=c}</td><td>{@code weightDecay(c, true)}</td><td>{@code w -= lr*c*w}, decoupled</td></tr>
 * </table>
 */
public final class Conventions {

    private Conventions() {
    }

    /**
     * Converts {@code p}, whose strengths are in convention {@code c}, to DL4J's.
     *
     * <ul>
     *   <li>DL4J: unchanged.</li>
     *   <li>KERAS: {@code l1' = l1}, {@code l2' = 2*l2} (Keras {@code l2(x)} term is {@code x*sum w^2});
     *       weight decay is not a Keras regularizer and is rejected.</li>
     *   <li>PYTORCH: write {@code weight_decay} of SGD/Adam as {@code Penalty.l2(wd)} (unchanged: gradient
     *       {@code + wd*w}); AdamW's as {@code Penalty.weightDecay(wd, true)} (unchanged: {@code w -= lr*wd*w}).
     *       PyTorch has no built-in L1 penalty; L1 kinds are rejected. Weight decay without lr scaling is rejected.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when {@code p}'s kind has no meaning in convention {@code c}
     */
    public static Penalty toDl4j(Convention c, Penalty p) {
        if (c == null) {
            throw new IllegalArgumentException("convention must not be null");
        }
        if (p == null) {
            throw new IllegalArgumentException("penalty must not be null");
        }
        return switch (c) {
            case DL4J -> p;
            case KERAS -> {
                if (p.weightDecay() != 0) {
                    throw new IllegalArgumentException("weightDecay has no Keras regularizer meaning, got " + p);
                }
                yield switch (p.kind()) {
                    case NONE -> p;
                    case L1, L1_PROXIMAL -> p;
                    case L2 -> Penalty.l2(2 * p.l2());
                    case ELASTIC_NET -> Penalty.elasticNet(p.l1(), 2 * p.l2());
                    case WEIGHT_DECAY -> throw new IllegalArgumentException("unreachable");
                };
            }
            case PYTORCH -> {
                if (p.l1() != 0) {
                    throw new IllegalArgumentException("PyTorch optimizers have no L1 weight_decay, got l1=" + p.l1());
                }
                if (p.weightDecay() != 0 && !p.applyLearningRate()) {
                    throw new IllegalArgumentException(
                            "PyTorch AdamW scales weight_decay by lr: applyLearningRate must be true, got " + p);
                }
                yield p;
            }
        };
    }

    /** Keras {@code l2(x)} as a DL4J penalty: {@code Penalty.l2(2*x)}. */
    public static Penalty kerasL2(double x) {
        return toDl4j(Convention.KERAS, Penalty.l2(x));
    }

    /** Keras {@code l1(x)} as a DL4J penalty: {@code Penalty.l1(x)}. */
    public static Penalty kerasL1(double x) {
        return toDl4j(Convention.KERAS, Penalty.l1(x));
    }

    /** PyTorch SGD/Adam {@code weight_decay=c}: {@code Penalty.l2(c)}. */
    public static Penalty torchWeightDecay(double c) {
        return Penalty.l2(c);
    }

    /** PyTorch AdamW {@code weight_decay=c}: {@code Penalty.weightDecay(c, true)}. */
    public static Penalty torchAdamW(double c) {
        return Penalty.weightDecay(c, true);
    }
}
