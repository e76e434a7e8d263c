package dev.autoencoder.cli;

import dev.autoencoder.data.Scaler;
import dev.autoencoder.kernel.Precision;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Loss;
import dev.autoencoder.optim.OptimizerSpec;
import dev.autoencoder.train.TrainSpec;
import dev.autoencoder.train.TrainingConfig;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How to train, as flags: architecture, activations, initializer, loss, optimizer and its settings, batch
 * size, epochs, validation split, early stopping, denoising, scaling, seed, threads and precision. One
 * definition, mixed into {@code train} and {@code spark train}, so the two take the same names with the same
 * defaults (defaults come from {@link TrainSpec#DEFAULTS}).
 */
public final class TrainingOptions {
    static final class Architecture {
        @Option(names = "--hidden", paramLabel = "W,W,...", converter = Converters.WidthsConverter.class,
                description = "Hidden widths, e.g. 4,2,4 (default: h,k,h following the data's width; see --members).")
        Converters.Widths hidden;

        @Option(names = "--encoder", paramLabel = "W,W,...", converter = Converters.WidthsConverter.class,
                description = "Encoder widths, mirrored for the decoder: 8,4,2 means 8,4,2,4,8.")
        Converters.Widths encoder;
    }

    @ArgGroup(exclusive = true)
    Architecture architecture = new Architecture();

    @Option(names = "--activation", paramLabel = "NAME", converter = Converters.ActivationConverter.class,
            description = "Hidden layers (default: tanh).")
    Activation activation = TrainSpec.DEFAULTS.activation();

    @Option(names = "--latent-activation", paramLabel = "NAME", converter = Converters.ActivationConverter.class,
            description = "The latent layer (default: linear).")
    Activation latentActivation = TrainSpec.DEFAULTS.latentActivation();

    @Option(names = "--output-activation", paramLabel = "NAME", converter = Converters.ActivationConverter.class,
            description = "The output layer (default: linear).")
    Activation outputActivation = TrainSpec.DEFAULTS.outputActivation();

    @Option(names = "--initializer", paramLabel = "NAME", converter = Converters.InitializerConverter.class,
            description = "xavier-uniform (default), xavier-text, xavier-normalized-text, he-uniform, he-normal.")
    Initializer initializer = TrainSpec.DEFAULTS.initializer();

    @Option(names = "--bias-init", paramLabel = "X", description = "Initial value of every bias (default: 0).")
    double biasInit = TrainSpec.DEFAULTS.biasInit();

    @Option(names = "--loss", paramLabel = "NAME", converter = Converters.LossConverter.class,
            description = "mse (default) or half-sse.")
    Loss loss = TrainSpec.DEFAULTS.training().loss();

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, momentum, adam (default) or adamw.")
    String optimizer = TrainSpec.DEFAULTS.optimizer().kind().id();

    @Option(names = "--learning-rate", paramLabel = "X", description = "Default: 0.01 for sgd and momentum, 0.001 for adam and adamw.")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "X", description = "For momentum (default: 0.9).")
    double momentum = OptimizerSpec.DEFAULT_MOMENTUM;

    @Option(names = "--nesterov", description = "Nesterov momentum.")
    boolean nesterov;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam's beta1 (default: 0.9).")
    double beta1 = OptimizerSpec.DEFAULT_BETA1;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam's beta2 (default: 0.999).")
    double beta2 = OptimizerSpec.DEFAULT_BETA2;

    @Option(names = "--epsilon", paramLabel = "X", description = "Adam's epsilon (default: 1e-8).")
    double epsilon = OptimizerSpec.DEFAULT_EPSILON;

    @Option(names = "--weight-decay", paramLabel = "X", description = "L2 for adam, decoupled for adamw (default: 0; adamw 0.01).")
    Double weightDecay;

    @Option(names = "--batch-size", paramLabel = "N|all", description = "Rows per step, or all (full batch) (default: 32).")
    String batchSize = String.valueOf(TrainSpec.DEFAULTS.training().batchSize());

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: 30, or more on a small "
            + "table so that each network takes at least 2,000 steps; 0 only with --init).")
    Integer epochs;

    @Option(names = "--members", paramLabel = "N",
            description = "Networks in the ensemble, each from its own seed (and, without --hidden, its own code width); "
                    + "the score averages their standardized scores (default: 5 when the widths follow the data, 1 with --hidden or "
                    + "--encoder, --init, --checkpoint or --resume).")
    Integer members;

    @Option(names = "--code-weight", paramLabel = "W",
            description = "How much each network's code counts in the anomaly score beside its reconstruction error: the "
                    + "code's Mahalanobis distance from the training rows' codes, each over its spread on the training rows "
                    + "(default: 0.25 when the widths follow the data, 0 with --hidden or --encoder; 0: the error alone).")
    Double codeWeight;

    @Option(names = "--validation-split", paramLabel = "F", description = "Hold out this fraction of rows (seeded shuffle) "
            + "for the validation curve and --patience (default: ${DEFAULT-VALUE}; 0 for none).")
    double validationSplit = TrainSpec.DEFAULTS.validationSplit();

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without improvement; restore the best weights.")
    int patience = TrainSpec.DEFAULTS.training().patience();

    @Option(names = "--min-delta", paramLabel = "X", description = "Smallest loss decrease that counts as improvement.")
    double minDelta = TrainSpec.DEFAULTS.training().minDelta();

    @Option(names = "--noise", paramLabel = "gaussian:S|mask:P",
            description = "Denoising: add N(0, S^2) noise to the inputs, or zero each with probability P.")
    String noise;

    @Option(names = "--scaling", paramLabel = "NAME", description = "standard (default), minmax or none; fitted on training rows.")
    String scaling = TrainSpec.DEFAULTS.scaling().id();

    @Option(names = "--seed", paramLabel = "S", description = "One seed for weights, shuffling, noise and the split (default: 13).")
    long seed = TrainSpec.DEFAULTS.training().seed();

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: all cores); results do not depend on it.")
    Integer threads;

    @Option(names = "--precision", paramLabel = "P", description = "float64 (default) or float32 (faster on wide layers). The model is saved in float64.")
    String precision = TrainSpec.DEFAULTS.training().precision().id();

    /**
     * The training specification these options describe; a bad value is an {@link IllegalArgumentException}
     * whose message names the flag. {@code --epochs 0} is left to the command to judge.
     */
    public TrainSpec toSpec() {
        int[] hidden = architecture.encoder != null ? TrainSpec.mirror(architecture.encoder.values())
                : architecture.hidden != null ? architecture.hidden.values() : null;
        OptimizerSpec.Kind kind = OptimizerSpec.Kind.parse(optimizer);
        double lr = learningRate != null ? learningRate
                : kind == OptimizerSpec.Kind.SGD || kind == OptimizerSpec.Kind.MOMENTUM ? 0.01 : 1e-3;
        double wd = weightDecay != null ? weightDecay : kind == OptimizerSpec.Kind.ADAMW
                ? OptimizerSpec.DEFAULT_ADAMW_DECAY : 0.0;
        OptimizerSpec opt = new OptimizerSpec(kind, lr, momentum, nesterov, beta1, beta2, epsilon, wd);
        int batch;
        if (batchSize.equalsIgnoreCase("all")) {
            batch = 0;
        } else {
            try {
                batch = Integer.parseInt(batchSize);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batch-size must be a positive whole number or 'all', found '"
                        + batchSize + "'");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("--batch-size must be a positive whole number or 'all', found "
                        + batch);
            }
        }
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--precision must be float64 or float32, found '" + precision + "'");
        }
        if (threads != null && (threads < 1 || threads > TrainingConfig.MAX_THREADS)) {
            throw new IllegalArgumentException("--threads must be between 1 and " + TrainingConfig.MAX_THREADS
                    + ", found " + threads);
        }
        if (epochs != null && epochs < 0) {
            throw new IllegalArgumentException("--epochs must be at least 1 (0 only with --init), found " + epochs);
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("--seed must be in 0..4294967295, found " + seed);
        }
        TrainingConfig.Denoising dn = TrainingConfig.Denoising.NONE;
        if (noise != null) {
            String[] parts = noise.split(":", 2);
            TrainingConfig.Denoising.Kind k = switch (parts[0].toLowerCase(Locale.ROOT)) {
                case "gaussian" -> TrainingConfig.Denoising.Kind.GAUSSIAN;
                case "mask" -> TrainingConfig.Denoising.Kind.MASK;
                default -> throw new IllegalArgumentException("--noise must be gaussian:S or mask:P, found '" + noise + "'");
            };
            double level;
            try {
                level = Double.parseDouble(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--noise must be gaussian:S or mask:P with a number, found '"
                        + noise + "'");
            }
            dn = new TrainingConfig.Denoising(k, level);
        }
        TrainingConfig defaults = TrainSpec.DEFAULTS.training();
        TrainingConfig tc = new TrainingConfig(epochs == null ? defaults.epochs() : epochs, batch, loss, seed, patience,
                minDelta, dn, p, threads == null ? 0 : threads, epochs == null ? defaults.minSteps() : 0);
        if (members != null && (members < 1 || members > TrainSpec.MAX_MEMBERS)) {
            throw new IllegalArgumentException("--members must be between 1 and " + TrainSpec.MAX_MEMBERS + ", found "
                    + members);
        }
        if (codeWeight != null && !(codeWeight >= 0 && codeWeight <= 1000)) {
            throw new IllegalArgumentException("--code-weight must be between 0 and 1000, found " + codeWeight);
        }
        return new TrainSpec(hidden, activation, latentActivation, outputActivation, initializer, biasInit, opt, tc,
                validationSplit, Scaler.Type.parse(scaling),
                members != null ? members : hidden == null ? TrainSpec.DEFAULTS.members() : 1,
                codeWeight != null ? codeWeight : hidden == null ? TrainSpec.DEFAULTS.codeWeight() : 0);
    }


    /** The --noise value as given (null without it), for records. */
    public String noise() {
        return noise;
    }

    /** The --members value (null when not given). */
    public Integer members() {
        return members;
    }

    /** --code-weight as given, or null for the default. */
    public Double codeWeight() {
        return codeWeight;
    }

    /** The seed as given. */
    public long seed() {
        return seed;
    }

    /** The --threads value (null for all cores). */
    public Integer threads() {
        return threads;
    }

    /** Whether --validation-split was given. */
    public boolean validationSplitGiven() {
        return validationSplit > 0;
    }
}
