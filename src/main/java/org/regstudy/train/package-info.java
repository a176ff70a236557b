/**
 * Training with histories: a plain minibatch loop over a {@code MultiLayerNetwork} that records,
 * every k epochs, the training and validation data loss (without the penalty), the penalty term
 * per layer, metrics and weight norms; stops a run that diverges; supports early stopping with the
 * best weights restored.
 */
package org.regstudy.train;
