package dev.autoencoder.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values printed by numpy's legacy RandomState and by the MT19937 reference code. */
class NumpyRandomTest {

    @Test
    void firstOutputsMatchMt19937Reference() {
        // mt19937ar.c, init_genrand(5489): the first outputs of genrand_int32.
        NumpyRandom r = new NumpyRandom(5489);
        assertEquals(3499211612L, r.nextUint32());
        assertEquals(581869302L, r.nextUint32());
        assertEquals(3890346734L, r.nextUint32());
    }

    @Test
    void doublesMatchNumpyRandomSample() {
        // np.random.RandomState(14).random_sample() x 3
        NumpyRandom r = new NumpyRandom(14);
        assertEquals(0.5139433437726902, r.nextDouble(), 0.0);
        assertEquals(0.7731650520792968, r.nextDouble(), 0.0);
        assertEquals(0.8704276857248127, r.nextDouble(), 0.0);
    }

    @Test
    void normalsMatchNumpyIncludingTheCachedSecondValue() {
        // np.random.RandomState(0).standard_normal(7)
        double[] expected = {1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458,
            1.8675579901499675, -0.977277879876411, 0.9500884175255894};
        NumpyRandom r = new NumpyRandom(0);
        for (double e : expected) {
            assertEquals(e, r.gauss(), 0.0);
        }
        // np.random.RandomState(14).normal() x 5
        double[] expected14 = {1.551339111253063, 0.07918602460882154, 0.17397652845616982,
            -0.07233656616617674, -2.0043294001721854};
        NumpyRandom r14 = new NumpyRandom(14);
        for (double e : expected14) {
            assertEquals(e, r14.normal(0.0, 1.0), 0.0);
        }
    }

    @Test
    void uniformMatchesNumpyAtTheLargestSeed() {
        // np.random.RandomState(4294967295).uniform(-3, 5, size=3)
        NumpyRandom r = new NumpyRandom(4294967295L);
        assertEquals(-2.2189437680478896, r.uniform(-3, 5), 0.0);
        assertEquals(4.2990627624209745, r.uniform(-3, 5), 0.0);
        assertEquals(3.3122824148131196, r.uniform(-3, 5), 0.0);
    }

    @Test
    void reseedingClearsTheCachedNormal() {
        NumpyRandom r = new NumpyRandom(0);
        r.gauss(); // leaves 0.4001572083672233 cached
        r.seed(0);
        assertEquals(1.764052345967664, r.gauss(), 0.0);
    }

    @Test
    void stateRoundTripContinuesTheSameStream() {
        NumpyRandom a = new NumpyRandom(99);
        a.gauss();
        NumpyRandom.State s = a.state();
        double next = a.gauss();
        double after = a.nextDouble();
        NumpyRandom b = new NumpyRandom(1);
        b.restore(s);
        assertEquals(next, b.gauss(), 0.0);
        assertEquals(after, b.nextDouble(), 0.0);
    }

    @Test
    void splitStreamsDiffer() {
        assertNotEquals(NumpyRandom.split(13, 1).nextDouble(), NumpyRandom.split(13, 2).nextDouble());
        assertEquals(NumpyRandom.split(13, 1).nextDouble(), NumpyRandom.split(13, 1).nextDouble(), 0.0);
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
    }

    /** Printed by numpy 2.4: np.random.RandomState(s).permutation(10), and the first five of permutation(300). */
    @Test
    void permutationIsNumpysLegacyPermutation() {
        assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, new NumpyRandom(0).permutation(10));
        assertArrayEquals(new int[] {2, 9, 6, 4, 0, 3, 1, 7, 8, 5}, new NumpyRandom(1).permutation(10));
        assertArrayEquals(new int[] {3, 8, 4, 9, 2, 6, 0, 1, 5, 7}, new NumpyRandom(4).permutation(10));
        assertArrayEquals(new int[] {208, 188, 12, 221, 239},
                java.util.Arrays.copyOf(new NumpyRandom(0).permutation(300), 5));
        assertArrayEquals(new int[] {293, 166, 18, 43, 241},
                java.util.Arrays.copyOf(new NumpyRandom(4).permutation(300), 5));
    }
}
