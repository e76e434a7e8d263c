package dev.autoencoder.math;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread count for the kernels, and a way to split rows of an output among threads. Each output
 * element is computed whole by one thread in a fixed order, so results never depend on the thread
 * count. Default: all cores.
 *
 * <p>A training step hands dozens of products of well under a millisecond each to the workers, so
 * the hand-off must cost microseconds, not the tens of microseconds of waking a parked thread: the
 * workers spin briefly after each task (and then park), and the caller spins until they are done.
 */
public final class Parallel {
    private Parallel() {}

    /** Rows [from, to) of some output. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static Workers workers;

    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, found " + n);
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    private static synchronized Workers workers(int count) {
        if (workers == null || workers.size() != count) {
            workers = new Workers(count);
        }
        return workers;
    }

    /**
     * Runs {@code task} over [0, rows) in up to {@link #threads()} pieces whose boundaries are
     * multiples of {@code align}; small work runs on the calling thread.
     */
    public static void forRows(int rows, int align, long work, RowRange task) {
        int t = threads;
        if (t == 1 || work < 100_000 || rows < 2 * align) {
            task.run(0, rows);
            return;
        }
        int pieces = Math.min(t, rows / align);
        // ceil(rows / pieces), rounded up to the alignment: never more pieces than threads
        int per = ((rows + pieces - 1) / pieces + align - 1) / align * align;
        int used = (rows + per - 1) / per;
        if (used <= 1) {
            task.run(0, rows);
            return;
        }
        workers(t - 1).run(task, rows, per, used);
    }

    /** Long-lived daemon workers; one call at a time (the kernels are called from one thread). */
    private static final class Workers {
        private final Thread[] threads;
        private volatile int generation;
        private volatile RowRange task;
        private volatile int rows;
        private volatile int per;
        private volatile int used;
        private final AtomicInteger pending = new AtomicInteger();
        private volatile Throwable failure;

        Workers(int count) {
            threads = new Thread[count];
            for (int w = 0; w < count; w++) {
                int piece = w + 1;
                threads[w] = new Thread(() -> loop(piece), "autoencoder-kernel-" + piece);
                threads[w].setDaemon(true);
                threads[w].start();
            }
        }

        int size() {
            return threads.length;
        }

        private void loop(int piece) {
            int seen = 0;
            while (true) {
                long spinUntil = System.nanoTime() + 200_000;
                int g;
                while ((g = generation) == seen) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = g;
                try {
                    if (piece < used) {
                        int from = piece * per;
                        task.run(from, Math.min(rows, from + per));
                    }
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        synchronized void run(RowRange t, int rows, int per, int used) {
            this.task = t;
            this.rows = rows;
            this.per = per;
            this.used = used;
            this.failure = null;
            pending.set(threads.length);
            generation++;
            for (Thread th : threads) {
                LockSupport.unpark(th);
            }
            t.run(0, Math.min(rows, per));
            while (pending.get() > 0) {
                Thread.onSpinWait();
            }
            if (failure != null) {
                throw new IllegalStateException("a kernel thread failed", failure);
            }
        }
    }
}
