package dev.autoencoder.bench.jmh;

import dev.autoencoder.math.Kernels;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.math.Parallel;
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
 * The matrix product of one layer's forward pass, (batch x in)(in x out), five ways: the plain
 * loops (the baseline: compare the scores of one run), the scalar fused-multiply-add reference, the
 * row-wise plain loops used without the Vector API, this project's vector kernel, and
 * dev.ludovic.netlib's BLAS dgemm: its pure-Java Vector API implementation ({@code netlibJava}) and
 * whatever {@code BLAS.getInstance()} picks ({@code netlibDefault}: a native BLAS through JNI when the
 * system has one). One thread throughout (the library's dgemm is single-threaded).
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
// the launcher's object alignment, which puts the products' packed copy of B on cache-line boundaries
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64"})
public class KernelBenchmark {
    /** batch x inputs x outputs: W2's first layer, its bottleneck, and the chapter's first layer. */
    @Param({"128x256x128", "128x128x32", "12x3x2"})
    public String shape;

    Matrix x;
    Matrix w;
    Matrix wt;
    Matrix out;
    double[] bias;

    double[] colMajorOut;
    BLAS netlibJava;
    BLAS netlibDefault;

    @Setup
    public void setUp() {
        Parallel.setThreads(1);
        netlibJava = JavaBLAS.getInstance();
        netlibDefault = BLAS.getInstance();
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
        colMajorOut = new double[n * m];
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
    public Matrix rowLoops() {
        Kernels.rowFma(x.data, x.cols, 1, wt.data, out.data, x.cols, wt.cols, 0, x.rows, false);
        return out;
    }

    /** Row-major C = X Wt is column-major C^T = Wt^T X^T: dgemm on the same arrays, operands swapped. */
    private double[] dgemm(BLAS blas) {
        int n = x.rows, k = x.cols, m = wt.cols;
        blas.dgemm("N", "N", m, n, k, 1.0, wt.data, m, x.data, k, 0.0, colMajorOut, m);
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

    @Benchmark
    public Matrix vectorKernel() {
        Kernels.matmul(x, wt, out, false);
        return out;
    }
}
