package dev.autoencoder.data;

import dev.autoencoder.math.Matrix;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip or not: {@code idx3-ubyte} image files
 * (magic 0x803: count, rows, columns, then unsigned bytes) become one row per image with pixels
 * scaled to [0, 1] (byte / 255), named {@code px_r_c}; {@code idx1-ubyte} label files (magic 0x801)
 * become one number per image.
 */
public final class IdxReader {
    private IdxReader() {}

    /** True for names the IDX reader handles: *-ubyte and *-ubyte.gz. */
    public static boolean handles(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith("-ubyte") || n.endsWith("-ubyte.gz") || n.endsWith(".idx") || n.endsWith(".idx.gz");
    }

    private static DataInputStream open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder; expected an IDX file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(Gunzip.open(in, path, Files.size(path)), 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Images as rows of pixels in [0, 1]; at most {@code limit} images when limit > 0. */
    public static Table readImages(Path path, int limit) throws IOException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new DataException(path + ": not an IDX image file (magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x803 for unsigned-byte images)");
            }
            int count = in.readInt(), rows = in.readInt(), cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 24) {
                throw new DataException(path + ": implausible IDX header (" + count + " images of " + rows + " x "
                        + cols + ")");
            }
            int n = limit > 0 ? Math.min(limit, count) : count;
            int width = rows * cols;
            if ((long) n * width > Integer.MAX_VALUE - 8) {
                throw new DataException(path + ": " + n + " images of " + width + " pixels do not fit in memory; "
                        + "read fewer with CsvOptions.limit");
            }
            int total = n * width;
            byte[] bytes = readBytes(in, total, read -> path + ": truncated; the header promises " + count
                    + " images, the file ends in image " + (read / width + 1));
            Matrix m = new Matrix(n, width);
            for (int i = 0; i < total; i++) {
                m.data[i] = (bytes[i] & 0xff) / 255.0;
            }
            List<String> names = new ArrayList<>(width);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    names.add("px_" + r + "_" + c);
                }
            }
            return new Table(m, names, null, null, null, null, path.toString());
        }
    }

    /** Labels of an idx1-ubyte file; at most {@code limit} when limit > 0. */
    public static double[] readLabels(Path path, int limit) throws IOException {
        try (DataInputStream in = open(path)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new DataException(path + ": not an IDX label file (magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            int count = in.readInt();
            int n = limit > 0 ? Math.min(limit, count) : count;
            if (n < 0) {
                throw new DataException(path + ": implausible IDX header (" + count + " labels)");
            }
            byte[] bytes = readBytes(in, n, read -> path + ": truncated; the header promises " + count
                    + " labels, the file holds " + read);
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        }
    }

    /**
     * {@code total} bytes from {@code in}, in memory that grows with what is actually read (a header's count is
     * a claim, not an allocation); a stream that ends first is refused with {@code truncated}'s message.
     */
    private static byte[] readBytes(java.io.InputStream in, int total, java.util.function.IntFunction<String> truncated)
            throws IOException {
        byte[] bytes = new byte[Math.min(total, 1 << 20)];
        int read = 0;
        while (read < total) {
            if (read == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(total, 2L * bytes.length));
            }
            int got = in.read(bytes, read, bytes.length - read);
            if (got < 0) {
                throw new DataException(truncated.apply(read));
            }
            read += got;
        }
        return bytes;
    }

    /** The side of square images with {@code pixels} pixels, or 0 when not square. */
    public static int squareSide(int pixels) {
        int s = (int) Math.round(Math.sqrt(pixels));
        return s * s == pixels ? s : 0;
    }
}
