package dev.autoencoder.cli;

/**
 * Ctrl-C during training: instead of dying mid-step, the run finishes its epoch, writes a checkpoint
 * and exits with 130. Uses the JDK's signal API (jdk.unsupported); where it is missing, Ctrl-C keeps
 * its default meaning.
 */
final class Interrupts {
    private Interrupts() {}

    @SuppressWarnings("removal")
    static void onSigint(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> action.run());
        } catch (Throwable e) {
            // no signal support here: the default handler stays
        }
    }
}
