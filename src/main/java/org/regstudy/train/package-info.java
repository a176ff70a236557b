/**
 * Training with histories: a plain minibatch loop over a {@code MultiLayerNetwork} that records,
 * every k epochs, the training and validation data loss (without the penalty), the penalty term
 * per layer, metrics and weight norms; stops a run that diverges; supports early stopping with the
 * best epoch's weights, updater state and counts restored. Two pieces work around DL4J M2.1 costs without changing a number:
 * {@code DenseForward} (a record's forward pass on dense stacks without ND4J's transposing copies)
 * and {@code ViewUpdater} (DL4J's updater on its standard path).
 */
package org.regstudy.train;
