package dev.autoencoder.cli.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * One training run of the dashboard: the JSON events it has sent so far (progress, snapshots, the result),
 * which every browser tab watching it replays from the start, a stop request, and whatever the run keeps for
 * downloads and questions afterwards.
 */
final class Job {
    final String id;
    final String kind;
    private final List<String> events = new ArrayList<>();
    private boolean finished;
    private volatile boolean stopRequested;
    /** What a finished run keeps for later requests (the network for `explain`, the model for downloads). */
    volatile Object outcome;

    Job(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    synchronized void emit(String json) {
        events.add(json);
        notifyAll();
    }

    /** The last event; no more follow. */
    synchronized void finish(String json) {
        events.add(json);
        finished = true;
        notifyAll();
    }

    synchronized boolean finished() {
        return finished;
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /**
     * The events from {@code from} on, waiting up to {@code millis} for one when there are none yet; an empty
     * list when the wait ran out, null when the run has finished and every event was read.
     */
    synchronized List<String> after(int from, long millis) throws InterruptedException {
        if (from >= events.size() && !finished) {
            wait(millis);
        }
        if (from >= events.size()) {
            return finished ? null : List.of();
        }
        return new ArrayList<>(events.subList(from, events.size()));
    }
}
