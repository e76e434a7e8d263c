package dev.autoencoder.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small-network lane kernels stay on plain loops for short runs and switch once compiled in long ones. */
class VectorWarmupTest {

    @Test
    void longRunsSwitchToTheVectorLanesOnceTheBackgroundCompileIsDone() throws InterruptedException {
        assertTrue(LaneKernels.vectorAvailable(), "surefire runs with the Vector API");
        for (long s = 0; s < VectorWarmup.WARM_UP_AFTER_STEPS; s++) {
            VectorWarmup.useVectors();
        }
        long deadline = System.nanoTime() + CompileProbe.GIVE_UP_NANOS + 20_000_000_000L;
        while (!VectorWarmup.useVectors() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(VectorWarmup.useVectors(), "switched");
    }
}
