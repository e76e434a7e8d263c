package dev.autoencoder.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyRowIsVisitedExactlyOnceForAnyRowAndThreadCount() {
        for (int threads = 1; threads <= 5; threads++) {
            Parallel.setThreads(threads);
            for (int rows = 1; rows <= 200; rows += 7) {
                AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                Parallel.forRows(rows, 6, 1_000_000, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        seen.incrementAndGet(r);
                    }
                });
                for (int r = 0; r < rows; r++) {
                    assertEquals(1, seen.get(r), "row " + r + " of " + rows + " with " + threads + " threads");
                }
            }
        }
    }
}
