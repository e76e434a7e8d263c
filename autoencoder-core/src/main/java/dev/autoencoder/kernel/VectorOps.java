package dev.autoencoder.kernel;

import dev.autoencoder.nn.Activation;

/**
 * {@link Ops} with the heavy kernels on the JDK Vector API: products, bias and column sums, tanh and the
 * sigmoid. Everything else, and shapes too small for vectors to pay, is {@link PlainOps}'s; the two give
 * the same bits, so where the line between them falls changes only the speed. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorOps extends PlainOps {
    /** Multiply-adds below which a product runs in the plain loops (a transpose and a block set-up cost more). */
    private static final long MIN_PRODUCT_WORK = 4_096;
    /** Elements below which an element-wise kernel runs in the plain loops. */
    private static final int MIN_ELEMENTS = 64;

    // this thread's buffer for B^T in products with a transposed B (grown, never shrunk)
    private static final ThreadLocal<double[]> SCRATCH64 = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<float[]> SCRATCH32 = ThreadLocal.withInitial(() -> new float[0]);

    VectorOps(Precision precision, int threads) {
        super(precision, threads);
    }

    @Override
    public void matmul(Tensor a, boolean ta, Tensor b, boolean tb, Tensor out) {
        int n = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols, m = tb ? b.rows : b.cols;
        long work = (long) n * k * m;
        if (work < MIN_PRODUCT_WORK || m < DoubleVectorKernels.lanes()
                || (tb ? b.cols : b.rows) != k || out.rows != n || out.cols != m) {
            super.matmul(a, ta, b, tb, out); // small, or a misfit that the plain version reports
            return;
        }
        boolean d = f64(a, b, out);
        int rs = ta ? 1 : a.cols, cs = ta ? a.cols : 1;
        // the vector blocks read rows of B: a transposed B is copied the right way round first
        if (d) {
            double[] ad = a.doubles(), od = out.doubles(), bd = b.doubles();
            double[] bb = bd;
            if (tb) {
                bb = scratch64(k * m);
                double[] t = bb;
                workers.forRows(m, 8, 8L * k * m, (from, to) -> DoubleKernels.transpose(bd, t, m, k, from, to));
            }
            double[] b2 = bb;
            workers.forRows(n, 4, work, (from, to) -> DoubleVectorKernels.product(ad, rs, cs, b2, od, k, m, from, to));
        } else {
            float[] af = a.floats(), of = out.floats(), bf = b.floats();
            float[] bb = bf;
            if (tb) {
                bb = scratch32(k * m);
                float[] t = bb;
                workers.forRows(m, 8, 8L * k * m, (from, to) -> FloatKernels.transpose(bf, t, m, k, from, to));
            }
            float[] b2 = bb;
            workers.forRows(n, 4, work, (from, to) -> FloatVectorKernels.product(af, rs, cs, b2, of, k, m, from, to));
        }
    }

    private static double[] scratch64(int size) {
        double[] s = SCRATCH64.get();
        if (s.length < size) {
            s = new double[size];
            SCRATCH64.set(s);
        }
        return s;
    }

    private static float[] scratch32(int size) {
        float[] s = SCRATCH32.get();
        if (s.length < size) {
            s = new float[size];
            SCRATCH32.set(s);
        }
        return s;
    }

    @Override
    public void addRowVector(Tensor z, Tensor b) {
        if (z.size() < MIN_ELEMENTS || b.size() != z.cols) {
            super.addRowVector(z, b);
        } else if (f64(z, b)) {
            DoubleVectorKernels.addToRows(z.doubles(), b.doubles(), z.rows, z.cols);
        } else {
            FloatVectorKernels.addToRows(z.floats(), b.floats(), z.rows, z.cols);
        }
    }

    @Override
    public void columnSums(Tensor a, Tensor sums) {
        if (a.size() < MIN_ELEMENTS || sums.size() != a.cols) {
            super.columnSums(a, sums);
        } else if (f64(a, sums)) {
            DoubleVectorKernels.columnSums(a.doubles(), sums.doubles(), a.rows, a.cols);
        } else {
            FloatVectorKernels.columnSums(a.floats(), sums.floats(), a.rows, a.cols);
        }
    }

    @Override
    public void activate(Activation f, Tensor z, Tensor a) {
        int size = z.size();
        if (size < MIN_ELEMENTS || size != a.size() || (f != Activation.TANH && f != Activation.SIGMOID)) {
            super.activate(f, z, a);
        } else if (f64(z, a)) {
            double[] zd = z.doubles(), ad = a.doubles();
            workers.forRows(size, 64, ACTIVATION_COST * size, f == Activation.TANH
                    ? (from, to) -> DoubleVectorMath.tanh(zd, ad, from, to)
                    : (from, to) -> DoubleVectorMath.sigmoid(zd, ad, from, to));
        } else {
            float[] zf = z.floats(), af = a.floats();
            workers.forRows(size, 64, ACTIVATION_COST * size, f == Activation.TANH
                    ? (from, to) -> FloatVectorMath.tanh(zf, af, from, to)
                    : (from, to) -> FloatVectorMath.sigmoid(zf, af, from, to));
        }
    }

    @Override
    public String toString() {
        return "vector kernels (jdk.incubator.vector), " + precision.id() + ", " + threads() + " thread(s)";
    }
}
