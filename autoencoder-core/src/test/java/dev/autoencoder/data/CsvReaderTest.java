package dev.autoencoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Table read(String content, CsvOptions o) throws IOException {
        return CsvReader.read(file("t.csv", content), o);
    }

    private DataException fails(String content, CsvOptions o) {
        return assertThrows(DataException.class, () -> read(content, o));
    }

    @Test
    void readsCommaSemicolonAndTabWithAHeaderDetected() throws IOException {
        for (String sep : new String[] {",", ";", "\t"}) {
            Table t = read("a" + sep + "b\n1" + sep + "2\n3" + sep + "4.5\n", CsvOptions.DEFAULTS);
            assertEquals(List.of("a", "b"), t.columns(), "separator " + sep);
            assertArrayEquals(new double[] {1, 2, 3, 4.5}, t.values().data, 0.0);
        }
    }

    @Test
    void handlesQuotesCrlfBomAndNoHeader() throws IOException {
        Table t = read("\uFEFF\"x 1\",\"y\"\r\n\"1\",2\r\n3,\"4\"\r\n", CsvOptions.DEFAULTS);
        assertEquals(List.of("x 1", "y"), t.columns());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.values().data, 0.0);
        Table n = read("1,2\n3,4\n", CsvOptions.DEFAULTS);
        assertEquals(List.of("column_1", "column_2"), n.columns());
        assertEquals(2, n.rows());
        Table declared = read("1,2\n3,4\n", CsvOptions.DEFAULTS.withHeader(CsvOptions.Header.YES));
        assertEquals(List.of("1", "2"), declared.columns());
        assertEquals(1, declared.rows());
    }

    @Test
    void readsGzipByContent() throws IOException {
        Path gz = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new double[] {1, 2}, CsvReader.read(gz, CsvOptions.DEFAULTS).values().data, 0.0);
    }

    @Test
    void aGzipFileCutShortIsRefusedAsBadDataNotAnIoError() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append(',').append(2 * i).append(',').append(i % 7).append('\n');
        }
        Path whole = dir.resolve("whole.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        // cut inside the header, inside the first block read, and far into the stream
        for (int length : new int[] {2, 300, bytes.length / 2}) {
            Path cut = dir.resolve("cut" + length + ".csv.gz");
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            DataException e = assertThrows(DataException.class, () -> CsvReader.read(cut, CsvOptions.DEFAULTS));
            assertTrue(e.getMessage().contains("gzip") && e.getMessage().contains("cut short"), e.getMessage());
        }
    }

    @Test
    void selectsColumnsByNameOrIndexAndKeepsIdAndLabelApart() throws IOException {
        String csv = "id,a,b,c,label\nr1,1,2,3,0\nr2,4,5,6,1\n";
        Table t = read(csv, CsvOptions.DEFAULTS.withIdColumn("id").withLabelColumn("label"));
        assertEquals(List.of("a", "b", "c"), t.columns());
        assertEquals(List.of("r1", "r2"), t.ids());
        assertArrayEquals(new double[] {0, 1}, t.labels(), 0.0);
        Table picked = read(csv, CsvOptions.DEFAULTS.withColumns(List.of("c", "2")));
        assertEquals(List.of("c", "a"), picked.columns());
        assertArrayEquals(new double[] {3, 1, 6, 4}, picked.values().data, 0.0);
        Table excluded = read(csv, CsvOptions.DEFAULTS.withExclude(List.of("id", "b", "5")));
        assertEquals(List.of("a", "c"), excluded.columns());
        assertNull(excluded.ids());
        DataException e = fails(csv, CsvOptions.DEFAULTS.withColumns(List.of("zzz")));
        assertTrue(e.getMessage().contains("'zzz'") && e.getMessage().contains("[id, a, b, c, label]"), e.getMessage());
    }

    @Test
    void missingCellsAreAnErrorNamingFileLineAndColumnUnlessTold() throws IOException {
        String csv = "a,b\n1,2\n3,\n5,NA\n7,8\n";
        DataException e = fails(csv, CsvOptions.DEFAULTS);
        assertTrue(e.getMessage().contains("t.csv, line 3, column 2 'b'") && e.getMessage().contains("CsvOptions.missing"),
                e.getMessage());
        Table dropped = read(csv, CsvOptions.DEFAULTS.withMissing(CsvOptions.Missing.DROP));
        assertArrayEquals(new double[] {1, 2, 7, 8}, dropped.values().data, 0.0);
        Table mean = read(csv, CsvOptions.DEFAULTS.withMissing(CsvOptions.Missing.MEAN));
        assertArrayEquals(new double[] {1, 2, 3, 5, 5, 5, 7, 8}, mean.values().data, 0.0);
    }

    @Test
    void badCellsAndShapesAreNamed() {
        DataException text = fails("a,b\n1,2\n3,abc\n", CsvOptions.DEFAULTS);
        assertTrue(text.getMessage().contains("line 3, column 2 'b': expected a number, found 'abc'"), text.getMessage());
        DataException ragged = fails("a,b\n1,2\n3,4,5\n", CsvOptions.DEFAULTS);
        assertTrue(ragged.getMessage().contains("line 3: found 3 fields, expected 2"), ragged.getMessage());
        DataException huge = fails("a,b\n1,1e400\n", CsvOptions.DEFAULTS);
        assertTrue(huge.getMessage().contains("beyond the range of a double"), huge.getMessage());
        DataException inf = fails("a,b\n1,Infinity\n", CsvOptions.DEFAULTS);
        assertTrue(inf.getMessage().contains("infinite"), inf.getMessage());
        DataException empty = fails("", CsvOptions.DEFAULTS);
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        DataException headerOnly = fails("a,b\n", CsvOptions.DEFAULTS);
        assertTrue(headerOnly.getMessage().contains("no data rows"), headerOnly.getMessage());
    }

    @Test
    void anUnterminatedQuoteIsMalformedDataNotAnIoError() {
        // a Jazzer finding (CsvReaderFuzzTest): commons-csv reports it as an IOException
        DataException e = fails("a,b\n1,\"2\n", CsvOptions.DEFAULTS);
        assertTrue(e.getMessage().contains("malformed CSV") && e.getMessage().contains("quotes"), e.getMessage());
    }

    @Test
    void binaryGarbageIsRefused() throws IOException {
        Path bin = dir.resolve("garbage.csv");
        Files.write(bin, new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, (byte) 0xff, (byte) 0xfe});
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(bin, CsvOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("garbage.csv"), e.getMessage());
    }

    @Test
    void readsTheGeostatsWellsWithCrlf() throws IOException {
        Path wells = Path.of("../../shared/data/geostats-unconv-mv/unconv_MV.csv");
        if (!Files.exists(wells)) {
            wells = Path.of("../shared/data/geostats-unconv-mv/unconv_MV.csv");
        }
        Table t = CsvReader.read(wells, CsvOptions.DEFAULTS.withIdColumn("WellIndex"));
        assertEquals(1000, t.rows());
        assertEquals(List.of("Por", "LogPerm", "AI", "Brittle", "TOC", "VR", "Production"), t.columns());
        assertEquals(15.91, t.values().get(0, 0), 0.0);
        assertEquals("1", t.ids().get(0));
    }

    /** A column called "label" is never a feature by accident; naming it in columns makes it one. */
    @Test
    void aColumnCalledLabelIsTheLabel(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("l.csv");
        Files.writeString(f, "a,Label,b\n1,0,2\n3,1,4\n");
        Table t = CsvReader.read(f, CsvOptions.DEFAULTS);
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals("Label", t.labelName());
        assertEquals(1.0, t.labels()[1], 0.0);
        Table chosen = CsvReader.read(f, CsvOptions.DEFAULTS.withColumns(List.of("a", "Label", "b")));
        assertEquals(List.of("a", "Label", "b"), chosen.columns());
        assertEquals(null, chosen.labels());
    }

    /** One rule for numbers: decimal as CSV writers write it; out of a double's range either way is refused. */
    @Test
    void numbersAreDecimalAndWithinADoublesRange(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.csv");
        Files.writeString(ok, "a\n.5\n5.\n+3e2\n-0.0\n0e5\n4.9e-324\n1.7976931348623157e308\n");
        assertEquals(List.of(0.5, 5.0, 300.0, -0.0, 0.0, 4.9e-324, Double.MAX_VALUE),
                java.util.Arrays.stream(CsvReader.read(ok, CsvOptions.DEFAULTS).values().data).boxed().toList());
        for (String[] bad : new String[][] {{"0x1p3", "expected a number"}, {"1f", "expected a number"},
                {"2d", "expected a number"}, {"1e400", "beyond the range"}, {"1e-400", "too close to zero"},
                {"-1e-400", "too close to zero"}}) {
            Path f = dir.resolve("bad.csv");
            Files.writeString(f, "a\n1\n" + bad[0] + "\n");
            DataException e = assertThrows(DataException.class, () -> CsvReader.read(f, CsvOptions.DEFAULTS));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
    }

    /** A huge "field" (here 17 million characters from a 17 KB .gz) is refused as it streams, not built in memory. */
    @Test
    void anOverlongLineIsRefusedBeforeItIsBuilt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("long.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a,b\n1,".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] nines = new byte[1 << 20];
            java.util.Arrays.fill(nines, (byte) '9');
            for (int i = 0; i < 17; i++) {
                out.write(nines);
            }
            out.write('\n');
        }
        assertTrue(Files.size(f) < 100_000, "test setup: a small file");
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(f, CsvOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("line 2: longer than " + CsvReader.MAX_LINE_CHARS), e.getMessage());
    }
}
