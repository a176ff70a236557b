package org.regstudy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.regstudy.common.BadInputException;

/**
 * Checks output paths given on the command line before anything is read or written, so that a
 * bad one is one line and exit 2, and an input is never overwritten.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Refuses {@code file} (named by {@code option}) if it is empty, a directory, cannot be created, or is one of {@code inputs}. */
    static void checkFile(String option, Path file, List<Path> inputs) {
        if (file.toString().isBlank()) {
            throw new BadInputException(option + ": empty path; give a file name");
        }
        String where = option + " " + file;
        if (Files.isDirectory(file)) {
            throw new BadInputException(where + ": is a directory; give a file name");
        }
        checkParent(where, file);
        for (Path in : inputs) {
            if (same(file, in)) {
                throw new BadInputException(where + ": is the input " + in + "; refusing to overwrite it");
            }
        }
    }

    /** Refuses {@code dir} (named by {@code option}) if it exists and is not a directory, or cannot be created. */
    static void checkDirectory(String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw new BadInputException(option + ": empty path; give a directory");
        }
        String where = option + " " + dir;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(where + ": is a file, not a directory");
        }
        checkParent(where, dir);
    }

    /**
     * Refuses a report file inside the result directory {@code dir} that exists and is not the
     * directory's own {@code ownFile}: it would replace one of the study's files.
     */
    static void checkNotInside(String option, Path file, Path dir, String ownFile) {
        Path f = file.toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        boolean inside = f.startsWith(d);
        try {
            if (Files.exists(file) && Files.isDirectory(dir)) {
                inside |= file.toRealPath().startsWith(dir.toRealPath());
            }
        } catch (IOException e) {
            // unreadable paths: the normalized comparison above decides
        }
        if (inside && Files.exists(file) && !same(file, dir.resolve(ownFile))) {
            throw new BadInputException(option + " " + file + ": is a file of the result directory " + dir
                    + "; refusing to overwrite it (write the report elsewhere or to " + dir.resolve(ownFile) + ")");
        }
    }

    /** The first existing ancestor of {@code path} must be a directory we can write into. */
    private static void checkParent(String where, Path path) {
        Path p = path.toAbsolutePath().normalize().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p != null && !Files.isDirectory(p)) {
            throw new BadInputException(where + ": " + p + " is a file, not a directory");
        }
        if (p != null && !Files.isWritable(p)) {
            throw new BadInputException(where + ": cannot write into " + p + " (permission denied)");
        }
    }

    /** Same file (Files.isSameFile when both exist) or the same normalized absolute path. */
    static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
