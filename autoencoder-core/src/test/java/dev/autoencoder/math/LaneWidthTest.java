package dev.autoencoder.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the kernel tests a second time on 256-bit vectors ({@code -XX:MaxVectorSize=32}, the surefire
 * execution {@code lanes256}), so an AVX-512 machine also tests the 4-lane code an AVX2 machine runs. This checks
 * that the run got the width it asked for, so it cannot quietly test the 8-lane code twice.
 */
class LaneWidthTest {

    @Test
    void theVectorsHaveTheWidthTheRunAskedFor() {
        String expected = System.getProperty("autoencoder.test.doubleLanes");
        assumeTrue(expected != null, "only in the lanes256 run");
        assumeTrue(Kernels.VECTOR, "needs the Vector API");
        // a machine whose vectors are narrower than asked for (128-bit NEON or SSE) cannot run the width at all
        assumeTrue(VectorKernels.lanes() >= Integer.parseInt(expected), "the machine's vectors are narrower");
        assertEquals(Integer.parseInt(expected), VectorKernels.lanes(), "double lanes");
        assertTrue(LaneKernels.pairStepRuns(VectorKernels.PAIR_STRIDE), "the one-call small-network step runs on 4 lanes too");
    }
}
