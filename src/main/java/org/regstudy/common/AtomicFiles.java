package org.regstudy.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes files atomically: the content goes to a temporary file in the same directory, which is
 * then renamed over the target. A reader (or a resumed job after SIGKILL) sees either the old
 * file or the complete new one, never half of it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A readable reason for a failed file operation (Java's messages are often just a path). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way: " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return e.getMessage();
    }

    /** Writes whatever {@code writer} produces to {@code target} atomically. */
    public static void write(Path target, Writer writer) {
        writeAll(java.util.Map.of(target, writer));
    }

    /**
     * Writes several files as one step, all or nothing as far as the file system allows: every
     * file's content first goes to a temporary file beside its target (directories are created as
     * needed), and only when all of them are complete, and no target is a directory, are they
     * renamed over their targets, in the map's order. On a failure before that point no target is
     * touched, and the temporary files and the directories created for them are removed again.
     * (A rename failing part-way, which the checks make unlikely, leaves the earlier files renamed.)
     *
     * @throws UncheckedIOException "cannot write TARGET (reason)"
     */
    public static void writeAll(java.util.Map<Path, Writer> files) {
        List<Path[]> staged = new ArrayList<>();   // {temporary file, target}
        List<Path> created = new ArrayList<>();
        Path current = null;
        boolean committed = false;
        try {
            for (java.util.Map.Entry<Path, Writer> f : files.entrySet()) {
                current = f.getKey();
                Path dir = current.toAbsolutePath().getParent();
                createDirectories(dir, created);
                Path tmp = temporaryFile(dir, current);
                staged.add(new Path[] {tmp, current});
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    f.getValue().writeTo(out);
                }
                readableByOthers(tmp);
            }
            for (Path[] s : staged) {
                current = s[1];
                if (Files.isDirectory(s[1], java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new java.nio.file.FileSystemException(s[1].toString(), null, "Is a directory");
                }
            }
            for (Path[] s : staged) {
                current = s[1];
                move(s[0], s[1]);
                s[0] = null;
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + current + " (" + reason(e) + ")", e);
        } finally {
            if (!committed) {
                for (Path[] s : staged) {
                    if (s[0] != null) {
                        try {
                            Files.deleteIfExists(s[0]);
                        } catch (IOException ignored) {
                            // the temporary file is hidden and harmless; the original error matters
                        }
                    }
                }
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(created.get(i));   // only if still empty
                    } catch (IOException ignored) {
                        // not empty (a partial commit) or not ours to remove
                    }
                }
            }
        }
    }

    /** Creates {@code dir} and its missing parents, recording those it created, outermost first. */
    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);   // an existing non-directory in the way: its own error
        }
    }

    /** A new temporary file for {@code target} in {@code dir}; an error names the directory, not the random name. */
    private static Path temporaryFile(Path dir, Path target) throws IOException {
        try {
            return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (java.nio.file.FileSystemException e) {
            throw new java.nio.file.FileSystemException(dir.toString(), null,
                    e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        }
    }

    /**
     * createTempFile makes files readable by their owner only; results and reports are meant to
     * be shared, so give them the usual rw-r--r-- where the file system has POSIX permissions.
     */
    private static void readableByOthers(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    /** Moves {@code tmp} over {@code target}, atomically where the file system allows it. */
    public static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
