package dev.autoencoder.cli;

import dev.autoencoder.data.DataException;
import dev.autoencoder.data.Table;
import dev.autoencoder.io.AtomicFiles;
import dev.autoencoder.io.Json;
import dev.autoencoder.kernel.Ops;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.report.TrainReport;
import dev.autoencoder.train.AutoencoderTrainer;
import dev.autoencoder.train.Checkpoint;
import dev.autoencoder.train.StepObserver;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder train}: fit a model to a table and save it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an autoencoder on a table and save the model.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--model-out", required = true, paramLabel = "MODEL",
            description = "Where to save the model (JSON); '-' for stdout (the summary then goes to stderr).")
    Path modelOut;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write figures and report.html here.")
    Path outDir;

    @Option(names = "--metrics-out", paramLabel = "FILE",
            description = "Write lossHistory, validationLossHistory, bestEpoch, trainSeconds (JSON).")
    Path metricsOut;

    @Mixin
    TrainingOptions training;

    @Option(names = "--validation-data", paramLabel = "FILE", description = "Validation rows from another file.")
    Path validationData;

    @Option(names = "--init", paramLabel = "MODEL", description = "Start from this model's parameters (its architecture and scaler win).")
    Path init;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Save the full training state here every --checkpoint-every epochs (and on Ctrl-C).")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between checkpoints (default: 10).")
    int checkpointEvery = 10;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in this checkpoint (give the same options; --epochs may grow).")
    Path resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary on stdout.")
    boolean quiet;

    private TrainSpec spec() {
        try {
            TrainSpec ts = training.toSpec();
            if (ts.training().epochs() == 0 && init == null) {
                throw new IllegalArgumentException("--epochs must be at least 1 (0 only with --init), found 0");
            }
            boolean oneNetwork = init != null || checkpoint != null || resume != null;
            if (oneNetwork && training.members() != null && training.members() > 1) {
                throw new IllegalArgumentException("--members " + training.members() + " cannot be combined with --init, "
                        + "--checkpoint or --resume, which follow one network; give --members 1");
            }
            if (oneNetwork) {
                ts = ts.withMembers(1);
            }
            if (checkpointEvery < 1) {
                throw new IllegalArgumentException("--checkpoint-every must be at least 1, found " + checkpointEvery);
            }
            return ts;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
    @Override
    public Integer call() throws IOException {
        TrainSpec ts = spec();
        if (validationData != null && training.validationSplitGiven()) {
            throw new ParameterException(spec.commandLine(), "give --validation-split or --validation-data, not both");
        }
        Outputs.checkNotAnInput(modelOut, data.data, validationData, init, resume);
        Outputs.checkNotAnInput(metricsOut, data.data, validationData, init, resume);
        Outputs.checkNotAnInput(checkpoint, data.data, validationData, init);
        List<Outputs.Output> outputs = new java.util.ArrayList<>(List.of(Outputs.Output.of("--model-out", modelOut),
                Outputs.Output.of("--metrics-out", metricsOut), Outputs.Output.of("--checkpoint", checkpoint)));
        if (outDir != null) {
            Outputs.checkFolder(outDir, "--out");
            for (Path f : TrainReport.files(outDir)) {
                outputs.add(new Outputs.Output(f, "the report's " + f + " (--out " + outDir + ")"));
            }
        }
        Outputs.checkWritable(outputs); // before training: a run that cannot save its work does not start
        if (resume != null && init != null) {
            throw new ParameterException(spec.commandLine(), "give --init or --resume, not both");
        }
        Map<String, Object> fingerprint = new LinkedHashMap<>(options(ts));
        fingerprint.remove("epochs");
        fingerprint.put("seed", training.seed());
        String dataSha256 = sha256(data.source());
        Path validationSource = validationData == null ? null : DataOptions.spooled(validationData);
        fingerprint.put("dataSha256", dataSha256);
        fingerprint.put("validationDataSha256", validationData == null ? null : sha256(validationSource));
        fingerprint.put("precision", ts.training().precision().id()); // the arithmetic a resume must continue in
        Checkpoint resumed = null;
        if (resume != null) {
            resumed = Checkpoint.read(resume);
            // compare as JSON sees them (a long read back is an int)
            @SuppressWarnings("unchecked")
            Map<String, Object> theirs = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(resumed.fingerprint()), Map.class);
            theirs.putIfAbsent("precision", "float64"); // checkpoints from before float32 could be checkpointed
            @SuppressWarnings("unchecked")
            Map<String, Object> ours = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(fingerprint), Map.class);
            // checkpoints from before these options were recorded cannot be checked for them
            for (String k : List.of("members", "momentum", "nesterov", "beta1", "beta2", "epsilon", "weightDecay",
                    "biasInit", "minDelta")) {
                theirs.putIfAbsent(k, ours.get(k));
            }
            if (!theirs.equals(ours)) {
                throw new UserError(ExitCodes.USAGE, resume + " was saved by a run with other options or data ("
                        + difference(theirs, ours) + "); give the same options and data as that run");
            }
        }
        Autoencoder initModel = resumed != null ? resumed.model() : init == null ? null : ModelFile.read(init);
        Table table = data.read(initModel == null ? null : initModel.columns());
        Matrix validation = null;
        if (validationData != null) {
            Table v = data.read(validationSource, table.columns());
            if (v.values().cols != table.values().cols) {
                throw new DataException(validationData + ": " + v.values().cols + " feature columns, expected "
                        + table.values().cols + " like " + data.data);
            }
            validation = v.values();
        }
        PrintWriter err = spec.commandLine().getErr();

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("seed", training.seed());
        provenance.put("data", data.data.toString());
        provenance.put("dataSha256", dataSha256);
        provenance.put("options", options(ts));
        if (table.idName() != null) {
            provenance.put("idColumn", table.idName()); // encode, reconstruct and score carry it by default
        }
        if (table.labels() != null && data.labelsFile == null) {
            provenance.put("labelColumn", table.labelName());
        }
        provenance.put("libraryVersion", new Main.Version().getVersion()[0]);
        provenance.put("created", Instant.now().toString());

        Path checkpointPath = checkpoint != null ? checkpoint
                : Path.of((modelOut.toString().equals("-") ? "model" : modelOut.toString()) + ".checkpoint.json");
        java.util.concurrent.atomic.AtomicInteger signal = new java.util.concurrent.atomic.AtomicInteger();
        Interrupts.onStop(signal::set);
        AutoencoderTrainer.CheckpointHook hook = (state, model) -> {
            boolean stop = signal.get() != 0;
            if (stop && ts.members() > 1) {
                throw new UserError(128 + signal.get(), "interrupted; an ensemble of " + ts.members() + " networks "
                        + "keeps no checkpoint, so nothing was saved; run again, or train one network that can resume "
                        + "with --members 1 --checkpoint FILE");
            }
            boolean due = checkpoint != null && state.nextEpoch() % checkpointEvery == 0;
            if (stop || due) {
                try {
                    new Checkpoint(model, state, fingerprint).write(checkpointPath);
                } catch (IOException e) {
                    throw new UserError(ExitCodes.IO, "could not write the checkpoint " + checkpointPath + ": "
                            + e.getMessage(), e);
                }
            }
            if (stop) {
                throw new UserError(128 + signal.get(), "interrupted after epoch " + (state.nextEpoch() - 1)
                        + "; the training state is saved in " + checkpointPath + "; continue with the same command "
                        + "and --resume " + checkpointPath);
            }
            return false;
        };
        AutoencoderTrainer.Outcome outcome;
        int epochs = validation == null ? ts.epochsFor(table.values().rows)
                : ts.training().epochsFor(table.values().rows);
        long started = System.nanoTime();
        try (Progress progress = Progress.start("training", (long) epochs * ts.members(), quiet)) {
            int[] memberAndLast = {0, -1}; // an ensemble's members train in turn, each from epoch 0
            StepObserver observer = StepObserver.epochs((epoch, loss) -> {
                if (epoch < memberAndLast[1]) {
                    memberAndLast[0]++;
                }
                memberAndLast[1] = epoch;
                progress.epoch(memberAndLast[0] * epochs + epoch, loss);
            });
            outcome = new AutoencoderTrainer(ts).fit(table.values(), validation, initModel, table.columns(),
                    provenance, observer, resumed == null ? null : resumed.state(), hook);
        } catch (dev.autoencoder.data.Scaler.OutOfRange e) {
            throw Commands.unscalable(e, data.data, table.columns(), -1); // rows were split and shuffled
        }
        for (String w : outcome.warnings()) {
            err.println("autoencoder: warning: " + w);
        }
        boolean modelToStdout = modelOut.toString().equals("-");
        TrainingResult r = outcome.result();
        // the report, the metrics and the model are written as a set: if one cannot be written, none is
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            if (outDir != null) {
                TrainReport.write(outcome.model(), r, table, outcome.heldOut(), outDir, batch);
            }
            if (metricsOut != null) {
                batch.write(metricsOut, metrics(outcome, ts));
            }
            if (!modelToStdout) {
                byte[] json = ModelFile.toJson(outcome.model()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                batch.write(modelOut, o -> o.write(json));
            }
            batch.commit();
        }
        if (modelToStdout) {
            byte[] json = (ModelFile.toJson(outcome.model()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Outputs.toStdout(o -> o.write(json));
        }
        if (!quiet) {
            // with the model on stdout, the summary goes to stderr
            PrintWriter out = modelToStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
            double[] lh = r.lossHistory();
            double[] vh = r.validationLossHistory();
            out.printf("trained %s on %d rows%s of %s: %d epochs in %.2f s%s%n",
                    Arrays.stream(outcome.model().network().widths()).mapToObj(Integer::toString)
                            .collect(Collectors.joining("-")),
                    outcome.trainRows(), outcome.validationRows() == null ? ""
                            : " (+" + outcome.validationRows().rows + " validation)",
                    data.data, lh.length, r.trainSeconds(), r.stoppedEarly() ? " (stopped early)" : "");
            if (lh.length > 0) {
                out.printf("final training loss %.6g%s%n", lh[lh.length - 1], vh.length == 0 ? ""
                        : String.format(Locale.ROOT, ", validation loss %.6g (best %.6g at epoch %d)",
                                vh[vh.length - 1], vh[r.bestEpoch()], r.bestEpoch()));
            }
            Autoencoder model = outcome.model();
            if (model.members() > 1) {
                out.printf(Locale.ROOT, "an ensemble of %d networks (code widths %s) trained in %.2f s in all; the "
                        + "lines above are the first network's%n", model.members(),
                        java.util.stream.IntStream.range(0, model.members())
                                .mapToObj(m -> Integer.toString(model.member(m).widths()[model.member(m).bottleneckLayer()]))
                                .collect(Collectors.joining(", ")), (System.nanoTime() - started) / 1e9);
            }
            out.printf("wrote %s%s%s%n", modelToStdout ? "the model to standard output" : modelOut, metricsOut == null ? "" : ", " + metricsOut,
                    outDir == null ? "" : ", figures and " + outDir.resolve("report.html"));
        }
        return ExitCodes.OK;
    }

    /** What --metrics-out writes: the loss curves, timings and where the run ran. */
    private AtomicFiles.Writer metrics(AutoencoderTrainer.Outcome outcome, TrainSpec ts) {
        TrainingResult r = outcome.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lossHistory", r.lossHistory());
        m.put("validationLossHistory", r.validationLossHistory());
        m.put("bestEpoch", r.bestEpoch());
        m.put("stoppedEarly", r.stoppedEarly());
        m.put("trainSeconds", r.trainSeconds());
        m.put("epochs", r.lossHistory().length);
        m.put("secondsPerEpoch", r.lossHistory().length == 0 ? 0 : r.trainSeconds() / r.lossHistory().length);
        m.put("trainRows", outcome.trainRows());
        double flops = Workloads.flopsPerEpoch(outcome.model().network().widths(),
                outcome.trainRows());
        m.put("flopsPerEpoch", flops);
        m.put("gflops", r.trainSeconds() > 0 ? flops * r.lossHistory().length / r.trainSeconds() / 1e9 : 0);
        m.put("threads", training.threads() == null ? Runtime.getRuntime().availableProcessors() : training.threads());
        m.put("precision", ts.training().precision().id());
        m.put("kernels", Ops.vectorAvailable() ? "vector" : "plain");
        m.put("validationRows", outcome.validationRows() == null ? 0 : outcome.validationRows().rows);
        return o -> o.write(Json.MAPPER.writeValueAsBytes(m));
    }

    private Map<String, Object> options(TrainSpec ts) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hidden", ts.hidden() == null ? "auto" : ts.hidden());
        o.put("members", ts.members());
        o.put("activations", Arrays.stream(ts.activations()).map(Activation::id).toList());
        o.put("initializer", ts.initializer().id());
        o.put("loss", ts.training().loss().id());
        o.put("optimizer", ts.optimizer().kind().id());
        o.put("learningRate", ts.optimizer().learningRate());
        o.put("momentum", ts.optimizer().momentum());
        o.put("nesterov", ts.optimizer().nesterov());
        o.put("beta1", ts.optimizer().beta1());
        o.put("beta2", ts.optimizer().beta2());
        o.put("epsilon", ts.optimizer().epsilon());
        o.put("weightDecay", ts.optimizer().weightDecay());
        o.put("biasInit", ts.biasInit());
        o.put("minDelta", ts.training().minDelta());
        o.put("batchSize", ts.training().batchSize() == 0 ? "all" : ts.training().batchSize());
        o.put("epochs", ts.training().epochs());
        o.put("minSteps", ts.training().minSteps());
        o.put("codeWeight", ts.codeWeight());
        o.put("validationSplit", ts.validationSplit());
        o.put("patience", ts.training().patience());
        o.put("noise", training.noise() == null ? "none" : training.noise());
        o.put("scaling", ts.scaling().id());
        o.put("init", init == null ? null : init.toString());
        return o;
    }

    private static String difference(Map<String, Object> theirs, Map<String, Object> ours) {
        java.util.List<String> d = new java.util.ArrayList<>();
        for (String k : ours.keySet()) {
            if (!java.util.Objects.equals(theirs.get(k), ours.get(k))) {
                d.add(k + " was " + theirs.get(k) + ", now " + ours.get(k));
            }
        }
        return d.isEmpty() ? "the options differ" : String.join("; ", d);
    }

    static String sha256(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; expected a data file");
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
