package dev.autoencoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The gzip-bomb limit: past the minimum output, more than 500 times the compressed size is refused. */
class GunzipTest {

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[8192];
        for (int k; (k = in.read(buf)) > 0; ) {
            n += k;
        }
        return n;
    }

    @Test
    void aBombIsRefusedAndATableIsNot() throws IOException {
        byte[] zeros = "0\n".repeat(2 << 20).getBytes(StandardCharsets.US_ASCII);   // 4 MB of "0\n"
        byte[] bomb = gzip(zeros);
        assertTrue(zeros.length > 500L * bomb.length, "test setup: compresses over 500 times, " + bomb.length);
        DataException e = assertThrows(DataException.class,
                () -> drain(Gunzip.open(new ByteArrayInputStream(bomb), Path.of("b.csv.gz"), bomb.length, 1 << 20)));
        assertTrue(e.getMessage().contains("gzip bomb"), e.getMessage());

        StringBuilder table = new StringBuilder();
        java.util.Random rng = new java.util.Random(1);
        while (table.length() < 4 << 20) {
            table.append(rng.nextDouble()).append(',').append(rng.nextGaussian()).append('\n');
        }
        byte[] text = table.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] packed = gzip(text);
        assertEquals(text.length, drain(Gunzip.open(new ByteArrayInputStream(packed), Path.of("t.csv.gz"), packed.length,
                1 << 20)));
    }
}
