package dev.autoencoder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One model, shared by many threads at once, gives each of them what it gives one thread alone. */
class AutoencoderConcurrencyTest {

    @Test
    void manyThreadsScoringOneModelAtOnceGetTheSingleThreadedResults() throws Exception {
        NumpyRandom rng = new NumpyRandom(3);
        Network net = Network.initialize(new int[] {40, 64, 4, 64, 40}, new Activation[] {Activation.TANH,
            Activation.TANH, Activation.TANH, Activation.LINEAR}, Initializer.XAVIER_UNIFORM, 0.0, rng);
        List<String> cols = IntStream.range(0, 40).mapToObj(i -> "c" + i).toList();
        Matrix[] batches = new Matrix[16];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new Matrix(20 + 7 * b, 40);
            for (int i = 0; i < batches[b].data.length; i++) {
                batches[b].data[i] = rng.gauss();
            }
        }
        Autoencoder model = new Autoencoder(net, Scaler.fit(Scaler.Type.STANDARD, batches[0]), cols, Map.of(), Map.of());
        double[][] scores = new double[batches.length][];
        double[][] codes = new double[batches.length][];
        for (int b = 0; b < batches.length; b++) {
            scores[b] = model.score(batches[b]);
            codes[b] = model.encode(batches[b], 2).data;
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int rep = 0; rep < 20; rep++) {
                for (int b = 0; b < batches.length; b++) {
                    int batch = b;
                    futures.add(pool.submit(() -> new double[][] {model.score(batches[batch]),
                        model.encode(batches[batch], 2).data}));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                double[][] got = futures.get(f).get();
                assertArrayEquals(scores[f % batches.length], got[0], 0.0, "scores of batch " + f % batches.length);
                assertArrayEquals(codes[f % batches.length], got[1], 0.0, "codes of batch " + f % batches.length);
            }
        } finally {
            pool.shutdown();
        }
    }
}
