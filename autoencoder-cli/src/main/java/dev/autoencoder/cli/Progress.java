package dev.autoencoder.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A training progress bar (epoch, loss, time left) on an interactive terminal; silent when output is
 * not a terminal or with --quiet, so pipes and logs stay clean.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private long lastUpdate;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when stderr is a terminal and not quiet; otherwise one that does nothing. */
    static Progress start(String task, long epochs, boolean quiet) {
        if (quiet || System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" epochs", 1).setUpdateIntervalMillis(200)
                .build();
        return new Progress(bar);
    }

    void epoch(int epoch, double loss) {
        if (bar == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastUpdate > 50_000_000L) {
            lastUpdate = now;
            bar.stepTo(epoch + 1L);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g", loss));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
