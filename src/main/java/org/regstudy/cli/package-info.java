/**
 * The {@code regstudy} command line (picocli). Commands only parse options, call the library
 * and print; no study logic lives here. {@link org.regstudy.cli.OutputPaths} checks the output
 * paths a command is given before anything is read or written.
 */
package org.regstudy.cli;
