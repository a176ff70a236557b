package org.regstudy.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What notebooks call to show a chart or a note. Works in three places:
 * <ul>
 *   <li>under {@code regstudy notebook run} ({@link NotebookRunner}): the call becomes a
 *       {@code display_data} output of the running cell ({@code image/png} base64 plus
 *       {@code text/plain});</li>
 *   <li>in Jupyter with the IJava or JJava kernel: the call is handed to the kernel's
 *       {@code display(Object)} ({@code io.github.spencerpark.ijava.runtime.Display} or
 *       {@code org.dflib.jjava.runtime.Display}, found by reflection), which renders a
 *       {@link BufferedImage} as {@code image/png};</li>
 *   <li>anywhere else (plain JShell, a test): a one-line placeholder is printed to
 *       {@code System.out}.</li>
 * </ul>
 * {@link #small()} tells a notebook whether to use small settings (fewer epochs, strengths,
 * repeats): {@code --small} under the runner; elsewhere the system property
 * {@code regstudy.small=true} or the environment variable {@code REGSTUDY_SMALL=true}.
 */
public final class Display {

    /** Images larger than this (20 MiB) are refused. */
    public static final int MAX_IMAGE_BYTES = 20 * 1024 * 1024;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String[] KERNEL_DISPLAY_CLASSES = {
        "io.github.spencerpark.ijava.runtime.Display",
        "org.dflib.jjava.runtime.Display",
    };

    private static volatile OutputCollector sink;
    private static volatile Boolean runnerSmall;

    private Display() {
    }

    /**
     * Shows a PNG image.
     *
     * @throws IllegalArgumentException when {@code png} is null, empty, larger than
     *     {@link #MAX_IMAGE_BYTES} or does not start with the PNG signature
     */
    public static void png(byte[] png) {
        if (png == null) {
            throw new IllegalArgumentException("png must not be null");
        }
        if (png.length < 24 || !startsWithSignature(png)) {
            throw new IllegalArgumentException("png is not a PNG image (" + png.length + " bytes, no PNG signature)");
        }
        if (png.length > MAX_IMAGE_BYTES) {
            throw new IllegalArgumentException("png is " + png.length + " bytes, more than " + MAX_IMAGE_BYTES);
        }
        String text = "PNG image " + width(png) + "x" + height(png);
        OutputCollector s = sink;
        if (s != null) {
            s.add(new CellOutput.DisplayData(png, text));
            return;
        }
        BufferedImage image = null;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            // shown as the placeholder below
        }
        if (image == null || !kernelDisplay(image)) {
            System.out.println("[" + text + ", " + png.length
                    + " bytes: shown as an image under 'regstudy notebook run' or a Java Jupyter kernel]");
        }
    }

    /**
     * Shows a PNG file.
     *
     * @throws IllegalArgumentException when the file is missing, too large or not a PNG
     * @throws UncheckedIOException when it cannot be read
     */
    public static void png(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("file " + file + " does not exist or is not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_IMAGE_BYTES) {
                throw new IllegalArgumentException("file " + file + " is " + size + " bytes, more than " + MAX_IMAGE_BYTES);
            }
            png(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Shows text as a {@code text/plain} display output (not part of the stdout stream). */
    public static void text(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        OutputCollector s = sink;
        if (s != null) {
            s.add(new CellOutput.DisplayData(null, text));
        } else if (!kernelDisplay(text)) {
            System.out.println(text);
        }
    }

    /**
     * Whether the notebook should use small settings: {@code --small} under the runner;
     * otherwise {@code -Dregstudy.small=true} or {@code REGSTUDY_SMALL=true}.
     */
    public static boolean small() {
        Boolean r = runnerSmall;
        if (r != null) {
            return r;
        }
        return Boolean.getBoolean("regstudy.small") || "true".equalsIgnoreCase(System.getenv("REGSTUDY_SMALL"));
    }

    /** Whether a {@link NotebookRunner} is executing a cell right now. */
    public static boolean underRunner() {
        return sink != null;
    }

    static void attach(OutputCollector collector) {
        sink = collector;
    }

    static void runnerSmall(Boolean small) {
        runnerSmall = small;
    }

    private static boolean startsWithSignature(byte[] b) {
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Width from the IHDR chunk (bytes 16..19, big-endian). */
    private static long width(byte[] png) {
        return readUInt(png, 16);
    }

    /** Height from the IHDR chunk (bytes 20..23, big-endian). */
    private static long height(byte[] png) {
        return readUInt(png, 20);
    }

    private static long readUInt(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    /** Hands {@code o} to an IJava/JJava kernel's {@code display(Object)}; false when none runs. */
    private static boolean kernelDisplay(Object o) {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), Display.class.getClassLoader()};
        for (String name : KERNEL_DISPLAY_CLASSES) {
            for (ClassLoader loader : loaders) {
                if (loader == null) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name, true, loader);
                    Method m = c.getMethod("display", Object.class);
                    m.invoke(null, o);
                    return true;
                } catch (ClassNotFoundException e) {
                    // not this kernel
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // the kernel's classes are there but no kernel is running
                    break;
                }
            }
        }
        return false;
    }
}
