package org.regstudy.data;

/**
 * One feature's statistics over all examples (and time steps for sequences); {@code std} is the
 * population standard deviation {@code sqrt(sum (x - mean)^2 / N)}.
 */
public record FeatureStats(String name, double min, double mean, double max, double std) {
}
