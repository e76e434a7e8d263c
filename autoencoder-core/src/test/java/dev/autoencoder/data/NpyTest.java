package dev.autoencoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.math.Matrix;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .npy} files: what we write is what numpy writes, byte for byte, and laid out as the format's
 * specification (numpy.lib.format) says; what numpy writes (src/test/resources/npy, see its README) we read.
 */
class NpyTest {
    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void writtenBytesFollowTheSpecificationAndEqualNumpys() throws Exception {
        Matrix a = new Matrix(3, 2, new double[] {1.5, -2.0, 3.25, 1e-300, 0.1, 7.0});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(a, out);
        byte[] b = out.toByteArray();
        // the specification: magic, version 1.0, little-endian uint16 header length, an ASCII dict padded
        // with spaces and ended by a newline so that the data starts at a multiple of 64, then the data
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, java.util.Arrays.copyOf(b, 8));
        int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "the data is 64-byte aligned");
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertTrue(header.endsWith("\n") && header.substring(0, header.length() - 1).stripTrailing().endsWith("}"));
        assertEquals(dataStart + 6 * 8, b.length);
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a.data) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(data.getDouble()));
        }
        assertArrayEquals(Files.readAllBytes(resource("f8-3x2.npy")), b, "the bytes numpy.save wrote");
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        Table t = Npy.read(resource("f8-3x2.npy"), 0);
        assertArrayEquals(new double[] {1.5, -2.0, 3.25, 1e-300, 0.1, 7.0}, t.values().data, 0.0);
        assertEquals(List.of("x1", "x2"), t.columns());
        Table f4 = Npy.read(resource("f4-1d.npy"), 0);
        assertEquals(1, f4.values().cols);
        assertArrayEquals(new double[] {0.5, -1.25, 3.0}, f4.values().data, 0.0);
        Table fortran = Npy.read(resource("i4-fortran.npy"), 0);
        assertEquals(4, fortran.rows());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, fortran.values().data, 0.0);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, Npy.read(resource("i4-fortran.npy"), 2).values().data, 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4}, Npy.read(resource("f8-v2.npy"), 0).values().data, 0.0);
        assertArrayEquals(new double[] {0, 255, 128, 7}, Npy.read(resource("u1.npy"), 0).values().data, 0.0);
        assertEquals(2, Npy.read(resource("f8-3x2.npy"), 2).rows());
    }

    @Test
    void refusesWhatItCannotRead() throws Exception {
        assertTrue(assertThrows(DataException.class, () -> Npy.read(resource("big-endian.npy"), 0)).getMessage()
                .contains("'>f8'"));
        assertTrue(assertThrows(DataException.class, () -> Npy.read(resource("3d.npy"), 0)).getMessage()
                .contains("1 or 2 dimensions"));
        assertTrue(assertThrows(DataException.class, () -> Npy.read(resource("nan.npy"), 0)).getMessage()
                .contains("row 1, column 2 is NaN"));
        byte[] whole = Files.readAllBytes(resource("f8-3x2.npy"));
        Path cut = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(whole, whole.length - 8));
        assertTrue(assertThrows(DataException.class, () -> Npy.read(cut, 0)).getMessage()
                .contains("promises 3 x 2 values"));
        Path liar = Files.write(dir.resolve("liar.npy"), new String(whole, StandardCharsets.ISO_8859_1)
                .replace("(3, 2)", "(9, 2)").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(DataException.class, () -> Npy.read(liar, 0)).getMessage()
                .contains("promises 9 x 2 values"), "a header that claims more than the file holds");
        Path text = Files.writeString(dir.resolve("text.npy"), "a,b\n1,2\n");
        assertTrue(assertThrows(DataException.class, () -> Npy.read(text, 0)).getMessage().contains("not a .npy file"));
    }
}
