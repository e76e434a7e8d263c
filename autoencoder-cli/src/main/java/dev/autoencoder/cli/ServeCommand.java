package dev.autoencoder.cli;

import dev.autoencoder.cli.serve.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code autoencoder serve}: the interactive dashboard in a browser, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the interactive dashboard: the chapter's network with sliders that retrain it, and "
                + "data mode for your own tables. Listens on 127.0.0.1 unless --host says otherwise; stops on "
                + "Ctrl-C (exit 130) or SIGTERM (exit 143).", "See docs/dashboard.md."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", description = "CSV files to offer in data mode.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--max-jobs", paramLabel = "N", description = "Trainings at once (default: ${DEFAULT-VALUE}).")
    int maxJobs = 2;

    @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest upload (default: ${DEFAULT-VALUE}).")
    int maxUploadMb = 50;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCodes.USAGE, "--port must be 0 to 65535, found " + port);
        }
        if (maxJobs < 1 || maxJobs > 64 || maxUploadMb < 1 || maxUploadMb > 4096) {
            throw new UserError(ExitCodes.USAGE, "--max-jobs must be 1 to 64 and --max-upload-mb 1 to 4096, found "
                    + maxJobs + " and " + maxUploadMb);
        }
        for (Path f : data) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new UserError(66, "--data " + f + ": no readable file there; expected a CSV file");
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger signal = new AtomicInteger();
        Interrupts.onStop(sig -> {
            signal.set(sig);
            stop.countDown();
        });
        Dashboard dashboard;
        try {
            dashboard = new Dashboard(host, port, data, new Dashboard.Limits(maxJobs, maxUploadMb * 1024L * 1024L));
        } catch (java.net.BindException e) {
            throw new UserError(ExitCodes.IO, "cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); expected a free port: pick another with --port (0 picks one)");
        }
        try (dashboard) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("dashboard: " + dashboard.uri() + "  (Ctrl-C stops it)");
            out.flush();
            stop.await();
        }
        return 128 + signal.get();
    }
}
