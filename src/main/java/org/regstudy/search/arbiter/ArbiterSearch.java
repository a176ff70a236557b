package org.regstudy.search.arbiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

/**
 * Runs an Arbiter search with RegStudy's execution: Arbiter's generators propose candidates,
 * {@link RegStudyOptimizationRunner} (Arbiter's runner contract, without the stock runner's
 * one-second polling) schedules them on {@code concurrency} threads, and {@link RegStudyTaskCreator}
 * hands each to a {@link CandidateEvaluator}.
 *
 * <p>Termination: by candidate count, never overshooting ({@link BoundedCandidateGenerator}), when a
 * grid is exhausted, and by time ({@code MaxTimeCondition}: no new candidate starts after the limit;
 * the ones running finish), and when the evaluator asks to stop ({@link CandidateEvaluator#stopRequested}).
 * Candidates are numbered in generation order, which depends only on the
 * space and the seed: a resumed search regenerates the same ids ({@link SearchCandidate#idOf}), and
 * the evaluator can skip ids it has already stored.
 *
 * <p>Drop-in for an existing Arbiter job: replace
 * {@code new LocalOptimizationRunner(configuration, new MultiLayerNetworkTaskCreator()).execute()} by
 * {@code ArbiterSearch.run(configuration, concurrency, evaluator)}.
 */
public final class ArbiterSearch {

    private ArbiterSearch() {
    }

    /** Candidate generation methods. */
    public enum Method {
        /** Arbiter's {@code GridSearchCandidateGenerator}, sequential order; continuous spaces get {@code gridPoints} values. */
        GRID,
        /** Arbiter's {@code RandomSearchGenerator}, seeded. */
        RANDOM;

        /** @return the method named {@code s} ("grid" or "random", any case) */
        public static Method parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("method must be grid or random, got " + s);
            }
        }
    }

    /**
     * How to search.
     *
     * @param method      grid or random
     * @param candidates  most candidates to evaluate; for a grid, 0 means the whole grid
     * @param gridPoints  values per continuous parameter on a grid ({@code >= 2}); ignored by random search
     * @param maxTime     no candidate starts after this (null: no limit)
     * @param seed        seed of the random generator
     * @param concurrency candidates evaluated at once ({@code >= 1})
     */
    public record Settings(Method method, int candidates, int gridPoints, Duration maxTime, long seed, int concurrency) {
        /** Validates. */
        public Settings {
            if (method == null) {
                throw new IllegalArgumentException("method must not be null");
            }
            if (candidates < 0 || (method == Method.RANDOM && candidates == 0)) {
                throw new IllegalArgumentException("candidates must be >= 1 (0 = whole grid, grid only), got " + candidates);
            }
            if (gridPoints < 2) {
                throw new IllegalArgumentException("gridPoints must be >= 2, got " + gridPoints);
            }
            if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
                throw new IllegalArgumentException("maxTime must be positive, got " + maxTime);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
            }
        }

        /** Random search: {@code candidates} candidates, seed {@code seed}, one at a time, no time limit. */
        public static Settings random(int candidates, long seed) {
            return new Settings(Method.RANDOM, candidates, 5, null, seed, 1);
        }

        /** The whole grid with {@code gridPoints} values per continuous parameter, one at a time. */
        public static Settings grid(int gridPoints) {
            return new Settings(Method.GRID, 0, gridPoints, null, 0, 1);
        }

        /** @return a copy with {@code n} concurrent candidates */
        public Settings withConcurrency(int n) {
            return new Settings(method, candidates, gridPoints, maxTime, seed, n);
        }

        /** @return a copy with a time limit */
        public Settings withMaxTime(Duration d) {
            return new Settings(method, candidates, gridPoints, d, seed, concurrency);
        }
    }

    /**
     * The generator {@code settings} describe for {@code space}, bounded by the candidate count.
     * Grid order is sequential: Arbiter's random grid order is shuffled in the generator's constructor,
     * before any seed can be set, so it is not reproducible.
     */
    public static BoundedCandidateGenerator generator(MultiLayerSpace space, Settings settings) {
        CandidateGenerator g = switch (settings.method()) {
            case GRID -> new GridSearchCandidateGenerator(space, settings.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            case RANDOM -> new RandomSearchGenerator(space, null);
        };
        g.setRngSeed(settings.seed());
        return new BoundedCandidateGenerator(g, settings.candidates() == 0 ? Integer.MAX_VALUE : settings.candidates());
    }

    /** Runs the search over {@code space}; outcomes in candidate-index order. */
    public static List<SearchOutcome> run(MultiLayerSpace space, Settings settings, CandidateEvaluator evaluator) {
        return run(space, settings, evaluator, o -> { });
    }

    /**
     * Runs the search over {@code space}, passing each outcome to {@code progress} as it finishes
     * (from the runner's threads); returns all outcomes in candidate-index order.
     *
     * @throws IllegalArgumentException when the space sets a network-wide l1/l2/l1Bias/l2Bias and has a
     *     {@link PenalizedLayerSpace} (DL4J would merge the global penalty into that layer's lists)
     */
    public static List<SearchOutcome> run(MultiLayerSpace space, Settings settings, CandidateEvaluator evaluator,
                                          Consumer<SearchOutcome> progress) {
        if (space == null || settings == null) {
            throw new IllegalArgumentException("space and settings must not be null");
        }
        checkGlobalPenalties(space);
        AdamSpaceDefaults.complete(space);
        BoundedCandidateGenerator g = generator(space, settings);
        List<TerminationCondition> conditions = new ArrayList<>();
        if (settings.maxTime() != null) {
            conditions.add(new MaxTimeCondition(settings.maxTime().toMillis(), TimeUnit.MILLISECONDS));
        }
        return execute(space, g, conditions, settings.concurrency(), evaluator, progress);
    }

    /**
     * The drop-in: runs a user's Arbiter {@code OptimizationConfiguration} (its generator over a
     * {@code MultiLayerSpace}, its termination conditions) through RegStudy. A
     * {@code MaxCandidatesCondition(n)} becomes a bound on the generator (exactly {@code n} candidates,
     * no overshoot); other conditions ({@code MaxTimeCondition}, ...) are kept. The configuration's
     * data source/provider, score function and model saver are not used: the evaluator owns the data
     * and the score, and nothing is saved by Java serialization.
     */
    public static List<SearchOutcome> run(OptimizationConfiguration configuration, int concurrency,
                                          CandidateEvaluator evaluator) {
        return run(configuration, concurrency, evaluator, o -> { });
    }

    /** The drop-in with a progress callback; see {@link #run(OptimizationConfiguration, int, CandidateEvaluator)}. */
    public static List<SearchOutcome> run(OptimizationConfiguration configuration, int concurrency,
                                          CandidateEvaluator evaluator, Consumer<SearchOutcome> progress) {
        if (configuration == null || configuration.getCandidateGenerator() == null) {
            throw new IllegalArgumentException("configuration with a candidate generator is required");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        ParameterSpace<?> ps = configuration.getCandidateGenerator().getParameterSpace();
        if (!(ps instanceof MultiLayerSpace space)) {
            throw new IllegalArgumentException("the candidate generator's space must be a MultiLayerSpace, got "
                    + (ps == null ? "null" : ps.getClass().getName()));
        }
        checkGlobalPenalties(space);
        AdamSpaceDefaults.complete(space);
        int max = Integer.MAX_VALUE;
        List<TerminationCondition> kept = new ArrayList<>();
        if (configuration.getTerminationConditions() != null) {
            for (TerminationCondition c : configuration.getTerminationConditions()) {
                if (c instanceof MaxCandidatesCondition m) {
                    max = Math.min(max, m.getMaxCandidates());
                } else {
                    kept.add(c);
                }
            }
        }
        if (max < 1) {
            throw new IllegalArgumentException("MaxCandidatesCondition must allow >= 1 candidate, got " + max);
        }
        CandidateGenerator inner = configuration.getCandidateGenerator();
        BoundedCandidateGenerator g = inner instanceof BoundedCandidateGenerator b ? b : new BoundedCandidateGenerator(inner, max);
        return execute(space, g, kept, concurrency, evaluator, progress);
    }

    private static void checkGlobalPenalties(MultiLayerSpace space) {
        boolean global = space.getL1() != null || space.getL2() != null || space.getL1Bias() != null
                || space.getL2Bias() != null;
        boolean penalized = space.getLayerSpaces().stream().anyMatch(c -> c.getLayerSpace() instanceof PenalizedLayerSpace<?>);
        if (global && penalized) {
            throw new IllegalArgumentException("the MultiLayerSpace sets a network-wide l1/l2/l1Bias/l2Bias and has "
                    + "PenalizedLayerSpace layers: DL4J would merge the global penalty into those layers' lists; "
                    + "put every penalty on the layers");
        }
    }

    private static List<SearchOutcome> execute(MultiLayerSpace space, BoundedCandidateGenerator g,
                                               List<TerminationCondition> conditions, int concurrency,
                                               CandidateEvaluator evaluator, Consumer<SearchOutcome> progress) {
        if (evaluator == null) {
            throw new IllegalArgumentException("evaluator must not be null");
        }
        Consumer<SearchOutcome> p = progress == null ? o -> { } : progress;
        ConcurrentLinkedQueue<SearchOutcome> outcomes = new ConcurrentLinkedQueue<>();
        RegStudyTaskCreator tasks = new RegStudyTaskCreator(space, evaluator, o -> {
            outcomes.add(o);
            p.accept(o);
        });
        List<TerminationCondition> all = new ArrayList<>(conditions);
        // ends the run once the bounded generator has handed out everything and nothing is queued or running
        all.add(new RunnerCondition(runner -> !g.hasMoreCandidates() && runner.numCandidatesQueued() == 0,
                () -> "ExhaustedCondition(" + g.issued() + " candidates)"));
        // stops starting candidates once the evaluator asks for it (Ctrl-C); the running ones finish
        all.add(new RunnerCondition(runner -> evaluator.stopRequested(), () -> "StopRequestedCondition"));
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(g)
                .dataSource(EvaluatorDataSource.class, null)
                .scoreFunction(new DataLossScoreFunction())
                .terminationConditions(all)
                .build();
        IOptimizationRunner runner = new RegStudyOptimizationRunner(concurrency, conf, tasks);
        runner.execute();
        List<SearchOutcome> out = new ArrayList<>(outcomes);
        out.sort(Comparator.comparingInt(SearchOutcome::index));
        return List.copyOf(out);
    }

    /** A stateless termination condition: {@code holds} asked of the runner, {@code name} for the log. */
    static final class RunnerCondition implements TerminationCondition {
        private final Predicate<IOptimizationRunner> holds;
        private final Supplier<String> name;

        RunnerCondition(Predicate<IOptimizationRunner> holds, Supplier<String> name) {
            this.holds = holds;
            this.name = name;
        }

        @Override
        public void initialize(IOptimizationRunner runner) {
            // stateless
        }

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return holds.test(runner);
        }

        @Override
        public String toString() {
            return name.get();
        }
    }
}
