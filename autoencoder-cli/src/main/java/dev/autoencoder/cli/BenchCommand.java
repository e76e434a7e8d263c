package dev.autoencoder.cli;

import dev.autoencoder.io.Json;
import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder bench}: time the standard workloads (training only) on generated data. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the benchmark workloads, training only: w1 (the chapter's network, 10,000 full-batch "
                + "epochs) and w2 (20,000 x 256 rows, 256-128-32-128-256 tanh, Adam, batch 128, 5 epochs).",
            "See docs/performance.md for what to expect and how to compare with PyTorch."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", paramLabel = "w1|w2|all", description = "Which workload (default: all).")
    String workload = "all";

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--precision", paramLabel = "P", description = "float64 (default) or float32 (w2 only: w1 is the chapter's float64 network).")
    String precision = "float64";

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of w2 (default: 5).")
    int epochs = 5;

    @Option(names = "--repeat", paramLabel = "N", description = "Runs of each workload; all are printed (default: 1).")
    int repeat = 1;

    @Option(names = "--json", description = "One JSON object per run.")
    boolean json;

    @Option(names = "--sweep", paramLabel = "DIR",
            description = "Instead: time one epoch over rows, width and batch size, and draw DIR/scaling.png.")
    java.nio.file.Path sweep;

    @Override
    public Integer call() throws Exception {
        if (!List.of("w1", "w2", "all").contains(workload)) {
            throw new ParameterException(spec.commandLine(), "--workload must be w1, w2 or all, found '" + workload + "'");
        }
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--precision must be float64 or float32, found '"
                    + precision + "'");
        }
        if (epochs < 1 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs and --repeat must be at least 1");
        }
        if (threads != null && (threads < 1 || threads > TrainingConfig.MAX_THREADS)) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and "
                    + TrainingConfig.MAX_THREADS + ", found " + threads);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter out = spec.commandLine().getOut();
        if (sweep != null) {
            Sweep.run(sweep, out, t);
            return ExitCodes.OK;
        }
        if (!json) {
            out.printf("kernels: %s, %d thread(s); the first run of a JVM includes JIT compilation%n",
                    Ops.vectorAvailable() ? "vector (jdk.incubator.vector)"
                    : "plain loops (run with --add-modules jdk.incubator.vector for the vector kernels)", t);
        }
        Matrix w2 = null;
        for (int r = 0; r < repeat; r++) {
            if (!workload.equals("w2") && p == Precision.FLOAT64) {
                print(out, Workloads.w1(t));
            }
            if (!workload.equals("w1")) {
                if (w2 == null) {
                    w2 = Workloads.w2Data();
                }
                print(out, Workloads.w2(w2, epochs, p, t));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, Workloads.Result r) throws Exception {
        if (json) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("workload", r.workload());
            m.put("precision", r.precision());
            m.put("threads", r.threads());
            m.put("trainSeconds", r.trainSeconds());
            m.put("secondsPerEpoch", r.secondsPerEpoch());
            m.put("finalLoss", r.finalLoss());
            m.put("gflops", r.gflops());
            out.println(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(m));
        } else {
            out.printf(Locale.ROOT, "%s %s threads=%d: %.4f s (%.5f s/epoch), final loss %.6g, %.2f GFLOP/s%n",
                    r.workload(), r.precision(), r.threads(), r.trainSeconds(), r.secondsPerEpoch(), r.finalLoss(),
                    r.gflops());
        }
        out.flush();
    }
}
