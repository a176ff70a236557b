package org.regstudy.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a {@link LineChart}: points {@code (x[i], y[i])}, optionally with a band from
 * {@code yLow[i]} to {@code yHigh[i]} (for example mean - std .. mean + std) drawn as a
 * translucent area in the line's colour. Points with a non-finite coordinate are not drawn
 * (a diverged run's NaN losses simply end the line). Arrays are copied on the way in and out.
 *
 * @param name   legend entry
 * @param x      x coordinates
 * @param y      y coordinates, same length as {@code x}
 * @param yLow   lower band edge, or null for no band (then {@code yHigh} must be null too)
 * @param yHigh  upper band edge, or null for no band
 * @param dashed draw the line dashed (e.g. training data next to solid validation data)
 * @param colour index into {@link Palette#series}, or -1 for the series' position in its chart;
 *               give the training and validation lines of one candidate the same colour
 */
public record Series(String name, double[] x, double[] y, double[] yLow, double[] yHigh, boolean dashed, int colour) {

    public Series {
        Checks.requireText("name", name);
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values but y has " + y.length);
        }
        if ((yLow == null) != (yHigh == null)) {
            throw new IllegalArgumentException("series '" + name + "': yLow and yHigh must both be given or both be null");
        }
        if (yLow != null && (yLow.length != x.length || yHigh.length != x.length)) {
            throw new IllegalArgumentException("series '" + name + "': band has " + yLow.length + "/" + yHigh.length
                    + " values but x has " + x.length);
        }
        if (colour < -1) {
            throw new IllegalArgumentException("series '" + name + "': colour must be a palette index >= 0 or -1 (automatic), got " + colour);
        }
        x = x.clone();
        y = y.clone();
        yLow = yLow == null ? null : yLow.clone();
        yHigh = yHigh == null ? null : yHigh.clone();
    }

    /** A plain solid line. */
    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, null, null, false, -1);
    }

    /** A solid line with a translucent band from {@code yLow} to {@code yHigh}. */
    public static Series band(String name, double[] x, double[] y, double[] yLow, double[] yHigh) {
        return new Series(name, x, y, yLow, yHigh, false, -1);
    }

    /**
     * A line with a band of {@code mean +- std} (pass the sample standard deviation of the repeats).
     */
    public static Series meanStd(String name, double[] x, double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("series '" + name + "': mean has " + mean.length + " values but std has " + std.length);
        }
        double[] lo = new double[mean.length];
        double[] hi = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            lo[i] = mean[i] - std[i];
            hi[i] = mean[i] + std[i];
        }
        return new Series(name, x, mean, lo, hi, false, -1);
    }

    /** This series drawn dashed. */
    public Series asDashed() {
        return new Series(name, x, y, yLow, yHigh, true, colour);
    }

    /** This series in palette colour {@code paletteIndex} (see {@link Palette#series}). */
    public Series withColour(int paletteIndex) {
        if (paletteIndex < 0) {
            throw new IllegalArgumentException("paletteIndex must be >= 0, got " + paletteIndex);
        }
        return new Series(name, x, y, yLow, yHigh, dashed, paletteIndex);
    }

    /** Whether a band is drawn. */
    public boolean hasBand() {
        return yLow != null;
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] yLow() {
        return yLow == null ? null : yLow.clone();
    }

    @Override
    public double[] yHigh() {
        return yHigh == null ? null : yHigh.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && dashed == s.dashed && colour == s.colour && Arrays.equals(x, s.x)
                && Arrays.equals(y, s.y) && Arrays.equals(yLow, s.yLow) && Arrays.equals(yHigh, s.yHigh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dashed, colour, Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(yLow), Arrays.hashCode(yHigh));
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points" + (hasBand() ? ", band" : "") + (dashed ? ", dashed" : "") + "]";
    }
}
