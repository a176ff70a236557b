package org.regstudy.search.arbiter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
                    submit(generator.getCandidate(), finished);
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
            pool.shutdownNow();
        } finally {
            pool.shutdown();
        }
        listeners.forEach(l -> l.onShutdown(this));
    }

    private void submit(Candidate candidate, ExecutorCompletionService<OptimizationResult> finished) {
        int index = candidate.getIndex();
        long now = System.currentTimeMillis();
        total.incrementAndGet();
        if (candidate.getException() != null) {
            failed.incrementAndGet();
            CandidateInfo info = new CandidateInfo(index, CandidateStatus.Failed, null, now, now, now,
                    candidate.getFlatParameters(), String.valueOf(candidate.getException()));
            status.put(index, info);
            listeners.forEach(l -> l.onCandidateStatusChange(info, this, null));
            return;
        }
        Callable<OptimizationResult> task = config.getDataSource() != null
                ? taskCreator.create(candidate, config.getDataSource(), config.getDataSourceProperties(),
                        config.getScoreFunction(), listeners, this)
                : taskCreator.create(candidate, config.getDataProvider(), config.getScoreFunction(), listeners, this);
        CandidateInfo info = new CandidateInfo(index, CandidateStatus.Created, null, now, null, null,
                candidate.getFlatParameters(), null);
        status.put(index, info);
        running.incrementAndGet();
        finished.submit(task);
        listeners.forEach(l -> l.onCandidateStatusChange(info, this, null));
    }

    private void record(Future<OptimizationResult> f) throws InterruptedException {
        OptimizationResult result;
        try {
            result = f.get();
        } catch (ExecutionException e) {
            // a task that throws instead of returning a Failed result: counted, nothing to record
            LOG.debug("candidate task threw", e.getCause());
            failed.incrementAndGet();
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
     * interrupted; otherwise they finish and are recorded before {@link #execute} returns.
     */
    @Override
    public void shutdown(boolean awaitCompletion) {
        shutdown.set(true);
        ExecutorService p = pool;
        if (!awaitCompletion && p != null) {
            p.shutdownNow();
        }
    }
}
