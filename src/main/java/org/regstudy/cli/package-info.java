/**
 * The {@code regstudy} command line (picocli). Commands only parse options, call the library
 * and print; no study logic lives here.
 */
package org.regstudy.cli;
