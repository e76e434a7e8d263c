package dev.autoencoder.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a part:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the temporary file is
 * renamed over the target. On failure the temporary file is removed and the target is untouched.
 *
 * <p>Only regular files (and new paths) are replaced. A device, FIFO or socket (say {@code /dev/null} or
 * {@code /dev/stdout}) is written in place, since renaming over it would replace the device itself; a
 * symbolic link is followed, and the file it points at is what gets replaced (a link that points nowhere
 * is refused); a folder is refused.
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
        Path abs = target.toAbsolutePath();
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
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            // a device, FIFO or socket: written in place
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(abs,
                    java.nio.file.StandardOpenOption.WRITE))) {
                writer.writeTo(out);
            }
            return;
        }
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        tmp.toFile().deleteOnExit(); // a signal that ends the JVM mid-write (Ctrl-C, SIGTERM) leaves no .tmp behind
        boolean done = false;
        try {
            keepOrDefaultPermissions(abs, tmp);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
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
