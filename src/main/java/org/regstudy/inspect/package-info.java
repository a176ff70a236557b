/**
 * Inspection of DL4J networks and saved model zips: per-layer regularization as stored in the
 * layer configurations, the penalty term each layer contributes, weight norms, spectral norms,
 * sparsity and histograms.
 *
 * <p>Entry points: {@link org.regstudy.inspect.ModelInspector} (a network in memory or a zip on
 * disk) and {@link org.regstudy.inspect.WeightStats#of} (one parameter array). Untrusted zips are
 * checked by {@link org.regstudy.inspect.ModelZipValidator} before DL4J reads them. Results are
 * immutable records; {@link org.regstudy.inspect.InspectionText} and
 * {@link org.regstudy.inspect.InspectionJson} render them (an HTML renderer takes the same
 * {@link org.regstudy.inspect.ModelInspection} records).
 */
package org.regstudy.inspect;
