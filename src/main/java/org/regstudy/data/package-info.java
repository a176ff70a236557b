/**
 * Data for regularization studies: CSV loading with one-line {@code FILE:LINE:COL} errors
 * ({@link org.regstudy.data.CsvLoader}, {@link org.regstudy.data.SequenceLoader}), seeded
 * generators ({@link org.regstudy.data.Generators}), seeded holdout and k-fold splits
 * ({@link org.regstudy.data.Splitter}), normalization fitted on the training part only
 * ({@link org.regstudy.data.Normalization}), summaries and fingerprints for provenance.
 */
package org.regstudy.data;
