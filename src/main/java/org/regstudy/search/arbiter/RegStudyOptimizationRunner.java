package org.regstudy.search.arbiter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arbiter's optimization loop (an {@code IOptimizationRunner}: the configuration's generator,
 * termination conditions, task creator and status listeners), scheduled without delays.
 *
 * <p>Arbiter 1.0.0-beta7's {@code LocalOptimizationRunner} waits on its queue of finished tasks with a
 * one-second timeout before it queues anything, so every search starts a second late, and it keeps
 * the candidates' results in memory for its own bookkeeping. This runner does the same job directly:
 * while fewer than {@code concurrency} candidates run, no termination condition holds and the
 * generator has more, it takes the next candidate and submits the task the {@code TaskCreator} makes
 * for it; then it blocks until one finishes (no polling), records its status and score, reports the
 * result to the generator, and repeats until nothing runs. A termination condition stops new
 * candidates; the ones running finish and are recorded. Candidates are taken in generation order, so
 * their indices depend only on the generator.
 */
public final class RegStudyOptimizationRunner implements IOptimizationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RegStudyOptimizationRunner.class);

    private final OptimizationConfiguration config;
    private final TaskCreator taskCreator;
    private final int concurrency;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, CandidateInfo> status = new ConcurrentHashMap<>();
    private final List<ResultReference> results = new CopyOnWriteArrayList<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private volatile ExecutorService pool;
    private volatile Double bestScore;
    private volatile Long bestScoreTime;
    private volatile int bestIndex = -1;

    /**
     * @param concurrency candidates run at once ({@code >= 1}), one thread each
     * @param config      generator, termination conditions (at least one), score function, data source
     * @param taskCreator makes the task that evaluates one candidate
     */
    public RegStudyOptimizationRunner(int concurrency, OptimizationConfiguration config, TaskCreator taskCreator) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (config == null || config.getCandidateGenerator() == null) {
            throw new IllegalArgumentException("a configuration with a candidate generator is required");
        }
        if (config.getTerminationConditions() == null || config.getTerminationConditions().isEmpty()) {
            throw new IllegalArgumentException("at least one termination condition is required");
        }
        if (taskCreator == null) {
            throw new IllegalArgumentException("taskCreator must not be null");
        }
        this.concurrency = concurrency;
        this.config = config;
        this.taskCreator = taskCreator;
    }

    @Override
    public void execute() {
        config.setExecutionStartTime(System.currentTimeMillis());
        listeners.forEach(l -> l.onInitialization(this));
        for (TerminationCondition c : config.getTerminationConditions()) {
            c.initialize(this);
        }
        CandidateGenerator generator = config.getCandidateGenerator();
        AtomicInteger threadNumber = new AtomicInteger();
        pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "regstudy-candidate-" + threadNumber.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<OptimizationResult> finished = new ExecutorCompletionService<>(pool);
        try {
            while (true) {
                while (running.get() < concurrency && !shutdown.get() && generator.hasMoreCandidates() && !terminate()) {
                    if (!submit(generator.getCandidate(), finished)) {
                        break;
                    }
                }
                if (running.get() == 0) {
                    break;
                }
                Future<OptimizationResult> f = finished.take();
                running.decrementAndGet();
                record(f);
                listeners.forEach(l -> l.onRunnerStatusChange(this));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown.set(true);
        } finally {
            // whatever ended the loop (done, interrupted, an exception from the generator, the task
            // creator or a listener), no candidate may still run once execute() returns
            pool.shutdownNow();
            awaitRunning();
        }
        listeners.forEach(l -> l.onShutdown(this));
    }

    /** Waits (bounded) until the pool's threads have finished, keeping the caller's interrupt status. */
    private void awaitRunning() {
        boolean interrupted = Thread.interrupted();
        try {
            while (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                LOG.warn("candidates still running after 30 minutes; waiting");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Submits {@code candidate}'s task; false when the pool no longer accepts tasks (shut down). */
    private boolean submit(Candidate candidate, ExecutorCompletionService<OptimizationResult> finished) {
        int index = candidate.getIndex();
        total.incrementAndGet();
        CandidateInfo info = new CandidateInfo(index, CandidateStatus.Created, null, System.currentTimeMillis(), null,
                null, candidate.getFlatParameters(), null);
        if (candidate.getException() != null) {
            failed.incrementAndGet();
            CandidateInfo failure = failedInfo(info, String.valueOf(candidate.getException()));
            status.put(index, failure);
            listeners.forEach(l -> l.onCandidateStatusChange(failure, this, null));
            return true;
        }
        Callable<OptimizationResult> task = config.getDataSource() != null
                ? taskCreator.create(candidate, config.getDataSource(), config.getDataSourceProperties(),
                        config.getScoreFunction(), listeners, this)
                : taskCreator.create(candidate, config.getDataProvider(), config.getScoreFunction(), listeners, this);
        status.put(index, info);
        try {
            finished.submit(new IndexedTask(index, task));
        } catch (RejectedExecutionException e) {
            // shut down between the check and the submit: the candidate never started
            failed.incrementAndGet();
            status.put(index, failedInfo(info, "not started: the runner was shut down"));
            return false;
        }
        running.incrementAndGet();
        listeners.forEach(l -> l.onCandidateStatusChange(info, this, null));
        return true;
    }

    /** A task that remembers its candidate's index, so a failure can be recorded against it. */
    private record IndexedTask(int index, Callable<OptimizationResult> task) implements Callable<OptimizationResult> {
        @Override
        public OptimizationResult call() throws Exception {
            try {
                return task.call();
            } catch (Exception | Error e) {
                throw new CandidateFailure(index, e);
            }
        }
    }

    /** Carries the index of a candidate whose task threw. */
    private static final class CandidateFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int index;

        CandidateFailure(int index, Throwable cause) {
            super(cause);
            this.index = index;
        }
    }

    private static CandidateInfo failedInfo(CandidateInfo created, String reason) {
        long now = System.currentTimeMillis();
        return new CandidateInfo(created.getIndex(), CandidateStatus.Failed, null, created.getCreatedTime(),
                created.getStartTime() == null ? now : created.getStartTime(), now, created.getFlatParams(), reason);
    }

    private void record(Future<OptimizationResult> f) throws InterruptedException {
        OptimizationResult result;
        try {
            result = f.get();
        } catch (ExecutionException | CancellationException e) {
            // a task that threw instead of returning a Failed result, or one cancelled by shutdown(false)
            failed.incrementAndGet();
            Throwable cause = e.getCause();
            if (cause instanceof CandidateFailure cf) {
                LOG.debug("candidate {} task threw", cf.index, cf.getCause());
                CandidateInfo created = status.get(cf.index);
                if (created != null) {
                    CandidateInfo info = failedInfo(created, String.valueOf(cf.getCause()));
                    status.put(cf.index, info);
                    listeners.forEach(l -> l.onCandidateStatusChange(info, this, null));
                }
            } else {
                LOG.debug("candidate task ended without a result", e);
            }
            return;
        }
        CandidateInfo created = status.get(result.getIndex());
        CandidateInfo reported = result.getCandidateInfo();
        CandidateInfo info = new CandidateInfo(result.getIndex(), reported.getCandidateStatus(), result.getScore(),
                created == null ? reported.getCreatedTime() : created.getCreatedTime(), reported.getStartTime(),
                System.currentTimeMillis(), created == null ? reported.getFlatParams() : created.getFlatParams(),
                reported.getExceptionStackTrace());
        status.put(result.getIndex(), info);
        if (reported.getCandidateStatus() == CandidateStatus.Failed) {
            failed.incrementAndGet();
        } else {
            config.getCandidateGenerator().reportResults(result);
            Double score = result.getScore();
            boolean minimize = config.getScoreFunction() == null || config.getScoreFunction().minimize();
            if (score != null && (bestScore == null || (minimize ? score < bestScore : score > bestScore))) {
                bestScore = score;
                bestScoreTime = System.currentTimeMillis();
                bestIndex = result.getIndex();
            }
            completed.incrementAndGet();
            if (result.getResultReference() != null) {
                results.add(result.getResultReference());
            }
        }
        listeners.forEach(l -> l.onCandidateStatusChange(info, this, result));
    }

    private boolean terminate() {
        for (TerminationCondition c : config.getTerminationConditions()) {
            if (c.terminate(this)) {
                LOG.debug("termination condition met: {}", c);
                return true;
            }
        }
        return false;
    }

    @Override
    public int numCandidatesTotal() {
        return total.get();
    }

    @Override
    public int numCandidatesCompleted() {
        return completed.get();
    }

    @Override
    public int numCandidatesFailed() {
        return failed.get();
    }

    @Override
    public int numCandidatesQueued() {
        return running.get();
    }

    @Override
    public Double bestScore() {
        return bestScore;
    }

    @Override
    public Long bestScoreTime() {
        return bestScoreTime;
    }

    @Override
    public int bestScoreCandidateIndex() {
        return bestIndex;
    }

    @Override
    public List<ResultReference> getResults() {
        return List.copyOf(results);
    }

    @Override
    public OptimizationConfiguration getConfiguration() {
        return config;
    }

    @Override
    public void addListeners(StatusListener... add) {
        listeners.addAll(List.of(add));
    }

    @Override
    public void removeListeners(StatusListener... remove) {
        listeners.removeAll(List.of(remove));
    }

    @Override
    public void removeAllListeners() {
        listeners.clear();
    }

    @Override
    public List<CandidateInfo> getCandidateStatus() {
        List<CandidateInfo> out = new ArrayList<>(status.values());
        out.sort(Comparator.comparingInt(CandidateInfo::getIndex));
        return out;
    }

    /**
     * Stops starting candidates. With {@code awaitCompletion} false the running ones are also
     * interrupted (and a task not yet started is cancelled); otherwise they finish. Either way they
     * are recorded before {@link #execute} returns.
     */
    @Override
    public void shutdown(boolean awaitCompletion) {
        shutdown.set(true);
        ExecutorService p = pool;
        if (!awaitCompletion && p != null) {
            // cancel, do not drop: a dropped task's future would never complete and execute() would wait forever
            for (Runnable queued : p.shutdownNow()) {
                if (queued instanceof Future<?> future) {
                    future.cancel(true);
                }
            }
        }
    }
}
