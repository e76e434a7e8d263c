package dev.autoencoder.bench.jmh;

import dev.autoencoder.kernel.Ops;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.math.Matrix;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
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
 * The matrix product of one layer's forward pass, (batch x in)(in x out), four ways: this project's plain
 * reference kernels (the baseline: compare the scores of one run), its Vector API kernels, and
 * dev.ludovic.netlib's BLAS dgemm: its pure-Java Vector API implementation ({@code netlibJava}) and whatever
 * {@code BLAS.getInstance()} picks ({@code netlibDefault}: a native BLAS through JNI when the system has one).
 * One thread throughout (the library's dgemm is single-threaded).
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

    Tensor x;
    Tensor wt;
    Tensor out;
    Ops plain;
    Ops vector;
    double[] colMajorOut;
    BLAS netlibJava;
    BLAS netlibDefault;

    @Setup
    public void setUp() {
        netlibJava = JavaBLAS.getInstance();
        netlibDefault = BLAS.getInstance();
        plain = Ops.plain(Precision.FLOAT64, 1);
        vector = Ops.create(Precision.FLOAT64, 1);
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), k = Integer.parseInt(s[1]), m = Integer.parseInt(s[2]);
        NumpyRandom rng = new NumpyRandom(1);
        Matrix xm = new Matrix(n, k), wtm = new Matrix(k, m);
        for (int i = 0; i < xm.data.length; i++) {
            xm.data[i] = rng.gauss();
        }
        for (int i = 0; i < wtm.data.length; i++) {
            wtm.data[i] = rng.gauss();
        }
        x = Tensor.wrap(xm);
        wt = Tensor.wrap(wtm);
        out = Tensor.zeros(Precision.FLOAT64, n, m);
        colMajorOut = new double[n * m];
    }

    @Benchmark
    public Tensor plainKernels() {
        plain.matmul(x, false, wt, false, out);
        return out;
    }

    @Benchmark
    public Tensor vectorKernels() {
        vector.matmul(x, false, wt, false, out);
        return out;
    }

    /** Row-major C = X Wt is column-major C^T = Wt^T X^T: dgemm on the same arrays, operands swapped. */
    private double[] dgemm(BLAS blas) {
        int n = x.rows, k = x.cols, m = wt.cols;
        blas.dgemm("N", "N", m, n, k, 1.0, wt.doubles(), m, x.doubles(), k, 0.0, colMajorOut, m);
        return colMajorOut;
    }

    @Benchmark
    public double[] netlibJava() {
        return dgemm(netlibJava);
    }

    @Benchmark
    public double[] netlibDefault() {
        return dgemm(netlibDefault);
    }
}
