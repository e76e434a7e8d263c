package dev.autoencoder.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code autoencoder} command: a thin shell over the library. Each subcommand parses, calls one
 * library API and prints; failures are one line on stderr with an exit code (see {@link ExitCodes}),
 * and a stack trace only with {@code --verbose}.
 */
@Command(name = "autoencoder", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dense autoencoders on the JVM, from the chapter's 3-2-1-2-3 network to real data.")
public final class Main implements Runnable {

    /** The subcommands, in the order help lists them; each one's name is its {@code @Command} name. */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(DemoCommand.class,
            ExplainCommand.class, TrainCommand.class, EncodeCommand.class, ReconstructCommand.class,
            ScoreCommand.class, EvaluateCommand.class, InspectCommand.class, ExportCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the full stack trace.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: demo, explain, train, encode, reconstruct, score, evaluate, inspect or bench");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams and returns the exit code (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        // picocli builds each registered command's model by reflection, which a fresh JVM does slowly: when the
        // command is named (the first argument that is not an option; Main's own options take no values), only
        // that one is registered, so its work starts sooner ('bench' began its kernel warm-up 0.17-0.25 s after
        // the JVM started, against 0.25-0.32 s with all registered). Otherwise (top-level help, a misspelt name,
        // "help") all are, for the listing and the suggestions.
        String named = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        boolean known = !named.equals("help") && COMMANDS.stream().anyMatch(c -> nameOf(c).equals(named));
        for (Class<?> c : COMMANDS) {
            if (!known || nameOf(c).equals(named)) {
                cli.addSubcommand(c); // picocli instantiates it and takes its name from the annotation
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            String where = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(where + ": " + ex.getMessage() + " (see '" + where + " --help')");
            if (main.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code;
            String message;
            if (ex instanceof UserError u) {
                code = u.exitCode();
                message = u.getMessage();
            } else if (ex instanceof dev.autoencoder.data.Scaler.OutOfRange r) {
                code = ExitCodes.DATA;
                message = "column " + (r.column + 1) + (r.row < 0 ? "" : ", row " + (r.row + 1)) + ": " + r.getMessage()
                        + "; bring the column to a smaller range (other units)";
            } else if (ex instanceof dev.autoencoder.data.DataException) {
                code = ExitCodes.DATA;
                message = Flags.forCli(ex.getMessage());
            } else if (ex instanceof dev.autoencoder.train.TrainingDivergedException) {
                code = ExitCodes.FAILURE;
                message = ex.getMessage();
            } else if (ex instanceof java.io.IOException io) {
                code = ExitCodes.IO;
                message = ioMessage(io);
            } else if (ex instanceof IllegalArgumentException) {
                code = ExitCodes.USAGE;
                message = Flags.forCli(ex.getMessage());
            } else {
                code = ExitCodes.FAILURE;
                message = "internal error: " + ex + " (run again with --verbose for the stack trace and report it)";
            }
            if (!message.isEmpty()) { // an empty message: nothing to say (a closed pipe)
                err.println("autoencoder: " + message);
            }
            if (main.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("autoencoder: out of memory (" + e.getMessage() + "); give Java more with "
                    + "AUTOENCODER_JAVA_OPTS=-Xmx8g, or use a smaller --batch-size, narrower layers or fewer rows");
            if (main.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.IO;
        }
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    static String ioMessage(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file; check the path";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied; check the file's permissions";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be read or written" : f.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"autoencoder " + (v == null ? "development" : v)};
        }
    }
}
