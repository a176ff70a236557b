/**
 * Jupyter notebooks for a Java kernel (IJava / JJava), executed headless.
 *
 * <p>{@link org.regstudy.notebook.Notebook} reads and writes nbformat 4 {@code .ipynb} files with
 * Jackson's tree model (unknown fields and metadata are kept). {@link org.regstudy.notebook.NotebookRunner}
 * executes every code cell in order in JShell, in-process: its own execution-control provider
 * ("regstudy-local") wraps JShell's {@code LocalExecutionControl} with the runner's class loader, so
 * snippets run on the class path of the running JVM and share its {@code Display}, and writes the outputs back: stdout/stderr streams, the value of
 * a cell's last expression, images and text shown through {@link org.regstudy.notebook.Display},
 * and an error output for the first failing cell, where the run stops. Lines starting with
 * {@code %} (IJava/JJava magics such as {@code %jars}) are skipped: the runner already has the
 * class path.
 */
package org.regstudy.notebook;
