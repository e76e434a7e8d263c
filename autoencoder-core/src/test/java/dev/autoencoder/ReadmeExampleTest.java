package dev.autoencoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is the program CI compiles and runs (examples/library), word for word, so the
 * README cannot drift from code that works.
 */
class ReadmeExampleTest {
    @Test
    void theReadmeShowsTheExampleProgramVerbatim() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String example = Files.readString(Path.of("../examples/library/src/main/java/Example.java"));
        assertTrue(readme.contains("```java\n" + example + "```"), "README.md's java block must equal "
                + "examples/library/src/main/java/Example.java");
    }
}
