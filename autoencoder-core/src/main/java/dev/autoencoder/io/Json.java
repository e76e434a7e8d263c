package dev.autoencoder.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.autoencoder.math.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one JSON configuration: Jackson, doubles written by the shortest decimal that
 * reads back to the same bits, insertion-ordered objects, pretty printed.
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // a file read back must say one thing: a key given twice, or anything after the document, is refused
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Reads a JSON document from a file, decoded as UTF-8 here (Jackson's encoding sniffing throws I/O errors
     * on hostile bytes), streaming, and refusing files over {@code maxBytes}: a device such as /dev/zero, or a
     * stream that never ends, fails at its first bad byte or at the limit instead of filling the memory.
     */
    public static com.fasterxml.jackson.databind.JsonNode readTree(java.nio.file.Path path, long maxBytes)
            throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            java.io.InputStream bounded = new java.io.FilterInputStream(in) {
                private long seen;

                @Override
                public int read() throws java.io.IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws java.io.IOException {
                    int n = super.read(buf, off, len);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws java.io.IOException {
                    seen += n;
                    if (seen > maxBytes) {
                        throw new SizeLimit(path + " is larger than " + maxBytes + " bytes, the most this tool reads "
                                + "from such a file; expected a file written by 'autoencoder'");
                    }
                }
            };
            java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
            return MAPPER.readTree(new java.io.InputStreamReader(bounded, utf8));
        }
    }

    /** A file over the size {@link #readTree(java.nio.file.Path, long)} accepts. */
    public static final class SizeLimit extends java.io.IOException {
        SizeLimit(String message) {
            super(message);
        }
    }

    /** A matrix as a list of rows, for serialization. */
    public static List<double[]> rows(Matrix m) {
        List<double[]> rows = new ArrayList<>(m.rows);
        for (int r = 0; r < m.rows; r++) {
            rows.add(m.row(r));
        }
        return rows;
    }
}
