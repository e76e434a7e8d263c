package dev.autoencoder.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autoencoder.io.Json;
import java.io.UncheckedIOException;

/** Reading the settings a page sends (with one-sentence errors that name the field) and writing JSON back. */
final class Requests {
    private Requests() {}

    /** A request the server refuses with 400 and this message; nothing on the server changes. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadRequest("expected a JSON object of settings, found " + (n == null ? "nothing" : n.getNodeType()));
            }
            return n;
        } catch (java.io.IOException e) {
            throw new BadRequest("expected a JSON object of settings; it does not parse: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static int integer(JsonNode s, String field, int fallback, int min, int max) {
        if (!s.has(field) || s.get(field).isNull()) {
            return fallback;
        }
        JsonNode v = s.get(field);
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            throw new BadRequest(field + " must be a whole number from " + min + " to " + max + ", found " + v);
        }
        return v.asInt();
    }

    static double number(JsonNode s, String field, double fallback, double min, double max) {
        if (!s.has(field) || s.get(field).isNull()) {
            return fallback;
        }
        JsonNode v = s.get(field);
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw new BadRequest(field + " must be a number from " + min + " to " + max + ", found " + v);
        }
        return v.asDouble();
    }

    static String text(JsonNode s, String field, String fallback) {
        if (!s.has(field) || s.get(field).isNull() || s.get(field).asText().isEmpty()) {
            return fallback;
        }
        if (!s.get(field).isTextual()) {
            throw new BadRequest(field + " must be a string, found " + s.get(field));
        }
        return s.get(field).asText();
    }

    /** A list of layer widths, [3, 2, 1, 2, 3] or "3,2,1,2,3", each 1..max. */
    static int[] widths(JsonNode v, String field, int max) {
        String[] parts;
        if (v.isArray()) {
            parts = new String[v.size()];
            for (int i = 0; i < v.size(); i++) {
                parts[i] = v.get(i).asText();
            }
        } else {
            parts = v.asText().split("\\s*,\\s*");
        }
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                w[i] = -1;
            }
            if (w[i] < 1 || w[i] > max) {
                throw new BadRequest(field + " must be widths of 1 to " + max + " separated by commas, found " + v);
            }
        }
        return w;
    }

    /** One line of JSON (an event is one line of a server-sent event stream). */
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    static String json(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
