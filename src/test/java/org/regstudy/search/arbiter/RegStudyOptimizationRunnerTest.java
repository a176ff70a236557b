package org.regstudy.search.arbiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.junit.jupiter.api.Test;

/**
 * The runner on Arbiter's own grid generator over a one-dimensional space (x in [0, 1], 11 grid
 * points: 0, 0.1, ..., 1) with tasks whose score is x itself, so every expected number is the grid.
 */
class RegStudyOptimizationRunnerTest {

    /** A task creator that makes one task per candidate, whichever way Arbiter asks for it. */
    private static TaskCreator tasks(Function<Candidate, Callable<OptimizationResult>> task) {
        return new TaskCreator() {
            @Override
            public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                                       ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                                       IOptimizationRunner runner) {
                return task.apply(candidate);
            }

            @Override
            public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                                       Properties dataSourceProperties, ScoreFunction scoreFunction,
                                                       List<StatusListener> statusListeners, IOptimizationRunner runner) {
                return task.apply(candidate);
            }
        };
    }

    /** Scores candidate x with x; candidate index 3 throws, index 5 reports Failed. */
    private static final class ScoreIsX {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        final TaskCreator creator = tasks(this::task);

        private Callable<OptimizationResult> task(Candidate candidate) {
            return () -> {
                int now = running.incrementAndGet();
                maxRunning.accumulateAndGet(now, Math::max);
                started.add(candidate.getIndex());
                try {
                    Thread.sleep(5);   // let concurrent tasks overlap
                    int i = candidate.getIndex();
                    if (i == 3) {
                        throw new IllegalStateException("task 3 throws");
                    }
                    double x = (Double) candidate.getValue();
                    boolean failed = i == 5;
                    long t = System.currentTimeMillis();
                    CandidateInfo info = new CandidateInfo(i, failed ? CandidateStatus.Failed : CandidateStatus.Complete,
                            failed ? null : x, t, t, t, candidate.getFlatParameters(), failed ? "task 5 failed" : null);
                    return new OptimizationResult(candidate, failed ? null : x, i, null, info, null);
                } finally {
                    running.decrementAndGet();
                }
            };
        }
    }

    private static OptimizationConfiguration grid(TerminationCondition... conditions) {
        return new OptimizationConfiguration.Builder()
                .candidateGenerator(new GridSearchCandidateGenerator(new ContinuousParameterSpace(0, 1), 11,
                        GridSearchCandidateGenerator.Mode.Sequential, null))
                .dataSource(EvaluatorDataSource.class, null)
                .scoreFunction(new DataLossScoreFunction())
                .terminationConditions(conditions)
                .build();
    }

    @Test
    void runsTheWholeGridAtMostConcurrencyAtOnceAndKeepsTheBestScore() {
        ScoreIsX tasks = new ScoreIsX();
        // 11 grid points; a MaxCandidatesCondition above the grid size never fires
        RegStudyOptimizationRunner runner = new RegStudyOptimizationRunner(2, grid(new MaxCandidatesCondition(100)), tasks.creator);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        runner.addListeners(new Recording(events));
        runner.execute();
        assertEquals(11, runner.numCandidatesTotal());
        // index 3 threw and index 5 reported Failed: 9 completed, 2 failed
        assertEquals(9, runner.numCandidatesCompleted());
        assertEquals(2, runner.numCandidatesFailed());
        assertEquals(0, runner.numCandidatesQueued());
        assertTrue(tasks.maxRunning.get() <= 2, "at most 2 at once, saw " + tasks.maxRunning.get());
        // minimized score x: the best is x = 0 at index 0
        assertEquals(0.0, runner.bestScore());
        assertEquals(0, runner.bestScoreCandidateIndex());
        List<CandidateInfo> status = runner.getCandidateStatus();
        assertEquals(11, status.size());
        assertEquals(CandidateStatus.Failed, status.get(5).getCandidateStatus());
        // the throwing task is recorded as Failed with its exception, and listeners are told
        assertEquals(CandidateStatus.Failed, status.get(3).getCandidateStatus());
        assertTrue(status.get(3).getExceptionStackTrace().contains("task 3 throws"), status.get(3).getExceptionStackTrace());
        assertTrue(events.contains("candidate 3 Failed"), events.toString());
        assertEquals(0.7, status.get(7).getScore(), 1e-12);
        assertEquals("init", events.get(0));
        assertEquals("shutdown", events.get(events.size() - 1));
    }

    @Test
    void aTerminationConditionStopsNewCandidatesAndTheRunningOnesFinish() {
        ScoreIsX tasks = new ScoreIsX();
        // checked before each new candidate: once 4 are created it holds (Arbiter's MaxCandidatesCondition
        // counts finished candidates instead, which is why RegStudy bounds the generator)
        TerminationCondition fourCreated = new ArbiterSearch.RunnerCondition(r -> r.numCandidatesTotal() >= 4,
                () -> "four created");
        RegStudyOptimizationRunner runner = new RegStudyOptimizationRunner(3, grid(fourCreated), tasks.creator);
        runner.execute();
        assertEquals(4, runner.numCandidatesTotal());
        assertEquals(List.of(0, 1, 2, 3), tasks.started.stream().sorted().toList());
        // 0, 1, 2 complete; 3 throws
        assertEquals(3, runner.numCandidatesCompleted());
        assertEquals(1, runner.numCandidatesFailed());
    }

    @Test
    void aStopRequestedWhileRunningEndsTheSearchAfterTheRunningCandidate() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch first = new CountDownLatch(1);
        TerminationCondition onRequest = new ArbiterSearch.RunnerCondition(r -> stop.get(), () -> "on request");
        ScoreIsX inner = new ScoreIsX();
        TaskCreator stopAfterFirstStarts = tasks(c -> {
            Callable<OptimizationResult> t = inner.task(c);
            return () -> {
                stop.set(true);   // as Ctrl-C would, while the first candidate trains
                first.countDown();
                return t.call();
            };
        });
        RegStudyOptimizationRunner runner = new RegStudyOptimizationRunner(1, grid(onRequest), stopAfterFirstStarts);
        runner.execute();
        assertTrue(first.await(1, TimeUnit.SECONDS));
        assertEquals(1, runner.numCandidatesTotal());
        assertEquals(1, runner.numCandidatesCompleted());
    }

    @Test
    void shutdownWithoutWaitingInterruptsTheRunningCandidatesAndReturns() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        TaskCreator blocking = tasks(c -> () -> {
            started.countDown();
            Thread.sleep(60_000);   // until interrupted
            throw new IllegalStateException("not interrupted");
        });
        RegStudyOptimizationRunner runner = new RegStudyOptimizationRunner(2, grid(new MaxCandidatesCondition(100)), blocking);
        Thread t = new Thread(runner::execute);
        t.start();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        runner.shutdown(false);
        t.join(30_000);
        assertTrue(!t.isAlive(), "execute() returned after shutdown(false)");
        // the two running candidates were interrupted (failed); no further candidate started
        assertEquals(2, runner.numCandidatesTotal());
        assertEquals(2, runner.numCandidatesFailed());
        assertEquals(0, runner.numCandidatesQueued());
    }

    @Test
    void badArgumentsAreRefused() {
        ScoreIsX tasks = new ScoreIsX();
        assertThrows(IllegalArgumentException.class,
                () -> new RegStudyOptimizationRunner(0, grid(new MaxCandidatesCondition(1)), tasks.creator));
        assertThrows(IllegalArgumentException.class, () -> new RegStudyOptimizationRunner(1, grid(), tasks.creator));
        assertThrows(IllegalArgumentException.class,
                () -> new RegStudyOptimizationRunner(1, grid(new MaxCandidatesCondition(1)), null));
    }

    /** Records the runner's listener calls. */
    private record Recording(List<String> events) implements StatusListener {
        @Override
        public void onInitialization(IOptimizationRunner runner) {
            events.add("init");
        }

        @Override
        public void onShutdown(IOptimizationRunner runner) {
            events.add("shutdown");
        }

        @Override
        public void onRunnerStatusChange(IOptimizationRunner runner) {
            events.add("runner");
        }

        @Override
        public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner, OptimizationResult result) {
            events.add("candidate " + info.getIndex() + " " + info.getCandidateStatus());
        }

        @Override
        public void onCandidateIteration(CandidateInfo info, Object candidate, int iteration) {
            events.add("iteration");
        }
    }
}
