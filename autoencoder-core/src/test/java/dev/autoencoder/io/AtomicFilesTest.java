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
}
