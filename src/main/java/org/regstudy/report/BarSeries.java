package org.regstudy.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One group member of a {@link BarChart}: {@code values[i]} is the bar for category {@code i}.
 * A non-finite value draws no bar. The array is copied on the way in and out.
 */
public record BarSeries(String name, double[] values) {
    public BarSeries {
        Checks.requireText("name", name);
        values = Objects.requireNonNull(values, "values").clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarSeries b && name.equals(b.name) && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "BarSeries[" + name + ", " + values.length + " values]";
    }
}
