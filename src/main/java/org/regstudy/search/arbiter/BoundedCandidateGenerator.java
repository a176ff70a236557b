package org.regstudy.search.arbiter;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * Wraps an Arbiter generator so that it hands out at most {@code max} candidates: after the
 * {@code max}-th, {@link #hasMoreCandidates()} is false, so the runner queues no more. (Arbiter's
 * {@code MaxCandidatesCondition} counts finished candidates only and overshoots by the tasks in
 * flight.)
 *
 * <p>Candidates are numbered 0, 1, ... in the order the wrapped generator produces them, which for a
 * seeded generator depends on the seed only, not on the concurrency. The returned candidates hold the
 * generated configuration in memory (Arbiter's own candidates keep a Java-serialized copy); a
 * configuration that could not be generated is passed on as a {@link GenerationFailure} value, so
 * the task creator records it as FAILED instead of Arbiter dropping it silently.
 */
public final class BoundedCandidateGenerator implements CandidateGenerator {

    /** A candidate whose configuration Arbiter could not build. */
    public record GenerationFailure(Exception exception) {
    }

    private final CandidateGenerator inner;
    private final int max;
    private int issued;

    /**
     * @param inner the generator (grid, random, or any other)
     * @param max   most candidates to hand out, {@code >= 1}
     */
    public BoundedCandidateGenerator(CandidateGenerator inner, int max) {
        if (inner == null) {
            throw new IllegalArgumentException("inner generator must not be null");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        this.inner = inner;
        this.max = max;
    }

    @Override
    public synchronized boolean hasMoreCandidates() {
        return issued < max && inner.hasMoreCandidates();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public synchronized Candidate getCandidate() {
        if (!hasMoreCandidates()) {
            throw new IllegalStateException("no more candidates (" + issued + " of at most " + max + " handed out)");
        }
        Candidate c = inner.getCandidate();
        int index = issued++;
        Object value;
        if (c.getException() != null) {
            value = new GenerationFailure(c.getException());
        } else {
            value = c.getValue();
        }
        final Object v = value;
        org.nd4j.common.function.Supplier<Object> supplier = () -> v;
        return new Candidate(supplier, index, c.getFlatParameters(), c.getDataParameters(), null);
    }

    /** @return how many candidates were handed out */
    public synchronized int issued() {
        return issued;
    }

    /** @return the limit */
    public int max() {
        return max;
    }

    @Override
    public void reportResults(OptimizationResult result) {
        inner.reportResults(result);
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return inner.getParameterSpace();
    }

    @Override
    public void setRngSeed(long rngSeed) {
        inner.setRngSeed(rngSeed);
    }

    @Override
    public Class<?> getCandidateType() {
        return inner.getCandidateType();
    }
}
