package dev.autoencoder.bench.jmh;

import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.random.NumpyRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix product of one layer's forward pass, (batch x in)(in x out), three ways: the plain
 * loops (the chapter-exact path), the scalar fused-multiply-add reference, and the vector kernel.
 * The plain loops are the baseline: compare the scores of one run.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar autoencoder-bench/target/benchmarks.jar KernelBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    /** batch x inputs x outputs: W2's first layer, its bottleneck, and the chapter's first layer. */
    @Param({"128x256x128", "128x128x32", "12x3x2"})
    public String shape;

    Matrix x;
    Matrix w;
    Matrix wt;
    Matrix out;
    double[] bias;

    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), k = Integer.parseInt(s[1]), m = Integer.parseInt(s[2]);
        NumpyRandom rng = new NumpyRandom(1);
        x = new Matrix(n, k);
        w = new Matrix(m, k);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.gauss();
        }
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = rng.gauss();
        }
        wt = new Matrix(k, m);
        Kernels.transpose(w, wt);
        out = new Matrix(n, m);
        bias = new double[m];
    }

    @Benchmark
    public Matrix plainLoops() {
        Kernels.gemmTransBAddBias(x, w, bias, out);
        return out;
    }

    @Benchmark
    public Matrix fmaReference() {
        Kernels.fmaReference(x, wt, out, false);
        return out;
    }

    @Benchmark
    public Matrix vectorKernel() {
        Kernels.matmul(x, wt, out, false);
        return out;
    }
}
