/** Small shared pieces: the bad-input exception, atomic file writes, versions and provenance. */
package org.regstudy.common;
