package dev.autoencoder.chapter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference numbers from outside the code under test: SEED-SPEC section 8 (the chapter's own code
 * run with numpy) and the exact numpy draws in {@code numpy-reference/chapter-draws.txt}.
 */
final class ChapterReference {
    static final double[] X0 = {-0.00944856267732682, 0.0341613769249423, 0.05747516609402332};
    static final double[] X1 = {0.7862328127868988, -0.15011686222970955, -0.7057513554165011};
    static final double[] W14_W24_W34 = {0.6084154981793699, -0.575018376808654, 0.7104586690132293};
    static final double W811 = 0.39402712000168205;
    static final double LOSS_0 = 0.6568881290292761;
    static final double LOSS_1000 = 0.4056995274019819;
    static final double LOSS_6000 = 0.027848593520924104;
    static final double LOSS_9999 = 0.008354495195544891;
    static final double TEST_MSE = 0.017047715568290916;
    static final double R = -0.9708714317635186;

    private ChapterReference() {}

    /** The hex-float lines of chapter-draws.txt by key (train-x, train-slope, test-x, test-slope, weights). */
    static Map<String, double[]> draws() {
        Map<String, double[]> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ChapterReference.class.getResourceAsStream("/numpy-reference/chapter-draws.txt"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                double[] v = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    v[i - 1] = Double.parseDouble(parts[i]);
                }
                out.put(parts[0], v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        double err = Math.abs(actual - expected) / Math.abs(expected);
        if (!(err <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + ", found " + actual + " (relative error "
                    + err + " > " + tolerance + ")");
        }
    }
}
