package dev.autoencoder.cli;

import dev.autoencoder.bench.Workloads;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.math.Parallel;
import dev.autoencoder.math.ProductWarmup;
import dev.autoencoder.train.Trainer;
import dev.autoencoder.math.VectorWarmup;
import java.io.PrintWriter;
import java.util.ArrayList;
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
            "See docs/performance.md for the data generator and the figures measured here."})
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
        if (!precision.equals("float64") && !precision.equals("float32")) {
            throw new ParameterException(spec.commandLine(), "--precision must be float64 or float32, found '"
                    + precision + "'");
        }
        boolean float32 = precision.equals("float32");
        if (epochs < 1 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs and --repeat must be at least 1");
        }
        if (threads != null) {
            try {
                Parallel.setThreads(threads);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (sweep != null) {
            Sweep.run(sweep, out);
            return ExitCodes.OK;
        }
        if (!workload.equals("w1")) {
            ProductWarmup.start(float32); // compiles the vector products while the data is generated: first of all
            Trainer.warmUpLoops(float32); // and then the trainer's own loops
        }
        if (!json) {
            out.printf("kernels: %s, %d thread(s)%n", Kernels.VECTOR ? "vector (jdk.incubator.vector)"
                    : "plain loops (run with --add-modules jdk.incubator.vector for the vector kernels)", Parallel.threads());
        }
        if (!json && !workload.equals("w2") && !float32) {
            out.printf("w1 runs on the small-network path: plain lane loops at first; after %,d steps in this JVM "
                    + "(%d runs) the vector lanes compile in the background, and runs use them once compiled; "
                    + "the first run also pays for JIT compilation%n",
                    VectorWarmup.WARM_UP_AFTER_STEPS, VectorWarmup.WARM_UP_AFTER_STEPS / 10_000);
        }
        List<Workloads.Result> results = new ArrayList<>();
        Matrix w2 = null;
        for (int r = 0; r < repeat; r++) {
            if (!workload.equals("w2") && !float32) {
                results.add(print(out, Workloads.w1()));
            }
            if (!workload.equals("w1")) {
                if (w2 == null) {
                    w2 = Workloads.w2Data();
                }
                results.add(print(out, Workloads.w2(w2, epochs, float32)));
                if (r == 0 && !json && Kernels.VECTOR) {
                    double ms = ProductWarmup.warmupMillis(float32);
                    out.println(ms < 0 ? "(the vector products were still being compiled: w2 ran on plain loops)"
                            : String.format(Locale.ROOT, "(vector products compiled %.0f ms after the warm-up began, "
                            + "which ran while the data was generated; plain loops until then)", ms));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Workloads.Result print(PrintWriter out, Workloads.Result r) throws Exception {
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
        return r;
    }
}
