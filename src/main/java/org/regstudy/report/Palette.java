package org.regstudy.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * The Okabe-Ito colour-blind-safe palette (Okabe and Ito, "Color Universal Design", 2008), in the
 * order series take them. Yellow comes last because it is faint on white.
 */
public final class Palette {
    private Palette() {
    }

    public static final Color BLUE = new Color(0x0072B2);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    public static final Color BLACK = new Color(0x000000);
    public static final Color YELLOW = new Color(0xF0E442);

    private static final List<Color> SERIES = List.of(BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK, YELLOW);

    /** The colour of the {@code i}-th series (cycling after 8). */
    public static Color series(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("series index must be >= 0, got " + i);
        }
        return SERIES.get(i % SERIES.size());
    }

    /** {@code c} with the given opacity in [0, 1]. */
    public static Color withAlpha(Color c, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }

    /**
     * The (opaque) colour of a shaded region, chosen from its label so that a verdict looks the
     * same in every chart: labels containing "OVERFIT" are vermillion, "UNDERFIT" blue, "GOOD"
     * bluish green, "DIVERGED" reddish purple, anything else sky blue. Drawn translucent.
     */
    public static Color region(String label) {
        String u = label.toUpperCase(Locale.ROOT);
        if (u.contains("UNDERFIT")) {
            return BLUE;
        } else if (u.contains("OVERFIT")) {
            return VERMILLION;
        } else if (u.contains("GOOD")) {
            return BLUISH_GREEN;
        } else if (u.contains("DIVERGED")) {
            return REDDISH_PURPLE;
        }
        return SKY_BLUE;
    }

    /** {@code #rrggbb} of an opaque colour, for CSS. */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
