package dev.autoencoder.optim;

import dev.autoencoder.kernel.Tensor;
import dev.autoencoder.nn.Parameter;
import java.util.List;

/**
 * One state tensor per parameter (a velocity, or one of Adam's moments), in the parameters' precision.
 * Restored from a checkpoint's float64 arrays, it takes the parameters' precision at the first step.
 */
final class OptimizerState {
    private Tensor[] tensors;
    private double[][] restored;

    /** {@code state}, or a new all-zero state shaped like the parameters; checks a restored state's shapes. */
    static OptimizerState ensure(OptimizerState state, List<Parameter> parameters) {
        OptimizerState s = state != null ? state : new OptimizerState();
        if (s.tensors == null) {
            if (s.restored != null && s.restored.length != parameters.size()) {
                throw new IllegalArgumentException("the optimizer state holds " + s.restored.length
                        + " arrays for " + parameters.size() + " parameters");
            }
            s.tensors = new Tensor[parameters.size()];
            for (int p = 0; p < parameters.size(); p++) {
                Tensor v = parameters.get(p).value;
                s.tensors[p] = Tensor.zeros(v.precision(), v.rows, v.cols);
                if (s.restored != null) {
                    s.tensors[p].setAll(s.restored[p]);
                }
            }
            s.restored = null;
        }
        return s;
    }

    static OptimizerState restored(double[][] arrays) {
        OptimizerState s = new OptimizerState();
        s.restored = new double[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            s.restored[i] = arrays[i].clone();
        }
        return s;
    }

    Tensor tensor(int p) {
        return tensors[p];
    }

    double[][] toDoubles() {
        if (tensors == null) {
            double[][] c = new double[restored.length][];
            for (int i = 0; i < c.length; i++) {
                c[i] = restored[i].clone();
            }
            return c;
        }
        double[][] c = new double[tensors.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = tensors[i].toDoubles();
        }
        return c;
    }
}
