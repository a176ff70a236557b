package org.regstudy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.regstudy.common.AtomicFiles;
import org.regstudy.common.BadInputException;
import org.regstudy.common.Provenance;
import org.regstudy.diagnosis.Diagnosis;
import org.regstudy.diagnosis.VerdictRules;
import org.regstudy.inspect.SparsityThreshold;
import org.regstudy.inspect.WeightStats;
import org.regstudy.network.NetworkFactory;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.RunStatus;
import org.regstudy.train.Trainer;
import org.regstudy.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs candidates x repeats: builds each run's network from its candidate and seed, trains it,
 * diagnoses it, measures its weights, saves its model and writes its record, all through the
 * {@link ResultStore}. Runs whose record exists are not run again (resume). Runs execute on
 * {@code concurrency} Java threads, each training its own network with one native thread; the
 * numbers do not depend on the concurrency.
 */
public final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    /** Histogram bins of the weight statistics stored with each run. */
    public static final int HISTOGRAM_BINS = 40;

    private final RunContext context;
    private final ResultStore store;
    private final Provenance software = Provenance.current();

    public RunExecutor(RunContext context, ResultStore store) {
        this.context = context;
        this.store = store;
    }

    public ResultStore store() {
        return store;
    }

    /** One run to execute. {@code fold} is -1 without folds. */
    public record Task(Candidate candidate, int repeat, int fold) {
        public String id() {
            return RunRecord.idOf(candidate.id(), repeat, fold);
        }
    }

    /** Every candidate times repeats 0..repeats-1, in that order, on {@code fold} (-1: no folds). */
    public static List<Task> tasks(List<Candidate> candidates, int repeats, int fold) {
        List<Task> out = new ArrayList<>();
        for (Candidate c : candidates) {
            for (int r = 0; r < repeats; r++) {
                out.add(new Task(c, r, fold));
            }
        }
        return out;
    }

    /**
     * Runs every task (skipping those already stored) on {@code concurrency} threads and returns
     * their records in task order. When {@code stop} becomes true, no further run starts; the
     * runs in flight finish and are stored, and the returned list holds only finished runs.
     */
    public List<RunRecord> runAll(List<Task> tasks, int concurrency, ProgressListener progress, AtomicBoolean stop) {
        AtomicInteger done = new AtomicInteger();
        int total = tasks.size();
        Object progressLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "regstudy-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunRecord>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return null;
                    }
                    Done d = run(task);
                    synchronized (progressLock) {
                        progress.runFinished(d.record(), done.incrementAndGet(), total, d.resumed());
                    }
                    return d.record();
                }));
            }
            List<RunRecord> out = new ArrayList<>();
            for (Future<RunRecord> f : futures) {
                RunRecord r = f.get();
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopNow(pool, stop);
            throw new IllegalStateException("interrupted while runs were in flight", e);
        } catch (ExecutionException e) {
            // no queued run may start (or write into the store) after the caller has given up
            stopNow(pool, stop);
            if (e.getCause() instanceof BadInputException b) {
                throw b; // e.g. a record the result directory cannot take: one line, the runs stored so far kept
            }
            throw new IllegalStateException("a run crashed outside its training: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Stops queued runs and waits for the ones in flight, so none writes after the store is closed. */
    private static void stopNow(ExecutorService pool, AtomicBoolean stop) {
        stop.set(true);
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task's record, and whether it was stored before ({@code resumed}) rather than trained now. */
    public record Done(RunRecord record, boolean resumed) {
    }

    /** Runs one task, or returns its stored record when it completed before. */
    public Done run(Task task) {
        java.util.Optional<RunRecord> prior = stored(task);
        if (prior.isPresent()) {
            return new Done(prior.get(), true);
        }
        RunRecord r = train(task);
        store.write(r);
        return new Done(r, false);
    }

    /**
     * The stored record of {@code task}, if it is this task's: same candidate, repeat, fold, strength
     * and parameters (a record copied over from another run is not, and the run is trained again).
     */
    private java.util.Optional<RunRecord> stored(Task task) {
        Candidate c = task.candidate();
        return store.find(task.id()).filter(r -> {
            boolean same = c.id().equals(r.candidateId()) && r.repeat() == task.repeat() && r.fold() == task.fold()
                    && Double.compare(r.strength(), c.strength()) == 0 && c.parameters().equals(r.parameters());
            if (!same) {
                LOG.warn("ignoring run record {} (it will be run again): it holds candidate {} with {}, not {} with {}",
                        task.id(), r.candidateId(), r.parameters(), c.id(), c.parameters());
            }
            return same;
        });
    }

    private RunRecord train(Task task) {
        Candidate c = task.candidate();
        long seed = context.baseSeed() + task.repeat();
        String started = Instant.now().toString();
        long t0 = System.nanoTime();
        MultiLayerNetwork net = null;
        TrainingResult result;
        List<String> plan = List.of();
        try {
            MultiLayerConfiguration conf = c.configuration(seed);
            plan = describePlan(conf);
            net = new MultiLayerNetwork(conf);
            net.init();
            result = Trainer.train(net, context.train().copy(), context.validation().copy(),
                    context.classification(), context.settings(), seed);
        } catch (RuntimeException e) {
            LOG.debug("run {} failed before training", task.id(), e);
            result = new TrainingResult(RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    0, 0, Double.NaN, List.of(), net, 0);
        }
        Diagnosis diagnosis = diagnose(result);
        List<WeightStats> weights = List.of();
        if (result.network() != null && result.status() != RunStatus.FAILED) {
            try {
                weights = weightStats(result.network());
            } catch (RuntimeException e) {
                // statistics of a broken network must not end the job; the run keeps its status
                LOG.debug("run {}: no weight statistics", task.id(), e);
            }
        }
        if (context.saveModels() && result.status() == RunStatus.COMPLETED) {
            saveModel(result.network(), context.normalizer(), store.modelPath(task.id()));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.debug("run {} {} in {} ms", task.id(), result.status(), millis);
        return new RunRecord(RunRecord.SCHEMA_VERSION, task.id(), c.id(), task.repeat(), task.fold(), seed,
                c.strength(), c.parameters(), plan, result.status(), result.reason(), result.epochsRun(),
                result.bestEpoch(), result.trivialLoss(), result.history(), diagnosis, weights,
                new RunProvenance(context.jobHash(), context.dataFingerprint(), context.dataDescription(),
                        context.dataShape(), context.splitSeed(), seed, software, started, millis));
    }

    /**
     * Writes a DL4J model zip (without updater state) with the normalizer inside, atomically.
     * {@code writeModel(model, File, boolean, normalizer)} fails in M2.1 ("stream is closed"), so the
     * normalizer is added to the finished temporary file before it is renamed into place.
     */
    public static void saveModel(MultiLayerNetwork net, DataNormalization normalizer, Path target) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            if (normalizer != null) {
                ModelSerializer.addNormalizerToModel(tmp.toFile(), normalizer);
            }
            AtomicFiles.move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover hidden temporary file is harmless
            }
        }
    }

    /** The single-run verdict at the kept epoch, or null when nothing usable was recorded. */
    private Diagnosis diagnose(TrainingResult result) {
        if (result.status() != RunStatus.COMPLETED || result.history().isEmpty()) {
            return null;
        }
        return VerdictRules.diagnose(Summaries.historyUpTo(result.history(), result.bestEpoch(), result.trivialLoss()),
                context.thresholds());
    }

    /** Weight statistics of every parameter array, layer by layer (W, RW, b). */
    public static List<WeightStats> weightStats(MultiLayerNetwork net) {
        List<WeightStats> out = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            String layerName = name == null ? "layer" + i : name;
            for (Map.Entry<String, INDArray> e : layers[i].paramTable().entrySet()) {
                out.add(WeightStats.of(layerName, e.getKey(), e.getValue(), SparsityThreshold.defaults(), HISTOGRAM_BINS));
            }
        }
        return out;
    }

    /** One line per layer: its index, name and the DL4J penalty on weights and on biases. */
    public static List<String> describePlan(MultiLayerConfiguration conf) {
        PenaltyPlan plan = NetworkFactory.readPlan(conf);
        List<String> names = NetworkFactory.layerNames(conf);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(i + " " + names.get(i) + ": " + plan.forLayer(i, names.get(i)));
        }
        return out;
    }
}
