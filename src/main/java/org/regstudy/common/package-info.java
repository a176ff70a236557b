/**
 * Small shared pieces: the bad-input exception, atomic file writes, versions and provenance, and
 * the ND4J shape-information provider that shares immutable shape buffers.
 */
package org.regstudy.common;
