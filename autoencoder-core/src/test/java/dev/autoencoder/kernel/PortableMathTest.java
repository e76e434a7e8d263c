package dev.autoencoder.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.random.NumpyRandom;
import org.junit.jupiter.api.Test;

/** {@link PortableMath} against the library's functions (the closed forms), within a few ulps. */
class PortableMathTest {
    @Test
    void tanhIsWithinFourUlpsOfMathTanhInDoubleAndThreeInFloat() {
        NumpyRandom rng = new NumpyRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = rng.gauss() * (i % 3 == 0 ? 1e-6 : i % 3 == 1 ? 2 : 25);
            double t = Math.tanh(x);
            assertEquals(t, PortableMath.tanh(x), 4 * Math.ulp(t), "tanh(" + x + ")");
            float xf = (float) x;
            float tf = (float) Math.tanh(xf);
            assertEquals(tf, PortableMath.tanh(xf), 3 * Math.ulp(tf), "tanh(" + xf + "f)");
        }
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e-320, 19.5};
        for (double x : special) {
            assertEquals(Math.tanh(x), PortableMath.tanh(x), Math.ulp(1.0), "tanh(" + x + ")");
            assertEquals(Math.copySign(1.0, Math.tanh(x)), Math.copySign(1.0, PortableMath.tanh(x)), "sign of tanh(" + x + ")");
        }
    }

    @Test
    void theSigmoidsExponentialIsWithinTwoUlpsOfMathExp() {
        NumpyRandom rng = new NumpyRandom(3);
        for (int i = 0; i < 400_000; i++) {
            double y = i % 4 == 0 ? -708.0 * rng.nextDouble() : -2.0 * rng.nextDouble();
            double want = Math.exp(y); // itself within 1 ulp
            double ulps = Math.abs(PortableMath.expNonPositive(y) - want) / Math.ulp(want);
            assertTrue(ulps <= 2.0, "exp(" + y + "): " + ulps + " ulp from Math.exp");
        }
        assertEquals(1.0, PortableMath.expNonPositive(0.0), 0.0);
        assertEquals(1.0, PortableMath.expNonPositive(-0.0), 0.0);
        assertEquals(Math.exp(-708.0), PortableMath.expNonPositive(-708.0), 2 * Math.ulp(Math.exp(-708.0)));
    }

    @Test
    void sigmoidIsWithinFourUlpsOfTheTextbookFormulaAndKeepsItsTails() {
        NumpyRandom rng = new NumpyRandom(2);
        for (int i = 0; i < 200_000; i++) {
            double z = rng.gauss() * (i % 2 == 0 ? 3 : 30);
            // the textbook formula is accurate where e^-z does not dominate; the tail formula elsewhere
            double expected = z > -30 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
            assertEquals(expected, PortableMath.sigmoid(z), 4 * Math.ulp(expected), "sigmoid(" + z + ")");
        }
        assertEquals(Math.exp(-700), PortableMath.sigmoid(-700.0), 3 * Math.ulp(Math.exp(-700)));
        assertEquals(0.5, PortableMath.sigmoid(0.0), 0.0);
        assertEquals(1.0, PortableMath.sigmoid(800.0), 0.0);
        assertTrue(Double.isNaN(PortableMath.sigmoid(Double.NaN)));
    }

}
