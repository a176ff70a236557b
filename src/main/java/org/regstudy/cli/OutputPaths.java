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

    /**
     * Refuses an existing {@code file} that RegStudy did not write as an HTML page (its head has
     * {@link org.regstudy.report.HtmlReport#GENERATOR} or, from before that line, the page's
     * Content-Security-Policy line), unless {@code force}: a report or inspection may replace its own
     * earlier page, never a data file or a spec.
     */
    static void checkOverwritable(String option, Path file, boolean force) {
        if (force || !Files.isRegularFile(file) || isRegStudyPage(file)) {
            return;
        }
        throw new BadInputException(option + " " + file + ": exists and is not a page RegStudy wrote; refusing to"
                + " overwrite it (add --force to replace it)");
    }

    private static boolean isRegStudyPage(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(1024), java.nio.charset.StandardCharsets.UTF_8);
            return head.startsWith("<!DOCTYPE html>") && (head.contains(org.regstudy.report.HtmlReport.GENERATOR)
                    || head.contains(org.regstudy.report.HtmlReport.CSP));
        } catch (IOException e) {
            return false;
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
     * Refuses an existing {@code file} that is one of a result directory's own files
     * ({@link org.regstudy.search.ResultStore#isJobFile}): of {@code ownDir} (when not null; a report
     * command's DIR) or of the nearest directory above the file that holds a {@code job.json}.
     * Writing there would replace one of a study's files (summary.json, a run record, a model);
     * other files in a result directory (a report or inspection written there before) are the user's.
     * Of the job's files only {@code ownDir/ownFile} (the report's own file) may be replaced. {@code report --out},
     * {@code inspect --html}, {@code data generate --out} and {@code notebook run --out} share this guard.
     */
    static void checkNotResultFile(String option, Path file, Path ownDir, String ownFile) {
        if (!Files.exists(file)) {
            return;
        }
        Path allowed = ownDir == null ? null : ownDir.resolve(ownFile);
        if (allowed != null && same(file, allowed)) {
            return;
        }
        Path owner = resultDirectoryOf(file, ownDir);
        if (owner != null) {
            throw new BadInputException(option + " " + file + ": is a file of the result directory " + owner
                    + "; refusing to overwrite it (write it elsewhere"
                    + (allowed != null && owner == ownDir ? " or to " + allowed : "") + ")");
        }
    }

    /**
     * The result directory {@code file} lies in: {@code ownDir} when the file is inside it, otherwise
     * the nearest directory above it that holds a {@code job.json}; both by the normalized path and
     * by the real path (symbolic links and '..' resolved). Null when none.
     */
    static Path resultDirectoryOf(Path file, Path ownDir) {
        List<Path> paths = new java.util.ArrayList<>();
        paths.add(file.toAbsolutePath().normalize());
        try {
            paths.add(file.toRealPath());
        } catch (IOException e) {
            // unreadable or missing: the normalized path decides
        }
        if (ownDir != null) {
            List<Path> dirs = new java.util.ArrayList<>();
            dirs.add(ownDir.toAbsolutePath().normalize());
            try {
                dirs.add(ownDir.toRealPath());
            } catch (IOException e) {
                // as above
            }
            for (Path p : paths) {
                for (Path d : dirs) {
                    if (p.startsWith(d) && !p.equals(d) && org.regstudy.search.ResultStore.isJobFile(d.relativize(p))) {
                        return ownDir;
                    }
                }
            }
        }
        for (Path p : paths) {
            for (Path a = p.getParent(); a != null; a = a.getParent()) {
                if (Files.isRegularFile(a.resolve("job.json"))) {
                    return org.regstudy.search.ResultStore.isJobFile(a.relativize(p)) ? a : null;
                }
            }
        }
        return null;
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
        if (p != null) {
            // isWritable asks access(2), which says yes to root wherever the mode bits would
            // (/sys, /proc, some network and FUSE file systems refuse anyway): try it
            String refused = cannotCreateFileIn(p);
            if (refused != null) {
                throw new BadInputException(where + ": cannot write into " + p + " (" + refused + ")");
            }
        }
    }

    /** Creates and deletes a hidden temporary file in {@code dir}; null when that works, else why not. */
    private static String cannotCreateFileIn(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".regstudy-", ".probe");
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return "permission denied";
        } catch (java.nio.file.FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a hidden empty file; nothing else depends on it
                }
            }
        }
    }

    /**
     * Refuses, before anything is written, a directory standing where one of {@code files} (inside
     * {@code dir}, named by {@code option}) goes: writing would stop part-way with the files before
     * it written.
     */
    static void checkFilesInDirectory(String option, Path dir, List<Path> files) {
        for (Path f : files) {
            if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(option + " " + dir + ": " + f + " is a directory, where "
                        + f.getFileName() + " goes; remove it or choose another directory");
            }
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
