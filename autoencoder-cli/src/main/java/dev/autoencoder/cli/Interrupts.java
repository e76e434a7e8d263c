package dev.autoencoder.cli;

/**
 * Stopping a training run from outside: Ctrl-C (SIGINT), and SIGTERM and SIGHUP, which {@code timeout},
 * Docker, Kubernetes and SLURM send, or a closed terminal. Instead of dying mid-step, the run finishes its
 * epoch, writes a checkpoint and exits with 128 + the signal's number (130, 143, 129). Uses the JDK's signal
 * API (jdk.unsupported); where it is missing, the signals keep their default meaning.
 */
final class Interrupts {
    private Interrupts() {}

    /** The signals a run stops on, with their numbers. */
    private static final String[] NAMES = {"INT", "TERM", "HUP"};

    /** Calls {@code action} with the signal's number when one of them arrives. */
    @SuppressWarnings("removal")
    static void onStop(java.util.function.IntConsumer action) {
        for (String name : NAMES) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.accept(sig.getNumber()));
            } catch (Throwable e) {
                // no such signal or no signal support here: the default handler stays
            }
        }
    }
}
