package dev.autoencoder.cli;

import dev.autoencoder.io.Json;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Network;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code autoencoder inspect}: what a model file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe a model: architecture, "
        + "parameter count, scaler, columns, training errors, provenance.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Autoencoder m = model.load();
        Network net = m.network();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", model.model.toString());
        d.put("layers", net.widths());
        d.put("activations", Arrays.stream(net.activations()).map(Activation::id).toList());
        d.put("latentLayer", m.latentLayer());
        d.put("latentWidth", m.width(m.latentLayer()));
        d.put("parameters", net.parameterCount());
        d.put("scaler", m.scaler().type().id());
        d.put("members", m.members());
        d.put("codeWeight", m.codeWeight());
        d.put("score", scoreRule(m));
        d.put("columns", m.columns());
        d.put("trainingErrors", m.trainingErrors());
        d.put("provenance", m.provenance());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.MAPPER.writeValueAsString(d));
        } else {
            o.printf("model        %s%n", model.model);
            o.printf("layers       %s (latent: layer %d, %d wide)%n", Arrays.stream(net.widths())
                    .mapToObj(Integer::toString).collect(Collectors.joining("-")), m.latentLayer(), m.width(m.latentLayer()));
            o.printf("activations  %s%n", d.get("activations"));
            o.printf("parameters   %d%n", net.parameterCount());
            o.printf("scaler       %s%n", m.scaler().type().id());
            o.printf("score        %s%n", scoreRule(m));
            o.printf("columns      %s%n", Commands.abbreviate(m.columns()));
            o.printf("training errors %s%n", m.trainingErrors());
            m.provenance().forEach((k, v) -> o.printf("%-12s %s%n", k, v));
        }
        o.flush();
        return ExitCodes.OK;
    }

    /** What the model's score is, in words. */
    static String scoreRule(Autoencoder m) {
        String each = m.codeWeight() > 0
                ? String.format(java.util.Locale.ROOT, "reconstruction error plus %s x code distance, each over its "
                        + "training spread", m.codeWeight())
                : "mean squared reconstruction error";
        return m.members() == 1 ? each : "the mean of " + m.members() + " networks' standardized scores, each its " + each;
    }
}
