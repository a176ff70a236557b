package org.regstudy.search.arbiter;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arbiter {@code TaskCreator} whose tasks hand each candidate to a {@link CandidateEvaluator}
 * (RegStudy's executor: repeats, data-loss scoring, records) instead of training it Arbiter's way.
 *
 * <p>Each task: reads the candidate ({@link CandidateReader#read}: named parameters, configuration,
 * plan checked against the layer spaces), calls the evaluator, passes the {@link SearchOutcome} to
 * the sink, and returns an {@code OptimizationResult} with the score. No {@code System.gc()}, no
 * sleep, no model or result saving, no Java serialization. Both {@code create} overloads behave the
 * same: the data provider/source and the score function are not used (the evaluator owns the data and
 * the score). A candidate that cannot be built or whose evaluator throws is reported as FAILED
 * (Arbiter status {@code Failed}); DIVERGED is reported to Arbiter as completed with score
 * {@code +infinity}, so it never becomes Arbiter's best.
 */
public final class RegStudyTaskCreator implements TaskCreator {
    private static final Logger LOG = LoggerFactory.getLogger(RegStudyTaskCreator.class);

    private final MultiLayerSpace space;
    private final CandidateEvaluator evaluator;
    private final Consumer<SearchOutcome> sink;

    /**
     * @param space     the space the candidates come from (names the parameters, checks the plans)
     * @param evaluator trains and scores a candidate; called from the runner's threads
     * @param sink      receives every outcome, from the runner's threads (must be thread-safe)
     */
    public RegStudyTaskCreator(MultiLayerSpace space, CandidateEvaluator evaluator, Consumer<SearchOutcome> sink) {
        if (space == null) {
            throw new IllegalArgumentException("space must not be null");
        }
        if (evaluator == null) {
            throw new IllegalArgumentException("evaluator must not be null");
        }
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        this.space = space;
        this.evaluator = evaluator;
        this.sink = sink;
    }

    @Override
    @Deprecated
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return task(candidate);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return task(candidate);
    }

    private Callable<OptimizationResult> task(Candidate<?> candidate) {
        return () -> {
            long start = System.currentTimeMillis();
            int index = candidate.getIndex();
            String id = SearchCandidate.idOf(index);
            double[] flat = candidate.getFlatParameters();
            SearchOutcome outcome = run(index, id, flat, candidate);
            sink.accept(outcome);
            CandidateScore s = outcome.score();
            boolean failed = "FAILED".equals(s.status());
            Double arbiterScore = failed ? null : (Double.isNaN(s.score()) ? Double.POSITIVE_INFINITY : s.score());
            CandidateInfo info = new CandidateInfo(index, failed ? CandidateStatus.Failed : CandidateStatus.Complete,
                    arbiterScore, start, start, System.currentTimeMillis(), flat,
                    failed ? s.detail() : null);
            return new OptimizationResult(candidate, arbiterScore, index, null, info, null);
        };
    }

    private SearchOutcome run(int index, String id, double[] flat, Candidate<?> candidate) {
        Map<String, Object> params = Map.of();
        try {
            params = CandidateReader.parameters(space, flat);
        } catch (RuntimeException e) {
            LOG.debug("cannot name the parameters of candidate {}", id, e);
        }
        Object value;
        try {
            value = candidate.getValue();
        } catch (RuntimeException e) {
            return new SearchOutcome(index, id, params, null, CandidateScore.failed("configuration unavailable: " + oneLine(e)));
        }
        if (value instanceof BoundedCandidateGenerator.GenerationFailure f) {
            return new SearchOutcome(index, id, params, null,
                    CandidateScore.failed("Arbiter could not build the configuration: " + oneLine(f.exception())));
        }
        if (!(value instanceof DL4JConfiguration conf)) {
            return new SearchOutcome(index, id, params, null, CandidateScore.failed("not a MultiLayerSpace candidate: "
                    + (value == null ? "null" : value.getClass().getName())));
        }
        SearchCandidate sc;
        try {
            sc = CandidateReader.read(space, index, flat, conf);
        } catch (RuntimeException e) {
            return new SearchOutcome(index, id, params, null, CandidateScore.failed("penalties not as specified: " + oneLine(e)));
        }
        CandidateScore score;
        try {
            score = evaluator.evaluate(sc);
            if (score == null) {
                score = CandidateScore.failed("evaluator returned no score");
            }
        } catch (Exception | OutOfMemoryError e) {
            LOG.debug("evaluator failed on candidate {}", id, e);
            score = CandidateScore.failed(oneLine(e));
        }
        return new SearchOutcome(index, id, sc.parameters(), sc, score);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }
}
