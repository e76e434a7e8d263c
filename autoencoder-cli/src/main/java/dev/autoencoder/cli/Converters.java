package dev.autoencoder.cli;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters that turn malformed values into usage errors (exit 2) with a precise message. */
final class Converters {
    private Converters() {}

    /** Layer widths parsed from "3,2,1,2,3". */
    record Widths(int[] values) {}

    /** "3,2,1,2,3" -> {3, 2, 1, 2, 3}; every width a positive integer. */
    static final class WidthsConverter implements ITypeConverter<Widths> {
        @Override
        public Widths convert(String value) {
            String[] parts = value.split(",", -1);
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].trim();
                try {
                    out[i] = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("expected comma-separated positive integers like 3,2,1,2,3, "
                            + "found '" + p + "' in '" + value + "'");
                }
                if (out[i] < 1) {
                    throw new TypeConversionException("every layer needs at least 1 node, found " + out[i]
                            + " at position " + (i + 1) + " of '" + value + "'");
                }
            }
            return new Widths(out);
        }
    }

    /** Turns a library parser's IllegalArgumentException into picocli's usage error. */
    private static <T> T parse(java.util.function.Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            return parse(Activation::parse, value);
        }
    }

    static final class InitializerConverter implements ITypeConverter<Initializer> {
        @Override
        public Initializer convert(String value) {
            return parse(Initializer::parse, value);
        }
    }

    static final class LossConverter implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            return parse(Loss::parse, value);
        }
    }
}
