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
            .build();

    /** A matrix as a list of rows, for serialization. */
    public static List<double[]> rows(Matrix m) {
        List<double[]> rows = new ArrayList<>(m.rows);
        for (int r = 0; r < m.rows; r++) {
            rows.add(m.row(r));
        }
        return rows;
    }
}
