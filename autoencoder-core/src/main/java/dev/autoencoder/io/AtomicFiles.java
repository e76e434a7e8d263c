package dev.autoencoder.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the temporary file is
 * renamed over the target. On failure the temporary file is removed and the target is untouched.
 *
 * <p>Only regular files (and new paths) are replaced. A device, FIFO or socket (say {@code /dev/null} or
 * {@code /dev/stdout}) is written in place, since renaming over it would replace the device itself; a
 * symbolic link is followed, and the file it points at is what gets replaced (a link that points nowhere
 * is refused); a folder is refused. Messages name the target, never the temporary file; temporary files
 * a killed writer left behind are removed by the next write to the same target once they are an hour old.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a whole file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) throws IOException {
        try (Batch batch = new Batch()) {
            batch.write(target, writer);
            batch.commit();
        }
    }

    /**
     * Several files written as a set: each {@link #write} stages its file (a temporary file, complete and on
     * disk), {@link #commit} renames them all into place, and {@link #close} without a commit removes what
     * was staged, so a failure part-way leaves every target as it was. Writing the same target twice is
     * refused. Devices are written at commit, in place.
     */
    public static final class Batch implements AutoCloseable {
        private final Map<Path, Staged> staged = new LinkedHashMap<>();
        private boolean committed;

        /** A target and what commit does with it: rename tmp over it, or write a device in place. */
        private record Staged(Path target, Path real, Path tmp, Writer inPlace) {}

        /** Stages one file; nothing the user sees changes until {@link #commit}. */
        public void write(Path target, Writer writer) throws IOException {
            Path real = resolve(target);
            if (staged.containsKey(real)) {
                throw new IllegalArgumentException(target + " is written twice in one set");
            }
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                staged.put(real, new Staged(target, real, null, writer)); // a device, FIFO or socket
                return;
            }
            staged.put(real, new Staged(target, real, named(target, () -> stage(real, writer)), null));
        }

        /** Puts every staged file in place, in the order written. */
        public void commit() throws IOException {
            for (Staged s : staged.values()) {
                if (s.tmp == null) {
                    named(s.target, () -> {
                        try (OutputStream out = new java.io.BufferedOutputStream(tagged(Files.newOutputStream(s.real,
                                java.nio.file.StandardOpenOption.WRITE)))) {
                            s.inPlace.writeTo(out);
                        }
                        return null;
                    });
                } else {
                    named(s.target, () -> {
                        try {
                            Files.move(s.tmp, s.real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(s.tmp, s.real, StandardCopyOption.REPLACE_EXISTING);
                        }
                        return null;
                    });
                }
            }
            committed = true;
        }

        /** Removes staged files that were not committed. */
        @Override
        public void close() {
            if (committed) {
                return;
            }
            for (Staged s : staged.values()) {
                if (s.tmp != null) {
                    try {
                        Files.deleteIfExists(s.tmp);
                    } catch (IOException e) {
                        // deleteOnExit and the next write's stale-file sweep remove it
                    }
                }
            }
        }
    }

    /**
     * The file a write to target replaces: links followed, folders and links that point nowhere refused.
     * Commands call it before their work, so that an output that cannot be written is said at once.
     */
    public static Path resolve(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            if (!Files.exists(abs)) {
                throw new IOException(target + " is a symbolic link to " + Files.readSymbolicLink(abs)
                        + ", which does not exist; remove the link or point it at a file");
            }
            abs = abs.toRealPath();
        }
        if (Files.isDirectory(abs)) {
            throw new IOException(target + " is a folder; expected a file name");
        }
        return abs;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** Runs a step of writing target; file system errors name the user's path, never the temporary file. */
    private static <T> T named(Path target, Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(target.toString(), null, e.getReason());
        } catch (java.nio.file.FileSystemException e) {
            throw new java.nio.file.FileSystemException(target.toString(), null, e.getReason());
        } catch (WriteFailed e) {
            throw new IOException("could not write " + target + ": " + e.getCause().getMessage(), e.getCause());
        }
        // any other IOException came from the writer itself (say, its input) and goes on as it is
    }

    /** A write to the temporary file failed (a full disk, say): told apart from the writer's own errors. */
    private static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause);
        }
    }

    /** Files left by a writer that was killed (SIGKILL) more than this long ago are removed by the next write. */
    private static final long STALE_MILLIS = 60 * 60 * 1000L;

    /** Writes the content to a temporary file beside target, forced to disk; returns it. */
    private static Path stage(Path abs, Writer writer) throws IOException {
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
            removeStale(dir, "." + abs.getFileName() + ".");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        tmp.toFile().deleteOnExit(); // a signal that ends the JVM mid-write (Ctrl-C, SIGTERM) leaves no .tmp behind
        boolean done = false;
        try {
            keepOrDefaultPermissions(abs, tmp);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(tagged(java.nio.channels.Channels.newOutputStream(channel)))) {
                writer.writeTo(out);
                out.flush();
                try {
                    channel.force(true);
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
            }
            done = true;
            return tmp;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static OutputStream tagged(OutputStream file) {
        return new java.io.FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
            }
        };
    }

    /** Deletes this target's temporary files that are over an hour old: what a SIGKILL mid-write left behind. */
    private static void removeStale(Path dir, String prefix) {
        long now = System.currentTimeMillis();
        try (var files = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
            for (Path f : files) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && now - Files.getLastModifiedTime(f).toMillis() > STALE_MILLIS) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // cannot list or delete: leave them; they are never read
        }
    }

    /** Temporary files are created 0600; give the result the target's permissions, or rw-r--r--. */
    private static void keepOrDefaultPermissions(Path target, Path tmp) throws IOException {
        try {
            var perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
    }
}
