package dev.autoencoder.data;

import dev.autoencoder.math.Matrix;
import java.util.Locale;

/**
 * Per-column input scaling, fitted on training rows only and stored with the model:
 * {@code scaled = (x - offset) / scale}.
 *
 * <ul>
 *   <li>{@code standard}: offset = column mean, scale = population standard deviation;
 *   <li>{@code minmax}: offset = column minimum, scale = max - min (values land in [0, 1]);
 *   <li>{@code none}: offset 0, scale 1.
 * </ul>
 * A constant column gets scale 1, so it maps to 0 instead of dividing by zero.
 */
public record Scaler(Type type, double[] offset, double[] scale) implements java.io.Serializable {

    /** How columns are scaled: to mean 0 and standard deviation 1, to [0, 1], or not at all. */
    public enum Type {
        STANDARD, MINMAX, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String s) {
            for (Type t : values()) {
                if (t.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown scaling '" + s + "'; expected standard, minmax or none");
        }
    }

    public Scaler {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("scaler: offset and scale differ in length");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!Double.isFinite(offset[i]) || !Double.isFinite(scale[i]) || scale[i] <= 0) {
                throw new IllegalArgumentException("scaler: column " + (i + 1) + " has offset " + offset[i]
                        + " and scale " + scale[i] + "; expected finite numbers and a positive scale");
            }
        }
    }

    /**
     * A value that scaling would turn into infinity (say 1e308 against a scale below 1), or a column whose
     * span is beyond double precision: where it is (row -1 when the column as a whole is the problem).
     */
    public static final class OutOfRange extends RuntimeException {
        public final int row;
        public final int column;
        public final double value;

        OutOfRange(int row, int column, double value, String why) {
            super(why);
            this.row = row;
            this.column = column;
            this.value = value;
        }
    }

    /** Fits on the rows of x (the training rows: never validation or test rows). */
    public static Scaler fit(Type type, Matrix x) {
        int d = x.cols;
        double[] mean = new double[d], sd = new double[d], min = new double[d], max = new double[d];
        for (int c = 0; c < d; c++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < x.rows; r++) {
                double v = x.get(r, c);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            // values near the end of double's range would overflow the sums: work on them divided by a power
            // of two (exact), which leaves ordinary columns' arithmetic as it always was
            double big = Math.max(Math.abs(lo), Math.abs(hi));
            double unit = big > 1e150 ? Math.scalb(1.0, Math.getExponent(big)) : 1.0;
            double m = 0;
            for (int r = 0; r < x.rows; r++) {
                m += x.get(r, c) / unit;
            }
            m /= x.rows;
            double ss = 0;
            for (int r = 0; r < x.rows; r++) {
                double dv = x.get(r, c) / unit - m;
                ss += dv * dv;
            }
            mean[c] = m * unit;
            sd[c] = Math.sqrt(ss / x.rows) * unit;
            min[c] = lo;
            max[c] = hi;
        }
        return fromStatistics(type, mean, sd, min, max);
    }

    /**
     * The scaler for columns with these statistics (population standard deviation), however they were
     * computed (here, or summed over Spark partitions): the one place the rules live.
     */
    public static Scaler fromStatistics(Type type, double[] mean, double[] sd, double[] min, double[] max) {
        int d = mean.length;
        if (type == Type.NONE) {
            return none(d);
        }
        double[] off = new double[d];
        double[] sc = new double[d];
        for (int c = 0; c < d; c++) {
            if (type == Type.STANDARD) {
                off[c] = mean[c];
                sc[c] = sd[c] > 1e-12 * Math.max(1, Math.abs(mean[c])) ? sd[c] : 1.0;
            } else {
                off[c] = min[c];
                double range = max[c] - min[c];
                if (range == Double.POSITIVE_INFINITY) {
                    throw new OutOfRange(-1, c, max[c], "values from " + min[c] + " to " + max[c] + " span more than "
                            + "double precision holds, so min-max scaling overflows");
                }
                sc[c] = range > 1e-12 * Math.max(1, Math.abs(min[c])) ? range : 1.0;
            }
        }
        return new Scaler(type, off, sc);
    }

    public static Scaler none(int width) {
        double[] sc = new double[width];
        java.util.Arrays.fill(sc, 1.0);
        return new Scaler(Type.NONE, new double[width], sc);
    }

    public int width() {
        return scale.length;
    }

    /** A scaled copy of x. */
    public Matrix transform(Matrix x) {
        Matrix out = new Matrix(x.rows, x.cols);
        transform(x, out);
        return out;
    }

    public void transform(Matrix x, Matrix out) {
        check(x);
        int d = x.cols;
        for (int i = 0; i < x.data.length; i++) {
            int c = i % d;
            double v = (x.data[i] - offset[c]) / scale[c];
            if (Double.isInfinite(v)) {
                throw new OutOfRange(i / d, c, x.data[i], x.data[i] + " overflows when scaled (offset " + offset[c]
                        + ", scale " + scale[c] + ")");
            }
            out.data[i] = v;
        }
    }

    /** Back to the data's original units. */
    public Matrix inverse(Matrix scaled) {
        check(scaled);
        Matrix out = new Matrix(scaled.rows, scaled.cols);
        int d = scaled.cols;
        for (int i = 0; i < scaled.data.length; i++) {
            int c = i % d;
            out.data[i] = scaled.data[i] * scale[c] + offset[c];
        }
        return out;
    }

    private void check(Matrix x) {
        if (x.cols != scale.length) {
            throw new IllegalArgumentException("the scaler was fitted on " + scale.length + " columns, found "
                    + x.cols);
        }
    }
}
