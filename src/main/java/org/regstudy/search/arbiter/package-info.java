/**
 * Arbiter as the engine of penalty searches, with RegStudy's execution behind a small seam.
 *
 * <p>{@link org.regstudy.search.arbiter.PenalizedLayerSpace} gives Arbiter layer spaces the penalties
 * they lack (proximal L1, elastic net, decoupled weight decay, next to L1 and L2), set as exact DL4J
 * lists. {@link org.regstudy.search.arbiter.PenaltySpaces} builds a {@code MultiLayerSpace} from a
 * spec (log-uniform strengths, so grids are log-spaced). {@link org.regstudy.search.arbiter.ArbiterSearch}
 * runs Arbiter's grid or random generator in {@link org.regstudy.search.arbiter.RegStudyOptimizationRunner}
 * (Arbiter's runner contract without the stock runner's one-second polling) with
 * {@link org.regstudy.search.arbiter.RegStudyTaskCreator}, which passes each
 * {@link org.regstudy.search.arbiter.SearchCandidate} to a
 * {@link org.regstudy.search.arbiter.CandidateEvaluator} (no sleep, no forced GC, no Java
 * serialization), stops at exactly the candidate count or the time limit, and also accepts a user's
 * own {@code OptimizationConfiguration} (the drop-in). {@link org.regstudy.search.arbiter.AdamSpaceDefaults}
 * gives Arbiter's Adam-family updater spaces DL4J's beta1, beta2 and epsilon where Arbiter beta7 would
 * put 0.001.
 */
package org.regstudy.search.arbiter;
