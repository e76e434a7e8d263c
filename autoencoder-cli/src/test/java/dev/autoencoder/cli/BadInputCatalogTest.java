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
import java.util.Arrays;
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
                Arguments.of("tiny", "a,b\n1,1e-400\n", List.of("line 2", "'1e-400'", "too close to zero")),
                Arguments.of("hex-float", "a,b\n1,0x1p3\n", List.of("line 2", "expected a number, found '0x1p3'")),
                Arguments.of("float-suffix", "a,b\n1,0f\n", List.of("line 2", "expected a number, found '0f'")),
                Arguments.of("minmax-beyond-double", "a,b\n1e308,1\n-1e308,2\n0,3\n",
                        List.of("column 'a'", "span more than double precision")),
                Arguments.of("wrong-delimiter", "a|b|c\n1|2|3\n", List.of("single column", "--delimiter")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsv")
    void badCsvIsDataError(String name, String content, List<String> facts) throws IOException {
        Path f = Files.writeString(dir.resolve(name + ".csv"), content);
        String[] args = train(f);
        if (name.startsWith("minmax")) {
            args = java.util.stream.Stream.concat(Arrays.stream(args), Stream.of("--scaling", "minmax"))
                    .toArray(String[]::new);
        }
        assertRefused(65, facts, args);
    }

    /** Values near double's end train (the scaler's sums are taken in a safe unit); one that scaling overflows is named. */
    @Test
    void valuesThatOverflowWhenScaledNameFileRowAndColumn() throws IOException {
        Path big = Files.writeString(dir.resolve("big.csv"), "a,b,c\n1,2,3\n4,5,6\n1e308,2,3\n7,8,9\n");
        CliRunner r = CliRunner.run("train", "--data", big.toString(), "--hidden", "1", "--epochs", "2",
                "--model-out", out.resolve("big.json").toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "a,b\n0.1,1\n0.2,2\n0.3,4\n0.25,3\n");
        Path m = out.resolve("narrow.json");
        assertEquals(0, CliRunner.run("train", "--data", narrow.toString(), "--hidden", "1", "--epochs", "2",
                "--model-out", m.toString(), "--quiet").exitCode());
        Path overflow = Files.writeString(dir.resolve("overflow.csv"), "a,b\n0.1,2\n1e308,2\n");
        assertRefused(65, List.of("overflow.csv", "data row 2", "column 'a'", "overflows when scaled"), "score",
                "--model", m.toString(), "--data", overflow.toString(), "--out", out.resolve("s.csv").toString());
    }

    /** A long line in a small .gz, and a gzip bomb, are refused as they stream, before memory runs out. */
    @Test
    void compressedInputsThatExplodeAreRefused() throws IOException {
        Path longField = dir.resolve("long-field.csv.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(longField))) {
            gz.write("a,b\n1,".getBytes(StandardCharsets.US_ASCII));
            byte[] ones = new byte[1 << 20];
            Arrays.fill(ones, (byte) '1');
            for (int i = 0; i < 17; i++) {
                gz.write(ones);
            }
            gz.write('\n');
        }
        assertRefused(65, List.of("long-field.csv.gz", "line 2", "characters"), train(longField));
        Path bomb = dir.resolve("bomb.csv.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] rows = "1,2\n".repeat(1 << 18).getBytes(StandardCharsets.US_ASCII);
            gz.write("a,b\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 70; i++) {
                gz.write(rows);
            }
        }
        assertTrue(Files.size(bomb) < 1 << 20, "test setup: a small file");
        assertRefused(65, List.of("bomb.csv.gz", "gzip bomb"), train(bomb));
    }

    /** An IDX label file whose header claims a billion labels in 58 bytes is refused, not allocated. */
    @Test
    void idxHeadersThatClaimTooMuchAreRefused() throws IOException {
        java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 2 * 64);
        images.putInt(0x00000803).putInt(2).putInt(8).putInt(8);
        Path img = Files.write(dir.resolve("images-idx3-ubyte"), images.array());
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(58);
        labels.putInt(0x00000801).putInt(1_000_000_000);
        Path lab = Files.write(dir.resolve("labels-idx1-ubyte"), labels.array());
        assertRefused(65, List.of("labels-idx1-ubyte", "1000000000"), "train", "--data", img.toString(), "--labels",
                lab.toString(), "--hidden", "2", "--epochs", "1", "--model-out", out.resolve("m2.json").toString(),
                "--quiet");
    }

    /** Sizes beyond what fits are refused before allocating anything: one line, never a stack trace. */
    @Test
    void hugeSizesAreRefusedBeforeAllocating() throws IOException {
        assertRefused(2, List.of("1000000000", "parameters", "limit"), "train", "--data", goodCsv.toString(),
                "--hidden", "1000000000", "--model-out", out.resolve("m2.json").toString());
        assertRefused(2, List.of("--threads", "100000"), "train", "--data", goodCsv.toString(), "--threads", "100000",
                "--model-out", out.resolve("m2.json").toString());
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertRefused(65, List.of("/dev/zero", "not a model file"), "score", "--model", "/dev/zero", "--data",
                goodCsv.toString(), "--out", out.resolve("s.csv").toString());
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
        assertTrue(e.contains("\"codeScale\" : "), "test setup: the default ensemble scores its codes");
        assertBadModel(Files.writeString(dir.resolve("bad-codes.json"), e.replaceFirst("\"codeScale\" : ", "\"codeScale\" : -")),
                List.of("network 1's code distance code scale", "expected a positive number"));
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

    /** A copy of the model with one field of its JSON changed. */
    private Path edited(String name, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws IOException {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.autoencoder.io.Json.MAPPER.readTree(model.toFile());
        edit.accept(tree);
        return Files.writeString(dir.resolve(name + ".json"), tree.toPrettyString());
    }

    /** Every field that changes a result is covered by a checksum: an edit is refused, not scored with. */
    @Test
    void editedModelFieldsAreRefused() throws IOException {
        assertBadModel(edited("scaler-mean", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("scaler")
                .path("mean")).set(0, 1000.0)), List.of("checksum"));
        assertBadModel(edited("scaler-scale", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("scaler")
                .path("scale")).set(1, 0.001)), List.of("checksum"));
        assertBadModel(edited("columns", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("columns"))
                .set(0, "c")), List.of("checksum"));
        assertBadModel(edited("threshold", t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t.path("trainingErrors"))
                .put("p99", 1e-9)), List.of("checksum"));
        assertBadModel(edited("activation", t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t.path("layers").get(0))
                .put("activation", "relu")), List.of("checksum"));
        String json = Files.readString(model);
        assertBadModel(Files.writeString(dir.resolve("duplicate-key.json"), json.replaceFirst("\\{",
                "{ \"version\" : 1,")), List.of("duplicate"));
        assertBadModel(Files.writeString(dir.resolve("trailing.json"), json + "\n{}\n"), List.of("trailing"));
        assertBadModel(modelWith("\"inputs\" : 3", "\"inputs\" : 3.5"), List.of("inputs"));
    }

    /** Checkpoints: an edited state, or values out of range, are one line and exit 65 on --resume. */
    @Test
    void editedCheckpointsAreRefusedOnResume() throws IOException {
        Path ckpt = out.resolve("run.ckpt");
        String[] run = {"train", "--data", goodCsv.toString(), "--hidden", "2", "--epochs", "4", "--checkpoint",
            ckpt.toString(), "--checkpoint-every", "2", "--model-out", out.resolve("run.json").toString(), "--quiet"};
        assertEquals(0, CliRunner.run(run).exitCode());
        Files.delete(out.resolve("run.json"));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.autoencoder.io.Json.MAPPER.readTree(ckpt.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("state")).put("nextEpoch", 3);
        Path edited = Files.writeString(dir.resolve("edited.ckpt"), tree.toPrettyString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("state")).put("nextEpoch", -7);
        tree.remove("stateSha256");
        Path outOfRange = Files.writeString(dir.resolve("range.ckpt"), tree.toPrettyString());
        for (Path bad : List.of(edited, outOfRange)) {
            List<String> args = new ArrayList<>(List.of(run));
            args.set(args.indexOf("--epochs") + 1, "6");
            args.addAll(List.of("--resume", bad.toString()));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(65, r.exitCode(), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains(bad.getFileName().toString()), r.err());
            assertFalse(Files.exists(out.resolve("run.json")), "no model from a refused resume");
        }
    }

    /** Outputs are checked as a set before training; a run that cannot write all of them writes none. */
    @Test
    void outputsAreCheckedAsASetBeforeTraining() throws IOException {
        Path rep = Files.createDirectories(out.resolve("rep"));
        assertRefused(2, List.of("--model-out", "loss.png", "same file"), "train", "--data", goodCsv.toString(),
                "--epochs", "1", "--model-out", rep.resolve("loss.png").toString(), "--out", rep.toString());
        assertRefused(2, List.of("--metrics-out", "same file"), "train", "--data", goodCsv.toString(), "--epochs", "1",
                "--model-out", out.resolve("m2.json").toString(), "--metrics-out",
                out.resolve("rep/../m2.json").toString());
        assertRefused(74, List.of("--out", "is a file"), "train", "--data", goodCsv.toString(), "--epochs", "1",
                "--model-out", out.resolve("m2.json").toString(), "--out", out.resolve("existing.csv").toString());
        Files.createSymbolicLink(rep.resolve("latent.svg"), dir.resolve("nowhere/latent.svg"));
        assertRefused(74, List.of("latent.svg", "does not exist"), "train", "--data", goodCsv.toString(), "--epochs",
                "1", "--model-out", out.resolve("m2.json").toString(), "--out", rep.toString());
        assertRefused(74, List.of("--model-out", "is a folder"), "train", "--data", goodCsv.toString(), "--epochs",
                "1", "--model-out", rep.toString());
    }

    /** Devices are written in place (as root, a rename would replace /dev/null); links are followed. */
    @Test
    void devicesAreWrittenInPlaceAndLinksFollowed() throws IOException {
        Path devNull = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(devNull));
        CliRunner r = CliRunner.run("encode", "--model", model.toString(), "--data", goodCsv.toString(), "--out", "/dev/null");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
        Path target = Files.writeString(out.resolve("target.csv"), "old\n");
        Path link = Files.createSymbolicLink(out.resolve("link.csv"), target);
        assertEquals(0, CliRunner.run("encode", "--model", model.toString(), "--data", goodCsv.toString(), "--out",
                link.toString()).exitCode());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(target).startsWith("latent"), "its target holds the codes");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
        assertRefused(74, List.of("/dev/full"), "encode", "--model", model.toString(), "--data", goodCsv.toString(),
                "--out", "/dev/full");
        assertFalse(CliRunner.run("encode", "--model", model.toString(), "--data", goodCsv.toString(), "--out",
                "/dev/full").err().contains(".tmp"), "the message names the user's path");
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
        assertRefused(2, List.of("--code-weight must be between 0 and 1000, found -0.5"),
                "train", "--data", data, "--model-out", m2, "--code-weight", "-0.5");
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
