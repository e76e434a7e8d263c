package dev.autoencoder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad tables on Spark get what the single-machine tool gives, in train and score alike: exit 65, one line
 * that names the column or shows the row, no executor stack trace, and no model file or output folder.
 */
class SparkBadInputTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("test").config("spark.ui.enabled", false)
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Stream<Arguments> badTables() {
        String good = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n2,4,1\n";
        return Stream.of(
                Arguments.of("text", good + "3,x7,5\n", List.of("column 'b'", "not numeric", "x7", "--exclude-columns b")),
                Arguments.of("empty-cell", good + "3,,5\n", List.of("column 'b'", "missing value")),
                Arguments.of("short-row", good + "3,5\n", List.of("'3,5'", "2 fields, expected 3")),
                Arguments.of("long-row", good + "3,5,6,7\n", List.of("'3,5,6,7'", "4 fields, expected 3")),
                Arguments.of("nan", good + "3,NaN,5\n", List.of("column 'b'", "missing value")),
                Arguments.of("infinity", good + "3,Infinity,5\n", List.of("column 'b'", "Infinity", "finite")),
                Arguments.of("header-only", "a,b,c\n", List.of("no data rows")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTables")
    void badTablesAreOneLineDataErrors(String name, String csv, List<String> facts) throws Exception {
        Path data = Files.writeString(dir.resolve(name + ".csv"), csv);
        Path model = dir.resolve("m.json");
        StringWriter err = new StringWriter();
        int code = SparkMain.main0(new String[] {"train", "--data", data.toString(), "--hidden", "2", "--epochs", "2",
            "--batch-size", "all", "--model-out", model.toString()}, new PrintWriter(err, true));
        String e = err.toString();
        assertEquals(65, code, e);
        assertEquals(1, e.lines().count(), "one line: " + e);
        for (String f : facts) {
            assertTrue(e.contains(f), "'" + f + "' in: " + e);
        }
        assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack trace: " + e);
        assertFalse(Files.exists(model), "no model file");

        Path good = Files.writeString(dir.resolve("good.csv"), "a,b,c\n1,2,3\n4,5,6\n7,8,9\n2,4,1\n");
        assertEquals(0, SparkMain.main0(new String[] {"train", "--data", good.toString(), "--hidden", "2", "--epochs",
            "2", "--batch-size", "all", "--model-out", model.toString()}, new PrintWriter(new StringWriter(), true)));
        Path out = dir.resolve("scored");
        StringWriter scoreErr = new StringWriter();
        code = SparkMain.main0(new String[] {"score", "--model", model.toString(), "--data", data.toString(), "--out",
            out.toString()}, new PrintWriter(scoreErr, true));
        assertEquals(65, code, scoreErr.toString());
        assertEquals(1, scoreErr.toString().lines().count(), "one line: " + scoreErr);
        for (String f : facts) {
            assertTrue(scoreErr.toString().contains(f), "'" + f + "' in: " + scoreErr);
        }
        assertFalse(Files.exists(out), "no output folder");
    }

    @org.junit.jupiter.api.Test
    void aCodeWeightIsRefusedWithWhereToUseIt() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "a,b,c\n1,2,3\n4,5,6\n7,8,9\n2,4,1\n");
        Path model = dir.resolve("cw.json");
        StringWriter err = new StringWriter();
        int code = SparkMain.main0(new String[] {"train", "--data", good.toString(), "--epochs", "2", "--batch-size",
            "all", "--code-weight", "0.25", "--model-out", model.toString()}, new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--code-weight: Spark scores by the reconstruction error alone"), err.toString());
        assertFalse(Files.exists(model), "no model file");
        // without the option the automatic widths train, scored by the error alone
        assertEquals(0, SparkMain.main0(new String[] {"train", "--data", good.toString(), "--epochs", "2",
            "--batch-size", "all", "--model-out", model.toString()}, new PrintWriter(new StringWriter(), true)));
        assertEquals(0.0, dev.autoencoder.model.ModelFile.read(model).codeWeight(), 0.0);
    }
}
