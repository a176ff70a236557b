/**
 * Small shared pieces: the bad-input exception, Jackson's error messages made one readable line
 * ({@link org.regstudy.common.JsonErrors}), text from files made safe for a terminal
 * ({@link org.regstudy.common.TerminalText}), atomic file writes, versions and provenance, and
 * RegStudy's ND4J settings ({@link org.regstudy.common.Nd4jSetup}): the shape-information provider
 * and op executioner that share ND4J's immutable per-array wrappers, reuse one op context per
 * thread for custom ops, compute float and double matrix products with the one BLAS call libnd4j
 * would make ({@link org.regstudy.common.BlasMatmul}, without the native op context), and keep each
 * op reachable during its native call.
 */
package org.regstudy.common;
