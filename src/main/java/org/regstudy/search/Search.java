package org.regstudy.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.regstudy.data.Fingerprint;
import org.regstudy.diagnosis.Statistics;
import org.regstudy.network.NetworkFactory;
import org.regstudy.penalty.LayerPenalty;
import org.regstudy.penalty.PenaltyPlan;
import org.regstudy.search.arbiter.ArbiterSearch;
import org.regstudy.search.arbiter.CandidateScore;
import org.regstudy.search.arbiter.PenaltySpaces;
import org.regstudy.search.arbiter.SearchCandidate;
import org.regstudy.search.arbiter.SearchOutcome;
import org.regstudy.spec.ResolvedStudy;
import org.regstudy.spec.SpecLoader;
import org.regstudy.train.EpochRecord;
import org.regstudy.train.RunStatus;

/**
 * An Arbiter-driven penalty search: Arbiter's grid or random generator proposes candidates
 * (configurations with per-layer penalties), RegStudy trains each candidate's repeats through the
 * {@link RunExecutor} into the {@link ResultStore}, and the candidate's score handed back to Arbiter
 * is its mean validation data loss. A spec's search also runs an unregularized baseline ({@code base});
 * the drop-in for an existing Arbiter job ({@link #run(OptimizationConfiguration, RunContext, int, int, Path,
 * Study.Options)}) runs only the job's candidates.
 * The summary, selections (best and 1-SE) and held-out test evaluation are those of a study.
 *
 * <p>Resume: candidates are regenerated from the spec and seed with the same ids, and runs whose
 * records exist are not trained again.
 */
public final class Search {

    private Search() {
    }

    /** Runs the spec's {@code search:} block into {@code out}. */
    public static Study.Outcome run(ResolvedStudy study, Path out, Study.Options options) {
        if (study.folds().size() > 1) {
            throw new org.regstudy.common.BadInputException("data.split.folds: k-fold is for studies; a search uses"
                    + " a holdout split (data.split.validation/test)");
        }
        MultiLayerSpace space = PenaltySpaces.fromSpec(study.spec(), study.network());
        ArbiterSearch.Settings settings = PenaltySpaces.settings(study.spec());
        String specJson;
        try {
            specJson = SpecLoader.json().writeValueAsString(study.spec());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int expected = expectedCandidates(space, settings);
        try (ResultStore store = ResultStore.open(out, JobIdentity.of("search", study.jobHash(), study.name()), specJson,
                options.resume())) {
            options.progress().jobOpened(store.dir());
            RunContext context = Study.context(study, study.data(), study.data().split().train(), true);
            RunExecutor executor = new RunExecutor(context, store);
            Candidate baseline = Candidate.of("base", 0, Map.of("baseline", "no penalty"),
                    NetworkFactory.configuration(study.network(), PenaltyPlan.none()));
            Driver driver = new Driver(executor, study.repeats(), options, expected);
            driver.evaluate(baseline);
            org.nd4j.linalg.api.buffer.DataType dataType = study.network().dataType();
            List<SearchOutcome> outcomes = ArbiterSearch.run(space, settings, driver.evaluator(dataType));
            return finish(study, store, context, baseline, outcomes, driver, options, dataType);
        }
    }

    /**
     * The drop-in for an existing Arbiter job: its {@code OptimizationConfiguration} (generator over a
     * {@code MultiLayerSpace}, termination conditions) runs through RegStudy's execution and records,
     * on the data and settings of {@code context}; the configuration's own data source, score function
     * and model saver are not used.
     */
    public static Study.Outcome run(OptimizationConfiguration arbiterJob, RunContext context, int repeats,
                                    int concurrency, Path out, Study.Options options) {
        String jobJson;
        try {
            jobJson = arbiterJob.toJson();
        } catch (RuntimeException e) {
            jobJson = String.valueOf(arbiterJob.getCandidateGenerator().getParameterSpace());
        }
        // what decides the runs' numbers: other repeats, settings or seeds are another job, never resumed as this one
        String hash = Fingerprint.sha256Hex((jobJson + "\n" + context.dataFingerprint() + "\n"
                + org.regstudy.spec.SpecResolver.SEARCH_SEMANTICS + "\n" + repeats + "\n" + context.settings()
                + "\nseed " + context.baseSeed()).getBytes(StandardCharsets.UTF_8));
        RunContext ctx = new RunContext(context.train(), context.validation(), context.test(), context.classification(),
                context.normalizer(), context.settings(), context.thresholds(), context.baseSeed(), hash,
                context.dataFingerprint(), context.dataDescription(), context.dataShape(), context.splitSeed(), true);
        Map<String, Object> described = new java.util.LinkedHashMap<>();
        described.put("arbiterJob", Study.jsonTree(jobJson));
        described.put("repeats", repeats);
        described.put("training", String.valueOf(context.settings()));
        described.put("seed", context.baseSeed());
        try (ResultStore store = ResultStore.open(out, JobIdentity.of("search", hash, "arbiter-job"),
                Study.javaApiSpec("Search.run", described), options.resume())) {
            options.progress().jobOpened(store.dir());
            RunExecutor executor = new RunExecutor(ctx, store);
            Driver driver = new Driver(executor, repeats, options, 0);
            List<SearchOutcome> outcomes = ArbiterSearch.run(arbiterJob, concurrency, driver.evaluator(null));
            List<Candidate> candidates = candidates(outcomes, null);
            List<RunRecord> records = driver.records();
            if (options.stop().get()) {
                return new Study.Outcome(out, null, records, true);
            }
            Summaries.Conclusion conclusion = Summaries.conclude(candidates, null, records, ctx.thresholds(),
                    ctx.classification(), store, fold -> ctx.test());
            StudySummary summary = Summaries.write(new Summaries.JobInfo("search", "arbiter-job", ctx.dataDescription(),
                            "given by the caller", "Arbiter MultiLayerSpace", "Arbiter layer spaces", repeats, ctx.baseSeed()),
                    hash, ctx.classification(), conclusion, records, null, store, "selected");
            return new Study.Outcome(out, summary, records, false);
        }
    }

    /**
     * The candidates a search will run, with the baseline, for the progress total: a grid's size
     * ({@code gridPoints} per continuous parameter, multiplied) bounded by {@code candidates}; a
     * random search's {@code candidates}. A time limit may end it sooner; 0 when not known.
     */
    static int expectedCandidates(MultiLayerSpace space, ArbiterSearch.Settings settings) {
        int bound = settings.candidates();
        if (settings.method() == ArbiterSearch.Method.GRID) {
            long grid;
            try {
                grid = new GridSearchCandidateGenerator(space, settings.gridPoints(),
                        GridSearchCandidateGenerator.Mode.Sequential, null).getTotalNumCandidates();
            } catch (IllegalStateException e) { // Arbiter: more than Integer.MAX_VALUE candidates
                grid = Long.MAX_VALUE;
            }
            long run = bound == 0 ? grid : Math.min(bound, grid);
            if (run > org.regstudy.spec.SpecValidator.MAX_SEARCH_CANDIDATES) {
                throw new org.regstudy.common.BadInputException("search.gridPoints: " + settings.gridPoints()
                        + " points per searched value make a grid of "
                        + (grid == Long.MAX_VALUE ? "more than " + Integer.MAX_VALUE : String.valueOf(grid))
                        + " candidates, more than " + org.regstudy.spec.SpecValidator.MAX_SEARCH_CANDIDATES
                        + "; lower search.gridPoints or bound it with search.candidates");
            }
            bound = (int) run;
        }
        return bound > 0 ? bound + 1 : 0;
    }

    private static Study.Outcome finish(ResolvedStudy study, ResultStore store, RunContext context, Candidate baseline,
                                        List<SearchOutcome> outcomes, Driver driver, Study.Options options,
                                        org.nd4j.linalg.api.buffer.DataType dataType) {
        List<RunRecord> records = driver.records();
        if (options.stop().get()) {
            return new Study.Outcome(store.dir(), null, records, true);
        }
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(baseline);
        candidates.addAll(candidates(outcomes, dataType));
        Summaries.Conclusion conclusion = Summaries.conclude(candidates, baseline.id(), records, study.thresholds(),
                study.classification(), store, fold -> context.test());
        Summaries.JobInfo base = Study.info(study);
        Summaries.JobInfo info = new Summaries.JobInfo("search", base.name(), base.data(), base.split(), base.network(),
                base.penalty() + "; search " + study.spec().search().method() + " over "
                        + (study.spec().search().strengths() == null ? "shared" : study.spec().search().strengths())
                        + " strengths", base.repeats(), base.seed());
        StudySummary summary = Summaries.write(info, study.jobHash(), study.classification(), conclusion, records, null,
                store, study.keepModels());
        return new Study.Outcome(store.dir(), summary, records, false);
    }

    /** RegStudy candidates of the buildable outcomes, in index order. */
    static List<Candidate> candidates(List<SearchOutcome> outcomes, org.nd4j.linalg.api.buffer.DataType dataType) {
        List<Candidate> out = new ArrayList<>();
        for (SearchOutcome o : outcomes) {
            if (o.candidate() != null) {
                out.add(candidate(o.candidate(), dataType));
            }
        }
        return out;
    }

    /**
     * A RegStudy candidate from an Arbiter one; its strength is the sum of all DL4J strengths of its
     * plan. {@code dataType} (Arbiter's spaces have none) is set on the configuration when given.
     */
    static Candidate candidate(SearchCandidate c, org.nd4j.linalg.api.buffer.DataType dataType) {
        if (dataType != null) {
            // on every layer's configuration too, as NetworkFactory's networks (the baseline) have it
            c.configuration().setDataType(dataType);
            for (org.deeplearning4j.nn.conf.NeuralNetConfiguration layer : c.configuration().getConfs()) {
                layer.setDataType(dataType);
            }
        }
        double sum = 0;
        for (LayerPenalty lp : c.plan().byIndex().values()) {
            sum += lp.weights().strength() + lp.biases().strength();
        }
        sum += c.plan().defaults().weights().strength() + c.plan().defaults().biases().strength();
        return Candidate.of(c.id(), sum, c.parameters(), c.configuration());
    }

    /**
     * Trains a candidate's repeats (sequentially: Arbiter runs candidates in parallel) and scores it
     * by the mean validation data loss of its completed repeats; reports progress per candidate.
     */
    static final class Driver {
        private final RunExecutor executor;
        private final int repeats;
        private final Study.Options options;
        private final int expected;
        private final AtomicInteger done = new AtomicInteger();
        private final List<RunRecord> records = Collections.synchronizedList(new ArrayList<>());

        Driver(RunExecutor executor, int repeats, Study.Options options, int expected) {
            this.executor = executor;
            this.repeats = repeats;
            this.options = options;
            this.expected = expected;
        }

        /** Evaluates Arbiter's candidates (with {@code dataType} set, when given) and stops on Ctrl-C. */
        org.regstudy.search.arbiter.CandidateEvaluator evaluator(org.nd4j.linalg.api.buffer.DataType dataType) {
            return new org.regstudy.search.arbiter.CandidateEvaluator() {
                @Override
                public CandidateScore evaluate(SearchCandidate c) {
                    return Driver.this.evaluate(candidate(c, dataType));
                }

                @Override
                public boolean stopRequested() {
                    return options.stop().get();
                }
            };
        }

        CandidateScore evaluate(Candidate c) {
            if (options.stop().get()) {
                return CandidateScore.failed("stopped before it ran");
            }
            List<RunRecord> runs = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                RunExecutor.Task task = new RunExecutor.Task(c, r, -1);
                RunExecutor.Done ran = executor.run(task);
                RunRecord record = ran.record();
                runs.add(record);
                records.add(record);
                synchronized (this) {
                    options.progress().runFinished(record, done.incrementAndGet(),
                            expected > 0 ? expected * repeats : 0, ran.resumed());
                }
            }
            double[] losses = runs.stream().filter(x -> x.status() == RunStatus.COMPLETED && x.kept() != null)
                    .map(RunRecord::kept).mapToDouble(EpochRecord::validationLoss).toArray();
            if (losses.length > 0) {
                return CandidateScore.completed(Statistics.mean(losses));
            }
            boolean diverged = runs.stream().anyMatch(x -> x.status() == RunStatus.DIVERGED);
            String reason = runs.isEmpty() ? "no runs" : runs.get(0).reason();
            return diverged ? CandidateScore.diverged(reason) : CandidateScore.failed(reason);
        }

        List<RunRecord> records() {
            List<RunRecord> copy;
            synchronized (records) {
                copy = new ArrayList<>(records);
            }
            copy.sort(java.util.Comparator.comparing(RunRecord::id));
            return copy;
        }
    }

}
