/**
 * The study/search spec: one schema (YAML or JSON) for {@code study} and {@code search}, bound strictly with
 * Jackson and validated before any training, with errors that name the file, line, column and
 * the field's path.
 *
 * <p>{@link org.regstudy.spec.SpecLoader} binds a file and applies {@code --set} overrides,
 * {@link org.regstudy.spec.SpecValidator} checks it as a whole, and
 * {@link org.regstudy.spec.SpecResolver} turns it into a {@link org.regstudy.spec.ResolvedStudy}: the
 * data loaded and split, normalizers fitted per fold, the network (described, or a DL4J configuration
 * file checked against the data by {@link org.regstudy.spec.ConfigurationFile}), one penalty plan per strength with 0 first, and the job hash.
 */
package org.regstudy.spec;
