package dev.autoencoder.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's error messages name its parameters ({@code CsvOptions.exclude}, a setting {@code TO} a
 * value); the command line's users know flags. This maps the one onto the other at the boundary, so the
 * library never speaks of flags and the tool never speaks of records.
 */
final class Flags {
    private Flags() {}

    private static final Map<String, String> FLAGS = Map.of(
            "CsvOptions.columns", "--columns",
            "CsvOptions.exclude", "--exclude-columns",
            "CsvOptions.idColumn", "--id-column",
            "CsvOptions.labelColumn", "--label-column",
            "CsvOptions.delimiter", "--delimiter",
            "CsvOptions.limit", "--limit",
            "Checkpoint.write", "'train --checkpoint'");

    private static final Pattern SETTING = Pattern.compile("set CsvOptions\\.(missing|header) to ([A-Z]+)");
    private static final Pattern NAME = Pattern.compile("CsvOptions\\.\\w+|Checkpoint\\.write");

    /** {@code message} with the library's parameter names replaced by the flags that set them. */
    static String forCli(String message) {
        if (message == null) {
            return null;
        }
        Matcher s = SETTING.matcher(message);
        String m = s.replaceAll(r -> "pass --" + r.group(1) + " " + r.group(2).toLowerCase(java.util.Locale.ROOT));
        m = m.replace(" or MEAN", " or --missing mean");
        Matcher n = NAME.matcher(m);
        return n.replaceAll(r -> Matcher.quoteReplacement(FLAGS.getOrDefault(r.group(), r.group())));
    }
}
