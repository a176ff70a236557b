/**
 * Data for regularization studies: CSV loading with one-line {@code FILE:LINE:COL} errors
 * ({@link org.regstudy.data.CsvLoader}, {@link org.regstudy.data.SequenceLoader}), seeded
 * generators ({@link org.regstudy.data.Generators}), seeded holdout and k-fold splits
 * ({@link org.regstudy.data.Splitter}), normalization fitted on the training part only
 * ({@link org.regstudy.data.Normalization}), summaries and fingerprints for provenance.
 *
 * <p>{@link org.regstudy.data.Dataset} is the one in-memory form (features, labels, task, sequence
 * shape, fingerprint); {@link org.regstudy.data.DatasetCsv} writes one as CSV ({@code data generate});
 * {@link org.regstudy.data.Sampler} chooses the moons sampler, where
 * {@link org.regstudy.data.NumpyRandomState} reproduces numpy's {@code RandomState} so that
 * {@code sklearn} gives scikit-learn's {@code make_moons} sample bit for bit.
 */
package org.regstudy.data;
