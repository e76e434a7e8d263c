package dev.autoencoder.cli;

import dev.autoencoder.chapter.ChainRule;
import dev.autoencoder.chapter.ChapterDemo;
import dev.autoencoder.chapter.DemoConfig;
import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.chapter.NodeNames;
import dev.autoencoder.io.Json;
import dev.autoencoder.nn.Network;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autoencoder explain}: the chapter's chain rule for one parameter, with values. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the chain-rule product for dL/dPARAM of the demo network, factor by factor, "
                + "next to the gradient backpropagation computes and a finite-difference estimate."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--param", required = true, paramLabel = "NAME",
            description = "A parameter of the demo network: w14 ... w811 or b4 ... b11.")
    String param;

    @Option(names = "--trained", description = "Use the trained parameters (default: the initial ones).")
    boolean trained;

    @Option(names = "--sample", paramLabel = "K",
            description = "Only sample K (1-12); default: the batch average training uses.")
    Integer sample;

    @Option(names = "--full", description = "Walk the chain rule from the first output back to the parameter, "
            + "step by step as the chapter does (b9, w79, R7, b7, ...), for one sample (--sample, default 1), with "
            + "the node values going in.")
    boolean full;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs for --trained (default: ${DEFAULT-VALUE}).")
    int epochs = DemoConfig.CHAPTER.epochs();

    @Option(names = "--seed", paramLabel = "S", description = "The demo's seed (default: ${DEFAULT-VALUE}).")
    long seed = DemoConfig.CHAPTER.seed();

    @Override
    public Integer call() throws Exception {
        DemoConfig config;
        try {
            config = DemoConfig.CHAPTER.withEpochs(epochs).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoResult demo = trained ? ChapterDemo.run(config) : null;
        Network net;
        if (trained) {
            net = demo.network();
        } else {
            net = ChapterDemo.initialNetwork(config);
        }
        var train = dev.autoencoder.chapter.SlopedLines.generate(config.seed() + 1, DemoConfig.SAMPLES);
        if (!NodeNames.parameters(net).containsKey(param)) {
            throw new ParameterException(spec.commandLine(), "unknown parameter '" + param + "'; expected one of "
                    + String.join(", ", NodeNames.parameters(net).keySet()));
        }
        if (sample != null && (sample < 1 || sample > DemoConfig.SAMPLES)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in 1.." + DemoConfig.SAMPLES
                    + " (the chapter numbers its samples from 1), found " + sample);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (full) {
            int k = sample == null ? 1 : sample;
            double[] input = train.x().row(k - 1);
            List<ChainRule.Step> steps = ChainRule.walk(net, config.loss(), input, param);
            Map<String, Double> values = ChainRule.nodeValues(net, input);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("parameter", param);
                m.put("parameters", trained ? "trained" : "initial");
                m.put("sample", k);
                m.put("loss", config.loss().id());
                m.put("values", values);
                m.put("steps", steps);
                out.println(Json.MAPPER.writeValueAsString(m));
            } else {
                printWalk(out, k, steps, values, config.loss(), input.length);
            }
            out.flush();
            return ExitCodes.OK;
        }
        ChainRule.Explanation e = ChainRule.explain(net, config.loss(), train.x(), param, sample);
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(toJson(e, trained)));
        } else {
            printText(out, e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> toJson(ChainRule.Explanation e, boolean trained) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameter", e.parameter());
        m.put("parameters", trained ? "trained" : "initial");
        m.put("sample", e.sample());
        List<Map<String, Object>> factors = new ArrayList<>();
        int nf = e.chains().get(0).factors().size();
        for (int f = 0; f < nf; f++) {
            ChainRule.Factor first = e.chains().get(0).factors().get(f);
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("symbol", first.symbol());
            fm.put("form", first.form());
            if (e.sample() != null) {
                fm.put("value", first.value());
                if (!first.terms().isEmpty()) {
                    fm.put("terms", first.terms());
                }
            } else {
                double mean = 0;
                for (ChainRule.SampleChain c : e.chains()) {
                    mean += c.factors().get(f).value();
                }
                fm.put("value", mean / e.chains().size());
                fm.put("note", "batch mean of this factor; the gradient is the mean of the per-sample products");
            }
            factors.add(fm);
        }
        m.put("factors", factors);
        if (e.sample() == null) {
            List<Map<String, Object>> samples = new ArrayList<>();
            for (ChainRule.SampleChain c : e.chains()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("sample", c.sample());
                List<Map<String, Object>> fs = new ArrayList<>();
                for (ChainRule.Factor f : c.factors()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("symbol", f.symbol());
                    fm.put("value", f.value());
                    fs.add(fm);
                }
                sm.put("factors", fs);
                sm.put("product", c.product());
                samples.add(sm);
            }
            m.put("samples", samples);
        }
        m.put("chainRule", e.chainRule());
        m.put("backprop", e.backprop());
        m.put("finiteDifference", e.finiteDifference());
        return m;
    }

    private void printText(PrintWriter out, ChainRule.Explanation e) {
        String p = e.parameter();
        String where = trained ? "trained" : "initial";
        if (e.sample() != null) {
            out.printf("dL/d%s for sample %d at the %s parameters%n%n", p, e.sample(), where);
            ChainRule.SampleChain c = e.chains().get(0);
            printFactors(out, c.factors());
            out.printf("%n  product: dL/d%s = %s%n", p, g(c.product()));
        } else {
            out.printf("dL/d%s averaged over the %d training samples at the %s parameters%n", p, e.chains().size(), where);
            List<ChainRule.Factor> f0 = e.chains().get(0).factors();
            StringBuilder head = new StringBuilder("  sample");
            for (ChainRule.Factor f : f0) {
                head.append(String.format(Locale.ROOT, "  %16s", f.symbol()));
            }
            head.append(String.format(Locale.ROOT, "  %16s", "product"));
            out.printf("%n  dL/d%s = %s%n%n%s%n", p, String.join(" * ",
                    f0.stream().map(f -> f.symbol() + " [" + f.form().replace("sum over paths: ", "sum: ") + "]").toList()),
                    head);
            for (ChainRule.SampleChain c : e.chains()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %6d", c.sample()));
                for (ChainRule.Factor f : c.factors()) {
                    row.append(String.format(Locale.ROOT, "  %16s", g(f.value())));
                }
                row.append(String.format(Locale.ROOT, "  %16s", g(c.product())));
                out.println(row);
            }
        }
        out.printf("%n  chain rule          %s%n", g(e.chainRule()));
        out.printf("  backpropagation     %s%n", g(e.backprop()));
        out.printf("  finite difference   %s%n", g(e.finiteDifference()));
        double rel = Math.abs(e.chainRule() - e.backprop()) / Math.max(1e-300, Math.abs(e.backprop()));
        out.printf("  chain rule vs backprop: relative difference %.1e%n", rel);
    }

    private void printWalk(PrintWriter out, int k, List<ChainRule.Step> steps, Map<String, Double> values,
                           dev.autoencoder.nn.Loss loss, int outputs) {
        out.printf("The chain rule walked from the output back to %s: sample %d, %s parameters%n", param, k,
                trained ? "trained" : "initial");
        if (loss == dev.autoencoder.nn.Loss.MSE) {
            out.printf("loss: mse, the mean over the %d outputs, L = (1/%d) sum (O - I)^2, so dL/dO = (2/%d)(O - I): "
                    + "that is the 2/%d factor (the chapter's text writes L = 1/2 sum (O - I)^2, which gives O - I)%n",
                    outputs, outputs, outputs, outputs);
        } else {
            out.printf("loss: %s, so dL/dO = O - I%n", loss.id());
        }
        StringBuilder v = new StringBuilder("values going in:");
        char column = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            char c = e.getKey().charAt(0);
            v.append(c == column ? ", " : (column == 0 ? " " : "; ")).append(e.getKey()).append(" = ")
                    .append(String.format(Locale.ROOT, "%.6g", e.getValue()));
            column = c;
        }
        out.println(v);
        out.println();
        for (ChainRule.Step step : steps) {
            out.printf("  %-4s %-12s = %s%n  %-4s %-12s = %s%n", step.name(), step.symbol(), step.form(), "", "",
                    g(step.value()));
        }
        out.printf("%nEach step uses the one before it; the last, dL/d%s = %s, is this sample's gradient.%n", param,
                g(steps.get(steps.size() - 1).value()));
    }

    private static void printFactors(PrintWriter out, List<ChainRule.Factor> factors) {
        for (ChainRule.Factor f : factors) {
            out.printf("  %-18s = %-40s = %s%n", f.symbol(), f.form().startsWith("sum") ? "sum over paths" : f.form(),
                    g(f.value()));
            for (ChainRule.Term t : f.terms()) {
                out.printf("      + %-44s = %s%n", t.symbol(), g(t.value()));
            }
        }
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }
}
