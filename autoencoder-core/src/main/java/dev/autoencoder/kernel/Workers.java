package dev.autoencoder.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads of one {@link Ops} instance, and a way to split the rows of an output among them.
 * Each output element is computed whole by one thread in a fixed order, so results never depend on the
 * thread count.
 *
 * <p>A training step hands dozens of products of well under a millisecond each to the workers, so the
 * hand-off must cost microseconds, not the tens of microseconds of waking a parked thread: the workers
 * spin briefly after each task (then park), and the caller spins until they are done; both yield the core
 * after a short spin, so programs sharing the cores do not wait on each other's spinning. One caller at a
 * time: an {@code Ops} with more than one thread belongs to one training run.
 */
final class Workers implements AutoCloseable {
    /** Rows [from, to) of some output. */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    /** Work (multiply-adds or elements) below which splitting costs more than it saves. */
    static final long MIN_WORK = 100_000;

    private final int count;
    private Thread[] threads;
    private volatile int generation;
    private volatile boolean closed;
    private volatile RowRange task;
    private volatile int rows;
    private volatile int per;
    private volatile int used;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;

    /** {@code count} threads in all, the caller's included; the others start on first use. */
    Workers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    /**
     * Runs {@code task} over [0, rows) in up to {@link #count()} pieces whose boundaries are multiples of
     * {@code align}; small work runs on the calling thread.
     */
    void forRows(int rows, int align, long work, RowRange task) {
        if (count == 1 || work < MIN_WORK || rows < 2 * align) {
            task.run(0, rows);
            return;
        }
        int pieces = Math.min(count, rows / align);
        // ceil(rows / pieces), rounded up to the alignment: never more pieces than threads
        int per = ((rows + pieces - 1) / pieces + align - 1) / align * align;
        int used = (rows + per - 1) / per;
        if (used <= 1) {
            task.run(0, rows);
            return;
        }
        run(task, rows, per, used);
    }

    private synchronized void run(RowRange t, int rows, int per, int used) {
        if (closed) {
            throw new IllegalStateException("these kernels have been closed");
        }
        if (threads == null) {
            threads = new Thread[count - 1];
            for (int w = 0; w < threads.length; w++) {
                int piece = w + 1;
                threads[w] = new Thread(() -> loop(piece), "autoencoder-kernel-" + piece);
                threads[w].setDaemon(true);
                threads[w].start();
            }
        }
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
        for (int spins = 0; pending.get() > 0; spins++) {
            pause(spins);
        }
        if (failure != null) {
            throw new IllegalStateException("a kernel thread failed: " + failure, failure);
        }
    }

    private void loop(int piece) {
        int seen = 0;
        while (!closed) {
            long spinUntil = System.nanoTime() + 200_000;
            int g;
            for (int spins = 0; (g = generation) == seen && !closed; spins++) {
                if (System.nanoTime() < spinUntil) {
                    pause(spins);
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
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

    /**
     * One turn of a wait: a spin at first, then a yield, so that when other programs (or other trainings)
     * want the cores too, the thread being waited for gets one instead of a spinning waiter keeping it.
     * Measured: two `evaluate` runs on musk at once on 2 cores took 52 s each with pure spinning, against 9 s
     * for one alone.
     */
    private static void pause(int spins) {
        if (spins < 1_000) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Stops the threads; later calls fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (threads != null) {
            for (Thread th : threads) {
                LockSupport.unpark(th);
            }
        }
    }
}
