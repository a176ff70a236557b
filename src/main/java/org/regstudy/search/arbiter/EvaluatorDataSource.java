package org.regstudy.search.arbiter;

import java.util.Properties;

import org.deeplearning4j.arbiter.optimize.api.data.DataSource;

/**
 * The data source RegStudy gives Arbiter's {@code OptimizationConfiguration}, which requires one.
 * RegStudy's {@link RegStudyTaskCreator} never asks it for data: the {@link CandidateEvaluator}
 * loads, splits and normalizes the data itself. Asking it for data (for example from Arbiter's stock
 * task creator) is an error with a message saying so.
 */
public final class EvaluatorDataSource implements DataSource {
    private static final long serialVersionUID = 1L;

    /** Public no-argument constructor, as Arbiter requires. */
    public EvaluatorDataSource() {
    }

    @Override
    public void configure(Properties properties) {
        // nothing to configure: the evaluator owns the data
    }

    @Override
    public Object trainData() {
        throw new IllegalStateException("EvaluatorDataSource has no data: RegStudy's CandidateEvaluator loads the data; "
                + "run the search with RegStudyTaskCreator (ArbiterSearch)");
    }

    @Override
    public Object testData() {
        return trainData();
    }

    @Override
    public Class<?> getDataType() {
        return Object.class;
    }
}
