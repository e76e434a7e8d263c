package dev.autoencoder.data;

import dev.autoencoder.math.Matrix;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0 written; 1.0, 2.0 and 3.0 read), for Python users: what
 * {@code numpy.save} writes and {@code numpy.load} reads. Written: float64 ({@code '<f8'}), C order, shape
 * (rows, columns), the header padded to a multiple of 64 bytes as numpy pads it. Read: a 1-D or 2-D array
 * of little-endian float64, float32, int64, int32, int16, int8 or uint8 values, in C or Fortran order;
 * columns are named {@code x1, x2, ...}. The header's shape is checked against the file's size before
 * anything is allocated.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Whether a path names a .npy file (by its name; the reader checks the magic bytes). */
    public static boolean handles(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** Whether bytes start like a .npy file. */
    public static boolean startsLikeNpy(byte[] b, int n) {
        if (n < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The header numpy writes for a float64 C-order array of this shape, padded so the data starts at a multiple of 64. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length())
                .put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes values as a (rows, columns) float64 array in C order. */
    public static void write(Matrix values, OutputStream out) throws IOException {
        out.write(header(values.rows, values.cols));
        ByteBuffer b = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values.data) {
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putDouble(v);
        }
        out.write(b.array(), 0, b.position());
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a 1-D (one column) or 2-D array as a table; at most {@code limit} rows when limit > 0. */
    public static Table read(Path path, int limit) throws IOException {
        long size = Files.size(path);
        try (InputStream raw = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[8];
            if (in.read(magic) != 8 || !startsLikeNpy(magic, 8)) {
                throw new DataException(path + ": not a .npy file (it does not start with \\x93NUMPY); expected an "
                        + "array written by numpy.save");
            }
            int major = magic[6];
            long headerLength = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (major < 1 || major > 3 || headerLength > 1 << 16) {
                throw new DataException(path + ": .npy version " + major + "." + magic[7] + " with a " + headerLength
                        + "-byte header; expected versions 1 to 3 with a short header");
            }
            byte[] h = in.readNBytes((int) headerLength);
            String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
            if (!d.find() || !o.find() || !s.find()) {
                throw new DataException(path + ": a .npy header without descr, fortran_order and shape ('"
                        + header.strip() + "'); expected a plain numeric array (not a structured or object one)");
            }
            String type = d.group(2) + d.group(3);
            int itemSize = Integer.parseInt(d.group(3));
            if (!List.of("f8", "f4", "i8", "i4", "i2", "i1", "u1").contains(type) || d.group(1).equals(">") && itemSize > 1) {
                throw new DataException(path + ": values of type '" + d.group(1) + type + "'; expected little-endian "
                        + "float64, float32, int64, int32, int16, int8 or uint8 (convert with .astype('<f8'))");
            }
            boolean fortran = o.group(1).equals("True");
            List<Long> shape = new ArrayList<>();
            for (String part : s.group(1).split(",")) {
                if (!part.isBlank()) {
                    shape.add(Long.parseLong(part.strip()));
                }
            }
            if (shape.isEmpty() || shape.size() > 2) {
                throw new DataException(path + ": an array of shape " + shape + "; expected 1 or 2 dimensions "
                        + "(rows, columns): reshape it first");
            }
            long rows = shape.get(0), cols = shape.size() == 2 ? shape.get(1) : 1;
            long dataBytes = size - 8 - (major == 1 ? 2 : 4) - headerLength;
            if (rows < 1 || cols < 1 || rows * cols * itemSize != dataBytes) {
                throw new DataException(path + ": the header promises " + rows + " x " + cols + " values of " + itemSize
                        + " bytes, the file holds " + dataBytes + " bytes of data; expected a complete array");
            }
            if (rows * cols > Integer.MAX_VALUE - 8) {
                throw new DataException(path + ": " + rows + " x " + cols + " values do not fit in one table; read "
                        + "fewer rows with --limit or split the array");
            }
            int n = (int) (limit > 0 ? Math.min(limit, rows) : rows);
            int readRows = fortran ? (int) rows : n; // Fortran order holds a row's values column by column
            Matrix m = new Matrix(readRows, (int) cols);
            byte[] chunk = new byte[itemSize * 8192];
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).limit(0);
            for (int i = 0; i < m.data.length; i++) {
                if (!b.hasRemaining()) {
                    int want = (int) Math.min(chunk.length, (long) (m.data.length - i) * itemSize);
                    in.readFully(chunk, 0, want);
                    b.clear().limit(want);
                }
                double v = switch (type) {
                    case "f8" -> b.getDouble();
                    case "f4" -> b.getFloat();
                    case "i8" -> b.getLong();
                    case "i4" -> b.getInt();
                    case "i2" -> b.getShort();
                    case "i1" -> b.get();
                    default -> b.get() & 0xff;
                };
                if (!Double.isFinite(v)) {
                    long r = fortran ? i % rows : i / cols, c = fortran ? i / rows : i % cols;
                    throw new DataException(path + ": row " + (r + 1) + ", column " + (c + 1) + " is " + v
                            + "; expected finite numbers (fill or drop missing values first)");
                }
                if (fortran) {
                    m.data[(int) ((i % rows) * cols + i / rows)] = v;
                } else {
                    m.data[i] = v;
                }
            }
            if (readRows > n) {
                m = new Matrix(n, (int) cols, java.util.Arrays.copyOf(m.data, (int) (n * cols)));
            }
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= cols; c++) {
                names.add("x" + c);
            }
            return new Table(m, names, null, null, null, null, path.toString());
        }
    }
}
