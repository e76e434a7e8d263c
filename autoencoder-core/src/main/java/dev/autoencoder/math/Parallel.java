package dev.autoencoder.math;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread count for the kernels, and a way to split rows of an output among threads. Each output
 * element is computed whole by one thread in a fixed order, so results never depend on the thread
 * count. Default: all cores.
 */
public final class Parallel {
    private Parallel() {}

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static ExecutorService pool;

    /** Rows [from, to) of some output. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, found " + n);
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "autoencoder-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /**
     * Runs {@code task} over [0, rows) in up to {@link #threads()} pieces whose boundaries are
     * multiples of {@code align}; small work runs on the calling thread.
     */
    public static void forRows(int rows, int align, long work, RowRange task) {
        int t = threads;
        if (t == 1 || work < 200_000 || rows < 2 * align) {
            task.run(0, rows);
            return;
        }
        int pieces = Math.min(t, rows / align);
        int per = (rows / pieces + align - 1) / align * align;
        List<Future<?>> futures = new ArrayList<>();
        for (int from = per; from < rows; from += per) {
            int f = from, to = Math.min(rows, from + per);
            futures.add(pool().submit(() -> task.run(f, to)));
        }
        task.run(0, Math.min(per, rows));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a kernel thread failed", e.getCause());
            }
        }
    }
}
