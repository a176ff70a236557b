/**
 * Weight penalties and per-layer penalty plans, in DL4J's strength convention.
 *
 * <p>{@link org.regstudy.penalty.Penalty} is one penalty on one parameter group (L1 by subgradient
 * {@code c*sum|w|}, L1 by a proximal step with exact zeros, L2 {@code 0.5*c*sum w^2}, elastic net,
 * decoupled weight decay); {@link org.regstudy.penalty.LayerPenalty} pairs the weights' and the
 * biases' penalties; {@link org.regstudy.penalty.PenaltyPlan} is a default plus overrides by layer
 * index or name. {@link org.regstudy.penalty.Conventions} converts Keras and PyTorch strengths.
 * {@link org.regstudy.penalty.ProximalL1Regularization} is a DL4J {@code Regularization} that
 * soft-thresholds after the update and survives DL4J's JSON configuration round trip.
 */
package org.regstudy.penalty;
