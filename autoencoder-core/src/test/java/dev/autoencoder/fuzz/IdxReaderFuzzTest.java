package dev.autoencoder.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.autoencoder.data.DataException;
import dev.autoencoder.data.IdxReader;
import dev.autoencoder.data.Table;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IDX reader on hostile bytes: image and label files either read as consistent tables or are refused
 * with a {@link DataException}; nothing else may escape, and a header's counts never allocate more than the
 * file holds.
 */
class IdxReaderFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("fuzz", "-ubyte");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void readsOrRefusesCleanly(FuzzedDataProvider data) throws IOException {
        boolean images = data.consumeBoolean();
        ByteBuffer head = ByteBuffer.allocate(images ? 16 : 8);
        head.putInt(images ? 0x803 : 0x801);
        head.putInt(data.consumeInt());
        if (images) {
            head.putInt(data.consumeInt(-2, 64));
            head.putInt(data.consumeInt(-2, 64));
        }
        byte[] body = data.consumeRemainingAsBytes();
        byte[] all = new byte[head.capacity() + body.length];
        System.arraycopy(head.array(), 0, all, 0, head.capacity());
        System.arraycopy(body, 0, all, head.capacity(), body.length);
        Files.write(FILE, all);
        try {
            if (images) {
                Table t = IdxReader.readImages(FILE, 0);
                if (t.values().rows * (long) t.values().cols > body.length) {
                    throw new AssertionError("more pixels than the file holds");
                }
            } else if (IdxReader.readLabels(FILE, 0).length > body.length) {
                throw new AssertionError("more labels than the file holds");
            }
        } catch (DataException expected) {
            // a clear refusal is fine
        }
    }
}
