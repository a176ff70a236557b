/**
 * Running studies and searches and keeping every result.
 *
 * <p>{@link org.regstudy.search.RunExecutor} trains candidate x repeat (x fold) runs on Java
 * threads and writes each run's record through the {@link org.regstudy.search.ResultStore}
 * (atomic files, job identity, lock, resume by skipping stored runs).
 * {@link org.regstudy.search.Study} sweeps the strengths of a spec (or plans over a user's own
 * configuration); {@link org.regstudy.search.Search} lets Arbiter propose the candidates
 * ({@code org.regstudy.search.arbiter}). {@link org.regstudy.search.Summaries} turns records into
 * the validation curve, verdicts, selections and the held-out test evaluation of
 * {@link org.regstudy.search.StudySummary}; {@link org.regstudy.search.ResultCsv} writes the tidy
 * CSV views.
 */
package org.regstudy.search;
