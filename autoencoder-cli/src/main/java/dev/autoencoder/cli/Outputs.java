package dev.autoencoder.cli;

import dev.autoencoder.data.Npy;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.math.Matrix;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writing results: CSV through Commons CSV, atomically to a file or to stdout for "-". */
final class Outputs {
    private Outputs() {}

    /** Refuses an output path that is one of the inputs (it would be destroyed before it is read). */
    static void checkNotAnInput(Path out, Path... inputs) {
        if (out == null || out.toString().equals("-")) {
            return;
        }
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            try {
                boolean same = Files.exists(out) && Files.exists(in) ? Files.isSameFile(out, in)
                        : out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
                if (same) {
                    throw new UserError(ExitCodes.USAGE, "the output " + out + " is also an input; choose another "
                            + "output path so the input is not overwritten");
                }
            } catch (IOException e) {
                // cannot tell: the later read or write reports the real problem
            }
        }
    }

    /**
     * Checks a command's outputs before it does its work: no two of them are the same file, each is a file
     * name (not a folder), and its folder exists or can be created and is writable. Null paths and "-"
     * (stdout) are skipped.
     */
    static void checkWritable(List<Output> outputs) {
        Map<Path, String> seen = new java.util.HashMap<>();
        for (Output e : outputs) {
            Path out = e.path();
            if (out == null || out.toString().equals("-")) {
                continue;
            }
            Path real;
            try {
                real = realOrNormal(AtomicFiles.resolve(out));
            } catch (IOException x) {
                throw new UserError(ExitCodes.IO, "cannot write " + e.name() + ": " + x.getMessage());
            }
            String other = seen.putIfAbsent(real, e.name());
            if (other != null) {
                throw new UserError(ExitCodes.USAGE, other + " and " + e.name() + " are the same file; give each "
                        + "output its own path");
            }
            if (!Files.exists(real)) {
                Path dir = real.getParent();
                while (dir != null && !Files.exists(dir)) {
                    dir = dir.getParent();
                }
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new UserError(ExitCodes.IO, "cannot write " + e.name() + ": " + dir
                            + " is a file, not a folder; choose another path");
                }
                if (dir != null && !Files.isWritable(dir)) {
                    throw new UserError(ExitCodes.IO, "cannot write " + e.name() + ": the folder "
                            + dir + " is not writable; choose a folder you can write to");
                }
            } else if (!Files.isWritable(real)) {
                throw new UserError(ExitCodes.IO, "cannot write " + e.name() + ": the file is not "
                        + "writable; choose another path or change its permissions");
            }
        }
    }

    /** An output path and how to name it in a message ("--model-out m.json"). */
    record Output(Path path, String name) {
        static Output of(String flag, Path path) {
            return new Output(path, flag + " " + path);
        }
    }

    /** Refuses a folder option that names an existing file. */
    static void checkFolder(Path dir, String flag) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(ExitCodes.IO, flag + " must be a folder, but " + dir + " is a file; choose "
                    + "another path");
        }
    }

    /** The file a path names: links resolved where they exist, else the normalized absolute path. */
    private static Path realOrNormal(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            Path abs = p.toAbsolutePath().normalize();
            Path parent = abs.getParent();
            try {
                return parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
            } catch (IOException again) {
                return abs;
            }
        }
    }

    /**
     * Writes a table: as CSV, the id column first (if any), then the given columns and the extra ones (a label
     * column last); as a NumPy array (an output named *.npy), the given columns and the extra ones that are
     * not the label, float64 in C order, without the id.
     */
    static void writeTable(Path out, Table rows, List<String> names, Matrix values, List<String> extraNames,
                           List<double[]> extra) throws IOException {
        if (Npy.handles(out)) {
            List<double[]> numeric = new ArrayList<>();
            for (int e = 0; e < extra.size(); e++) {
                if (!extraNames.get(e).equals(rows.labelName())) {
                    numeric.add(extra.get(e));
                }
            }
            Matrix all = new Matrix(values.rows, values.cols + numeric.size());
            for (int r = 0; r < values.rows; r++) {
                System.arraycopy(values.data, r * values.cols, all.data, r * all.cols, values.cols);
                for (int e = 0; e < numeric.size(); e++) {
                    all.data[r * all.cols + values.cols + e] = numeric.get(e)[r];
                }
            }
            write(out, stream -> Npy.write(all, stream));
            return;
        }
        AtomicFiles.Writer w = stream -> {
            var writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            List<String> header = new ArrayList<>();
            if (rows.ids() != null) {
                header.add(rows.idName());
            }
            header.addAll(names);
            header.addAll(extraNames);
            p.printRecord(header);
            List<String> rec = new ArrayList<>(header.size());
            for (int r = 0; r < values.rows; r++) {
                rec.clear();
                if (rows.ids() != null) {
                    rec.add(rows.ids().get(r));
                }
                for (int c = 0; c < values.cols; c++) {
                    rec.add(Double.toString(values.get(r, c)));
                }
                for (double[] e : extra) {
                    double v = e[r];
                    rec.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
                }
                p.printRecord(rec);
            }
            p.flush();
        };
        write(out, w);
    }

    /** Writes to the file atomically ({@link AtomicFiles}), or to standard output for "-" ({@link #toStdout}). */
    static void write(Path out, AtomicFiles.Writer w) throws IOException {
        if (out.toString().equals("-")) {
            toStdout(w);
        } else {
            AtomicFiles.write(out, w);
        }
    }

    /**
     * Writes to standard output through its file descriptor, not {@link System#out} (a {@link PrintStream}
     * swallows write errors): a full disk is an I/O error (exit 74); a reader that went away (a closed pipe,
     * as with {@code | head}) ends the command quietly.
     */
    static void toStdout(AtomicFiles.Writer w) throws IOException {
        System.out.flush();
        OutputStream buffered = new java.io.BufferedOutputStream(new StdoutStream(), 1 << 16);
        try {
            w.writeTo(new NonClosing(buffered));
            buffered.flush();
        } catch (StdoutStream.Failed e) {
            String m = String.valueOf(e.getCause().getMessage());
            if (m.contains("Broken pipe")) {
                throw new UserError(ExitCodes.PIPE, "");
            }
            throw new UserError(ExitCodes.IO, "could not write to standard output (" + m + "); free space where the "
                    + "output goes, or write to a file with --out FILE", e);
        }
    }

    /** Standard output's file descriptor, whose write errors are told apart from the input's. */
    private static final class StdoutStream extends OutputStream {
        private final OutputStream fd = new java.io.FileOutputStream(java.io.FileDescriptor.out);

        /** A write to standard output failed. */
        static final class Failed extends IOException {
            Failed(IOException cause) {
                super(cause);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                fd.write(b, off, len);
            } catch (IOException e) {
                throw new Failed(e);
            }
        }
    }

    /** Lets a writer close its stream without closing stdout. */
    static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
