package dev.autoencoder.kernel;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Loss;

/**
 * {@link Ops} in plain Java loops: the reference that {@link VectorOps} must equal bit for bit, and what
 * runs where the Vector API module is absent. Each method checks shapes and precisions, then calls the
 * array kernel of its precision ({@link DoubleKernels}, or {@code FloatKernels}, generated from it).
 */
class PlainOps implements Ops {
    static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile boolean noted;
    /** Work per element of an activation, in multiply-adds (tanh and the sigmoid are a short series each). */
    static final long ACTIVATION_COST = 16;

    final Precision precision;
    final Workers workers;

    PlainOps(Precision precision, int threads) {
        this.precision = precision;
        this.workers = new Workers(threads);
    }

    static Ops shared(Precision p) {
        return p == Precision.FLOAT64 ? Shared.FLOAT64 : Shared.FLOAT32;
    }

    /** The one-thread instances, made on first use. */
    private static final class Shared {
        static final Ops FLOAT64 = VECTOR_MODULE ? new VectorOps(Precision.FLOAT64, 1) : new PlainOps(Precision.FLOAT64, 1);
        static final Ops FLOAT32 = VECTOR_MODULE ? new VectorOps(Precision.FLOAT32, 1) : new PlainOps(Precision.FLOAT32, 1);
    }

    static void noteMissingModule() {
        if (!noted) {
            noted = true;
            System.err.println("autoencoder: the Vector API module is not loaded, so wide layers run on plain loops "
                    + "(several times slower); start the JVM with --add-modules jdk.incubator.vector");
        }
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public int threads() {
        return workers.count();
    }

    /** Whether t (and every tensor checked with it) is float64; fails when its precision is not this one's. */
    final boolean f64(Tensor t) {
        if (t.precision() != precision) {
            throw new IllegalArgumentException("these kernels compute in " + precision.id() + ", found a "
                    + t.precision().id() + " tensor");
        }
        return precision == Precision.FLOAT64;
    }

    final boolean f64(Tensor a, Tensor b) {
        f64(a);
        return f64(b);
    }

    final boolean f64(Tensor a, Tensor b, Tensor c) {
        f64(a);
        f64(b);
        return f64(c);
    }

    final boolean f64(Tensor a, Tensor b, Tensor c, Tensor d) {
        f64(a);
        f64(b);
        f64(c);
        return f64(d);
    }

    static IllegalArgumentException misfit(String op, Tensor... ts) {
        StringBuilder s = new StringBuilder(op).append(": shapes do not fit:");
        for (Tensor t : ts) {
            s.append(' ').append(t);
        }
        return new IllegalArgumentException(s.toString());
    }

    @Override
    public void matmul(Tensor a, boolean ta, Tensor b, boolean tb, Tensor out) {
        int n = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols, m = tb ? b.rows : b.cols;
        if ((tb ? b.cols : b.rows) != k || out.rows != n || out.cols != m) {
            throw misfit("matmul", a, b, out);
        }
        int rs = ta ? 1 : a.cols, cs = ta ? a.cols : 1;
        long work = (long) n * k * m;
        boolean alone = workers.count() == 1 || work < Workers.MIN_WORK;
        if (f64(a, b, out)) {
            double[] ad = a.doubles(), bd = b.doubles(), od = out.doubles();
            if (alone) {
                if (tb) {
                    DoubleKernels.productTransB(ad, rs, cs, bd, od, k, m, 0, n);
                } else {
                    DoubleKernels.product(ad, rs, cs, bd, od, k, m, 0, n);
                }
            } else {
                workers.forRows(n, 4, work, tb ? (from, to) -> DoubleKernels.productTransB(ad, rs, cs, bd, od, k, m, from, to)
                        : (from, to) -> DoubleKernels.product(ad, rs, cs, bd, od, k, m, from, to));
            }
        } else {
            float[] af = a.floats(), bf = b.floats(), of = out.floats();
            if (alone) {
                if (tb) {
                    FloatKernels.productTransB(af, rs, cs, bf, of, k, m, 0, n);
                } else {
                    FloatKernels.product(af, rs, cs, bf, of, k, m, 0, n);
                }
            } else {
                workers.forRows(n, 4, work, tb ? (from, to) -> FloatKernels.productTransB(af, rs, cs, bf, of, k, m, from, to)
                        : (from, to) -> FloatKernels.product(af, rs, cs, bf, of, k, m, from, to));
            }
        }
    }

    @Override
    public void addRowVector(Tensor z, Tensor b) {
        if (!(b.size() == z.cols)) {
            throw misfit("addRowVector", z, b);
        }
        if (f64(z, b)) {
            DoubleKernels.addToRows(z.doubles(), b.doubles(), z.rows, z.cols);
        } else {
            FloatKernels.addToRows(z.floats(), b.floats(), z.rows, z.cols);
        }
    }

    @Override
    public void columnSums(Tensor a, Tensor sums) {
        if (!(sums.size() == a.cols)) {
            throw misfit("columnSums", a, sums);
        }
        if (f64(a, sums)) {
            DoubleKernels.columnSums(a.doubles(), sums.doubles(), a.rows, a.cols);
        } else {
            FloatKernels.columnSums(a.floats(), sums.floats(), a.rows, a.cols);
        }
    }

    @Override
    public void activate(Activation f, Tensor z, Tensor a) {
        if (!(z.size() == a.size())) {
            throw misfit("activate", z, a);
        }
        // element by element, so splitting the range over threads changes nothing
        int size = z.size();
        if (f64(z, a)) {
            double[] zd = z.doubles(), ad = a.doubles();
            workers.forRows(size, 64, ACTIVATION_COST * size, (from, to) -> DoubleKernels.activate(f, zd, ad, from, to));
        } else {
            float[] zf = z.floats(), af = a.floats();
            workers.forRows(size, 64, ACTIVATION_COST * size, (from, to) -> FloatKernels.activate(f, zf, af, from, to));
        }
    }

    @Override
    public void activationBackward(Activation f, Tensor z, Tensor a, Tensor dA, Tensor dZ) {
        int size = z.size();
        if (!(a.size() == size && dA.size() == size && dZ.size() == size)) {
            throw misfit("activationBackward", z, a, dA, dZ);
        }
        if (f64(z, a, dA, dZ)) {
            double[] zd = z.doubles(), ad = a.doubles(), gd = dA.doubles(), od = dZ.doubles();
            workers.forRows(size, 64, 2L * size, (from, to) -> DoubleKernels.activationBackward(f, zd, ad, gd, od, from, to));
        } else {
            float[] zf = z.floats(), af = a.floats(), gf = dA.floats(), of = dZ.floats();
            workers.forRows(size, 64, 2L * size, (from, to) -> FloatKernels.activationBackward(f, zf, af, gf, of, from, to));
        }
    }

    @Override
    public double loss(Loss loss, Tensor out, Tensor target, Tensor grad) {
        if (!(out.rows == target.rows && out.cols == target.cols
                && (grad == null || (grad.rows == out.rows && grad.cols == out.cols)))) {
            throw misfit("loss", out, target);
        }
        int n = out.rows, w = out.cols;
        double sum = 0.0;
        if (grad == null ? f64(out, target) : f64(out, target, grad)) {
            double[] rows = new double[n];
            DoubleKernels.loss(out.doubles(), target.doubles(), grad == null ? null : grad.doubles(), n, w,
                    loss.divisor(w), loss.gradientScale(w), rows);
            for (double r : rows) {
                sum += r;
            }
        } else {
            float[] rows = new float[n];
            FloatKernels.loss(out.floats(), target.floats(), grad == null ? null : grad.floats(), n, w,
                    (float) loss.divisor(w), (float) loss.gradientScale(w), rows);
            for (float r : rows) {
                sum += r;
            }
        }
        return sum;
    }

    @Override
    public void divide(Tensor t, double by) {
        if (f64(t)) {
            DoubleKernels.divide(t.doubles(), by);
        } else {
            FloatKernels.divide(t.floats(), (float) by);
        }
    }

    @Override
    public void sgd(Tensor w, Tensor g, double rate) {
        if (!(w.size() == g.size())) {
            throw misfit("sgd", w, g);
        }
        if (f64(w, g)) {
            DoubleKernels.sgd(w.doubles(), g.doubles(), rate);
        } else {
            FloatKernels.sgd(w.floats(), g.floats(), (float) rate);
        }
    }

    @Override
    public void momentum(Tensor w, Tensor g, Tensor v, double rate, double mu, boolean nesterov) {
        if (!(w.size() == g.size() && w.size() == v.size())) {
            throw misfit("momentum", w, g, v);
        }
        if (f64(w, g, v)) {
            DoubleKernels.momentum(w.doubles(), g.doubles(), v.doubles(), rate, mu, nesterov);
        } else {
            FloatKernels.momentum(w.floats(), g.floats(), v.floats(), (float) rate, (float) mu, nesterov);
        }
    }

    @Override
    public void adam(Tensor w, Tensor g, Tensor m, Tensor v, AdamStep s) {
        int size = w.size();
        if (!(g.size() == size && m.size() == size && v.size() == size)) {
            throw misfit("adam", w, g, m, v);
        }
        // element by element, so splitting the range over threads changes nothing
        if (f64(w, g, m, v)) {
            double[] wd = w.doubles(), gd = g.doubles(), md = m.doubles(), vd = v.doubles();
            workers.forRows(size, 64, 8L * size, (from, to) -> DoubleKernels.adam(wd, gd, md, vd, from, to, s.beta1(),
                    s.beta2(), s.epsilon(), s.l2(), s.decay(), s.stepSize(), s.inverseRootC2()));
        } else {
            float[] wf = w.floats(), gf = g.floats(), mf = m.floats(), vf = v.floats();
            float b1 = (float) s.beta1(), b2 = (float) s.beta2(), eps = (float) s.epsilon(), l2 = (float) s.l2();
            float decay = (float) s.decay(), step = (float) s.stepSize(), root = (float) s.inverseRootC2();
            workers.forRows(size, 64, 8L * size,
                    (from, to) -> FloatKernels.adam(wf, gf, mf, vf, from, to, b1, b2, eps, l2, decay, step, root));
        }
    }

    @Override
    public void gatherRows(Tensor src, int[] order, int from, Tensor dst) {
        if (!(src.cols == dst.cols && from >= 0 && from + dst.rows <= order.length)) {
            throw misfit("gatherRows", src, dst);
        }
        if (f64(src, dst)) {
            DoubleKernels.gatherRows(src.doubles(), order, from, dst.doubles(), dst.cols);
        } else {
            FloatKernels.gatherRows(src.floats(), order, from, dst.floats(), dst.cols);
        }
    }

    @Override
    public void close() {
        workers.close();
    }

    @Override
    public String toString() {
        return "plain loops, " + precision.id() + ", " + threads() + " thread(s)";
    }
}
