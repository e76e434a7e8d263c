package dev.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public class, interface, enum and record in every module's main sources says what it is for in javadoc. */
class PublicTypesDocumentedTest {
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeHasJavadoc() throws Exception {
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
                    if (!m.find()) {
                        continue;
                    }
                    int j = i - 1; // above any annotations (which may span lines) must end a /** ... */ comment
                    while (j >= 0 && !lines.get(j).strip().endsWith("*/") && !lines.get(j).strip().endsWith(";")
                            && !lines.get(j).strip().endsWith("{") && !lines.get(j).strip().endsWith("}")) {
                        j--;
                    }
                    if (j < 0 || !lines.get(j).strip().endsWith("*/") || !javadocEndsAt(lines, j)) {
                        undocumented.add(f.getFileName() + ":" + (i + 1) + " " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), undocumented);
    }

    /** Whether the comment ending on line j opened with "/**". */
    private static boolean javadocEndsAt(List<String> lines, int j) {
        for (int k = j; k >= 0; k--) {
            if (lines.get(k).contains("/**")) {
                return true;
            }
            if (lines.get(k).contains("/*")) {
                return false;
            }
        }
        return false;
    }
}
