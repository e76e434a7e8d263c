package dev.autoencoder.bench.jmh;

import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.SlopedLines;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.nn.Network;
import dev.autoencoder.nn.Parameter;
import dev.autoencoder.nn.SmallNetworkPass;
import dev.autoencoder.random.NumpyRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One gradient computation (forward, loss, backward) of the chapter's 3-2-1-2-3 network on its 12
 * samples, two ways: layer by layer on row-major matrices (the baseline) and with
 * {@link SmallNetworkPass} (samples along the vector lanes). Both give the same bits; compare the
 * times of one run.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar autoencoder-bench/target/benchmarks.jar SmallNetworkBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SmallNetworkBenchmark {
    Network network;
    List<Parameter> params;
    SmallNetworkPass pass;
    Matrix x;
    Matrix gradient;

    @Setup
    public void setUp() {
        x = SlopedLines.generate(14, 12).x();
        network = Network.initialize(DemoConfig.CHAPTER.layers(), DemoConfig.CHAPTER.activations(),
                Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(13));
        params = network.parameters();
        pass = SmallNetworkPass.forNetwork(network);
        gradient = new Matrix(x.rows, x.cols);
    }

    private void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Benchmark
    public double layerByLayer() {
        zeroGrad();
        Matrix out = network.forward(x);
        double loss = Loss.MSE.sum(out, x);
        Loss.MSE.gradient(out, x, gradient);
        network.backward(gradient);
        return loss;
    }

    @Benchmark
    public double lanes() {
        zeroGrad();
        return pass.step(x, x, Loss.MSE);
    }
}
