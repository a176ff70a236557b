/**
 * The study/search spec: one schema (YAML or JSON) for every command, bound strictly with
 * Jackson and validated before any training, with errors that name the file, line, column and
 * the field's path.
 */
package org.regstudy.spec;
