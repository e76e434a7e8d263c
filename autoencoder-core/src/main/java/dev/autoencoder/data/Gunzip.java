package dev.autoencoder.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses a gzip file for the readers, with one stated limit against gzip bombs: past {@link #MIN_BYTES}
 * of output, a file may not expand to more than {@link #MAX_RATIO} times its own size. Real tables compress
 * 3 to 100 times; a bomb (the deflate format's ceiling is about 1,030 times) is refused as it expands,
 * before its rows are held in memory.
 */
final class Gunzip {
    private Gunzip() {}

    static final long MIN_BYTES = 64L << 20;
    static final long MAX_RATIO = 500;

    /** {@code raw} (positioned at the gzip header of {@code path}, {@code compressed} bytes long) decompressed. */
    static InputStream open(InputStream raw, Path path, long compressed) throws IOException {
        return open(raw, path, compressed, MIN_BYTES);
    }

    /** As above, with the output allowed before the ratio counts (smaller in tests). */
    static InputStream open(InputStream raw, Path path, long compressed, long minBytes) throws IOException {
        long limit = Math.max(minBytes, MAX_RATIO * Math.max(compressed, 1));
        return new FilterInputStream(new GZIPInputStream(raw, 1 << 16)) {
            private long out;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                out += n;
                if (out > limit) {
                    throw new DataException(path + ": expands to more than " + limit + " bytes, over " + MAX_RATIO
                            + " times its size (a gzip bomb?); expected a compressed table; decompress it by hand if "
                            + "it is a real table");
                }
            }
        };
    }
}
