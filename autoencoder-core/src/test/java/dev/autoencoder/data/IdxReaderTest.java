package dev.autoencoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path images(String name, boolean gzip, int count, int declared) throws IOException {
        Path p = dir.resolve(name);
        OutputStream raw = Files.newOutputStream(p);
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x803);
            out.writeInt(declared);
            out.writeInt(2);
            out.writeInt(2);
            for (int i = 0; i < count * 4; i++) {
                out.writeByte(i * 17 % 256);
            }
        }
        return p;
    }

    @Test
    void readsImagesScaledToUnitRangeGzipOrNot() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Table t = IdxReader.readImages(images(gz ? "a-idx3-ubyte.gz" : "a-idx3-ubyte", gz, 3, 3), 0);
            assertEquals(3, t.rows());
            assertEquals(4, t.values().cols);
            assertEquals("px_1_0", t.columns().get(2));
            assertArrayEquals(new double[] {0, 17 / 255.0, 34 / 255.0, 51 / 255.0}, t.values().row(0), 0.0);
        }
        assertEquals(2, IdxReader.readImages(images("b-idx3-ubyte", false, 3, 3), 2).rows());
    }

    @Test
    void truncatedAndForeignFilesAreRefused() throws IOException {
        DataException t = assertThrows(DataException.class,
                () -> IdxReader.readImages(images("c-idx3-ubyte", false, 2, 5), 0));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
        Path labels = dir.resolve("l-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
            out.writeInt(0x801);
            out.writeInt(3);
            out.write(new byte[] {7, 0, 9});
        }
        assertArrayEquals(new double[] {7, 0, 9}, IdxReader.readLabels(labels, 0), 0.0);
        assertTrue(assertThrows(DataException.class, () -> IdxReader.readImages(labels, 0)).getMessage()
                .contains("0x803"));
    }

    @Test
    void readsTheSharedMnistSubset() throws IOException {
        Path mnist = Path.of("../../shared/data/mnist-10k/mnist10k-images-idx3-ubyte.gz");
        if (!Files.exists(mnist)) {
            mnist = Path.of("../shared/data/mnist-10k/mnist10k-images-idx3-ubyte.gz");
        }
        Table t = IdxReader.readImages(mnist, 100);
        assertEquals(100, t.rows());
        assertEquals(784, t.values().cols);
        double max = 0;
        for (double v : t.values().data) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 0.0, "some pixel is full ink (255)");
        double[] labels = IdxReader.readLabels(mnist.resolveSibling("mnist10k-labels-idx1-ubyte.gz"), 0);
        assertEquals(10_000, labels.length);
        assertEquals(0.0, labels[0], 0.0, "the subset is grouped by class, zeros first");
    }

    /** A 10-byte label file whose header claims a billion labels is refused without allocating for them. */
    @Test
    void aHeaderThatClaimsMoreLabelsThanTheFileHoldsIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path f = java.nio.file.Files.write(tmp.resolve("claims-labels-idx1-ubyte"),
                new byte[] {0, 0, 8, 1, 0x3b, (byte) 0x9a, (byte) 0xca, 0, 1, 2});
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> IdxReader.readLabels(f, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("promises 1000000000 labels")
                && e.getMessage().contains("holds 2"), e.getMessage());
    }
}
