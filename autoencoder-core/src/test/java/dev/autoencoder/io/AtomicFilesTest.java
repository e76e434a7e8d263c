package dev.autoencoder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement is for regular files; devices are written in place, links followed, folders refused. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceIsWrittenInPlaceNotReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(devNull) && Files.isWritable(devNull), "no writable /dev/null");
        AtomicFiles.write(devNull, "x\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(Files.isRegularFile(devNull), "/dev/null must stay a device");
        assertEquals(0, Files.size(devNull));
    }

    @Test
    void aLinkIsFollowedAndItsTargetReplaced() throws IOException {
        Path target = Files.writeString(dir.resolve("target.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        AtomicFiles.write(link, "new\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new\n", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }

    @Test
    void aDanglingLinkAndAFolderAreRefusedAndNothingIsWritten() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("d.csv"), dir.resolve("missing/x.csv"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dangling, new byte[] {1}));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder"));
        e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[] {1}));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "only the link and the folder");
        }
    }

    /** What a SIGKILL mid-write left is removed by the next write once an hour old; a fresh one is left alone. */
    @Test
    void staleTemporaryFilesAreRemovedByTheNextWrite() throws IOException {
        Path old = Files.writeString(dir.resolve(".m.json.123.tmp"), "half");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600_000L));
        Path fresh = Files.writeString(dir.resolve(".m.json.456.tmp"), "in progress");
        Path other = Files.writeString(dir.resolve(".other.json.789.tmp"), "not ours");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));
        AtomicFiles.write(dir.resolve("m.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh), "another writer may still be at work");
        assertTrue(Files.exists(other), "another target's files are left alone");
    }

    /** An error of the writer itself (its input, say) is not dressed up as a write error. */
    @Test
    void theWritersOwnErrorsPassThrough() {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("x.csv"), out -> {
            out.write(1);
            throw new IOException("input.csv.gz: Unexpected end of ZLIB input stream");
        }));
        assertEquals("input.csv.gz: Unexpected end of ZLIB input stream", e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }
    /** A set of files: nothing changes until commit; a failure part-way leaves every target and no temporary file. */
    @Test
    void aBatchWritesAllOrNothing() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "old a");
        Path b = dir.resolve("b.png");
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.write(a, out -> out.write("new a".getBytes(StandardCharsets.UTF_8)));
            assertEquals("old a", Files.readString(a), "staged, not yet in place");
            assertThrows(IOException.class, () -> batch.write(b, out -> {
                throw new IOException("the figure could not be drawn");
            }));
        }
        assertEquals("old a", Files.readString(a));
        assertFalse(Files.exists(b));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.write(a, out -> out.write("new a".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IllegalArgumentException.class, () -> batch.write(dir.resolve("x/../a.json"), out -> { }));
            batch.write(b, out -> out.write(1));
            batch.commit();
        }
        assertEquals("new a", Files.readString(a));
        assertEquals(1, Files.size(b));
    }
}
