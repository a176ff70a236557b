/**
 * DL4J network construction with per-layer penalties.
 *
 * <p>{@link org.regstudy.network.NetworkSpec} describes a dense MLP or an LSTM stack with an RNN
 * output layer, its updater (SGD, Nesterov momentum, Adam, AdamW), weight init, seed and data type.
 * {@link org.regstudy.network.NetworkFactory} turns a spec and a
 * {@link org.regstudy.penalty.PenaltyPlan} into a {@code MultiLayerConfiguration} or network, setting
 * exact regularization lists per layer (never DL4J's global builder, whose weight decay doubles in
 * M2.1) and verifying them; it also applies a plan to an existing network and reads a plan back.
 * {@link org.regstudy.network.PenaltyTerms} gives the penalty term (total and per layer) and the
 * data loss alone: DL4J's {@code score()} is their sum.
 */
package org.regstudy.network;
