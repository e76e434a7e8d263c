package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.model.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs (docs/reliability.md): each gets its exit code (65 bad data, 74 I/O,
 * 2 bad command line), one line on stderr naming what was expected and found, no stack trace, and
 * no output file created or changed.
 */
class BadInputCatalogTest {
    @TempDir
    Path dir;

    Path out;
    Path goodCsv;
    Path model;

    @BeforeEach
    void setUp() throws IOException {
        out = Files.createDirectories(dir.resolve("out"));
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            b.append(i % 7).append(',').append(i % 5).append(',').append((i * 3) % 11).append('\n');
        }
        goodCsv = Files.writeString(dir.resolve("good.csv"), b.toString());
        model = out.resolve("model.json");
        CliRunner r = CliRunner.run("train", "--data", goodCsv.toString(), "--hidden", "2", "--epochs", "2",
                "--model-out", model.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        Files.writeString(out.resolve("existing.csv"), "keep me\n");
    }

    /** Every file under out/ with its content, to prove nothing appeared or changed. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(out.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    private void assertRefused(int code, List<String> facts, String... args) throws IOException {
        Map<String, String> before = snapshot();
        CliRunner r = CliRunner.run(args);
        String what = String.join(" ", args);
        assertEquals(code, r.exitCode(), what + "\n" + r.err());
        assertEquals(1, r.errLines().length, "one line on stderr: " + r.err());
        for (String f : facts) {
            assertTrue(r.err().contains(f), "message of '" + what + "' should contain '" + f + "': " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(before, snapshot(), "no output file may appear or change: " + what);
    }

    private String[] train(Path data) {
        return new String[] {"train", "--data", data.toString(), "--model-out", out.resolve("m2.json").toString(),
            "--epochs", "1", "--quiet"};
    }

    static Stream<Arguments> badCsv() {
        return Stream.of(
                Arguments.of("empty", "", List.of("empty")),
                Arguments.of("header-only", "a,b\n", List.of("no data rows", "header")),
                Arguments.of("ragged", "a,b\n1,2\n3,4,5\n", List.of("line 3", "found 3 fields, expected 2")),
                Arguments.of("text", "a,b\n1,2\n3,x7\n", List.of("line 3", "column 2 'b'", "expected a number, found 'x7'")),
                Arguments.of("empty-cell", "a,b\n1,2\n,4\n", List.of("line 3", "column 1 'a'", "missing", "--missing")),
                Arguments.of("nan", "a,b\n1,NaN\n", List.of("line 2", "missing", "--missing")),
                Arguments.of("infinity", "a,b\n1,-Infinity\n", List.of("line 2", "infinite", "finite number")),
                Arguments.of("huge", "a,b\n1,1e400\n", List.of("line 2", "'1e400'", "beyond the range")),
                Arguments.of("wrong-delimiter", "a|b|c\n1|2|3\n", List.of("single column", "--delimiter")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsv")
    void badCsvIsDataError(String name, String content, List<String> facts) throws IOException {
        Path f = Files.writeString(dir.resolve(name + ".csv"), content);
        assertRefused(65, facts, train(f));
    }

    @Test
    void binaryGarbageIsDataError() throws IOException {
        Path f = Files.write(dir.resolve("garbage.csv"), new byte[] {0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, -1, -2});
        assertRefused(65, List.of("garbage.csv", "binary"), train(f));
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        Path f = Files.writeString(dir.resolve("bom.csv"), "\uFEFFa,b\n1,2\n3,4\n");
        CliRunner r = CliRunner.run("train", "--data", f.toString(), "--hidden", "1", "--epochs", "1",
                "--model-out", dir.resolve("bom.json").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("a", "b"), ModelFile.read(dir.resolve("bom.json")).columns());
    }

    @Test
    void missingFilesFoldersAndUnreadableFilesAreIoErrors() throws IOException {
        assertRefused(74, List.of("nope.csv", "no such file"), train(dir.resolve("nope.csv")));
        assertRefused(74, List.of("is a folder"), train(Files.createDirectories(dir.resolve("folder.csv"))));
        assertEquals(dir.resolve("x") + ": permission denied; check the file's permissions",
                Main.ioMessage(new java.nio.file.AccessDeniedException(dir.resolve("x").toString())));
        Path locked = Files.writeString(dir.resolve("locked.csv"), "a,b\n1,2\n");
        locked.toFile().setReadable(false, false);
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");
        assertRefused(74, List.of("locked.csv", "permission denied"), train(locked));
    }

    private Path modelWith(String from, String to) throws IOException {
        String json = Files.readString(model);
        assertTrue(json.contains(from), "test setup: " + from);
        return Files.writeString(dir.resolve("bad-model.json"), json.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    private void assertBadModel(Path m, List<String> facts) throws IOException {
        assertRefused(65, facts, "score", "--model", m.toString(), "--data", goodCsv.toString(), "--out",
                out.resolve("scores.csv").toString());
    }

    @Test
    void damagedModelFilesAreDataErrors() throws IOException {
        String json = Files.readString(model);
        assertBadModel(Files.writeString(dir.resolve("trunc.json"), json.substring(0, json.length() / 2)),
                List.of("trunc.json", "not valid JSON"));
        assertBadModel(Files.writeString(dir.resolve("text.json"), "weights: 1, 2, 3\n"), List.of("not valid JSON"));
        assertBadModel(modelWith("autoencoder-model", "other-model"), List.of("format", "other-model"));
        assertBadModel(modelWith("\"version\" : 1", "\"version\" : 7"), List.of("version 7", "newer", "upgrade"));
        Path ensemble = out.resolve("ensemble.json");
        assertEquals(0, CliRunner.run("train", "--data", goodCsv.toString(), "--members", "2", "--epochs", "2",
                "--model-out", ensemble.toString(), "--quiet").exitCode());
        String e = Files.readString(ensemble);
        assertTrue(e.contains("\"spread\" : [ "), "test setup: an ensemble");
        assertBadModel(Files.writeString(dir.resolve("bad-ensemble.json"), e.replace("\"spread\" : [ ", "\"spread\" : [ -1, ")),
                List.of("spread"));
        assertBadModel(modelWith("\"outputs\" : 2", "\"outputs\" : 3"), List.of("layer 1", "weights"));
        assertBadModel(modelWith("\"bias\" : [ ", "\"bias\" : [ NaN, "), List.of("not valid JSON"));
        String bias = json.substring(json.indexOf("\"bias\" : [ ") + 11);
        assertBadModel(modelWith("\"bias\" : [ " + bias.substring(0, bias.indexOf(',')), "\"bias\" : [ 1e999"),
                List.of("bias", "finite"));
        assertBadModel(modelWith("\"inputs\" : 3", "\"inputs\" : 1000000000"), List.of("refusing"));
        String w = json.substring(json.indexOf("\"weights\" : [ [ ") + 16);
        String first = w.substring(0, w.indexOf(','));
        assertBadModel(modelWith(first, first.startsWith("-") ? "0.25" : "-0.25"), List.of("checksum"));
        Path wide = Files.writeString(dir.resolve("wide.csv"), "p,q,r,s\n1,2,3,4\n");
        assertRefused(65, List.of("expects 3 input columns", "has 4"), "score", "--model", model.toString(),
                "--data", wide.toString(), "--out", out.resolve("scores.csv").toString());
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        String data = goodCsv.toString();
        String m2 = out.resolve("m2.json").toString();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--epochs", "-1"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--epochs", "0"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--learning-rate", "-0.01"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--batch-size", "0"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--hidden", "4,,2"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--activation", "swish"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--optimizer", "lbfgs"});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--loss", "huber"});
        cases.add(new String[] {"train", "--data", data, "--model-out", data});
        cases.add(new String[] {"score", "--model", model.toString(), "--data", data, "--out",
            out.resolve("s.csv").toString(), "--contamination", "0"});
        cases.add(new String[] {"score", "--model", model.toString(), "--data", data, "--out",
            out.resolve("s.csv").toString(), "--contamination", "0.7"});
        cases.add(new String[] {"score", "--model", model.toString(), "--data", data, "--out", model.toString()});
        cases.add(new String[] {"encode", "--model", model.toString(), "--data", data, "--out", data});
        cases.add(new String[] {"train", "--data", data, "--model-out", m2, "--no-such-option"});
        for (String[] c : cases) {
            assertRefused(2, List.of(), c);
        }
    }

    @Test
    void aDivergingRunStopsWithTheEpochLossAndAHint() throws IOException {
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 50; i++) {
            b.append(i).append(',').append(1000.0 * i * i).append('\n');
        }
        Path f = Files.writeString(dir.resolve("wild.csv"), b.toString());
        assertRefused(1, List.of("diverged at epoch", "learning rate 1.0E8", "smaller learning rate"),
                "train", "--data", f.toString(), "--scaling", "none", "--optimizer", "sgd", "--learning-rate", "1e8",
                "--epochs", "50", "--model-out", out.resolve("m3.json").toString(), "--quiet");
    }
}
