/**
 * Small shared pieces: the bad-input exception, atomic file writes, versions and provenance, and
 * RegStudy's ND4J settings ({@link org.regstudy.common.Nd4jSetup}): the shape-information provider
 * and op executioner that share ND4J's immutable per-array wrappers.
 */
package org.regstudy.common;
