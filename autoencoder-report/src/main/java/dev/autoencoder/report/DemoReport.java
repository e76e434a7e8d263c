package dev.autoencoder.report;

import dev.autoencoder.chapter.DemoResult;
import dev.autoencoder.nn.Activation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's {@code report.html}: one self-contained page (images inline, no scripts, fonts or
 * links to fetch) that tells the chapter's story with this run's numbers.
 */
public final class DemoReport {
    private DemoReport() {}

    public static String html(DemoResult r, Map<String, DemoFigures.Sized> figures) {
        double[] loss = r.lossHistory();
        int last = loss.length - 1;
        String arch = Arrays.stream(r.config().layers()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        Activation[] activations = r.config().activations();
        String acts = Arrays.stream(activations, 0, activations.length - 1).map(Activation::id).distinct()
                .collect(Collectors.joining(", "));
        String outAct = activations[activations.length - 1].id();
        int plateauEnd = firstDropBelow(loss, 0.5 * loss[Math.min(1000, last)]);
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .append("<title>Autoencoder demo: ").append(arch).append("</title><style>").append(Html.STYLE)
         .append("</style></head><body>\n");
        h.append("<h1>One number for three: an autoencoder learns a slope</h1>\n");
        h.append("<p class=\"lede\">A ").append(arch).append(" network was trained to copy 12 short noisy lines through a ")
         .append("single middle node. Nothing told it about slopes; the middle node found them anyway.</p>\n");
        h.append("<div class=\"cards\">")
         .append(card("final training loss", fmt(loss[last]), "epoch " + last))
         .append(card("test MSE", fmt(r.testMse()), "12 unseen lines"))
         .append(card("latent vs slope, r", String.format(Locale.ROOT, "%.4f", r.latentVsSlope().r()), "Pearson correlation"))
         .append(card("training time", String.format(Locale.ROOT, "%.3f s", r.trainSeconds()), r.config().epochs() + " epochs"))
         .append("</div>\n");

        h.append("<h2>1. The network</h2>\n<p>Three inputs (I) feed two encoder nodes (L), which feed the single ")
         .append("latent node M6; two decoder nodes (R) rebuild the three outputs (O). Hidden nodes use ")
         .append(acts).append(" activations and the outputs are ").append(outAct).append("; every connection has a weight &lambda;<sub>ij</sub> and every node a bias ")
         .append("b<sub>j</sub>: ").append(r.network().parameterCount()).append(" parameters in all.</p>\n");
        h.append(fig(figures, "network"));

        h.append("<h2>2. The data</h2>\n<p>Each sample is three points on a line of random slope m (uniform on ")
         .append("[&minus;2, 2]) plus a little noise (&sigma; = 0.1). The slope label beside each line is kept only to ")
         .append("interpret the result; training never sees it.</p>\n");
        h.append(fig(figures, "data-train")).append(fig(figures, "data-test"));

        h.append("<h2>3. Training</h2>\n<p>Full-batch gradient descent: every epoch the gradient of the ")
         .append(r.config().loss().id()).append(" loss is averaged over the 12 samples and every parameter takes a step of ")
         .append(r.config().learningRate()).append(" times it. The loss starts at ").append(fmt(loss[0]));
        if (plateauEnd > loss.length / 10) {
            h.append(", rests on a plateau, then drops sharply around epoch ").append(plateauEnd);
        }
        h.append(" and ends at ").append(fmt(loss[last])).append(". ");
        double[] test = r.testLossHistory();
        int bestTest = 0;
        for (int i = 1; i < test.length; i++) {
            if (test[i] < test[bestTest]) {
                bestTest = i;
            }
        }
        if (test.length > 0 && test[test.length - 1] <= 1.05 * test[bestTest]) {
            h.append("The dashed test curve follows it down and ends within 5% of its lowest value: no sign of ")
             .append("overfitting.</p>\n");
        } else if (test.length > 0) {
            h.append("The dashed test curve was lowest at epoch ").append(bestTest).append(" (")
             .append(fmt(test[bestTest])).append(") and ends at ").append(fmt(test[test.length - 1]))
             .append(": the network began to fit the training noise (overfitting).</p>\n");
        }
        h.append(fig(figures, "loss"));

        h.append("<h2>4. What the latent node learned</h2>\n<p>Plotting M6 against each sample's slope shows an almost ")
         .append("straight line: r = ").append(String.format(Locale.ROOT, "%.4f", r.latentVsSlope().r()))
         .append(". The network compressed three numbers into one, and that one number is, in effect, the slope.</p>\n");
        h.append(fig(figures, "latent-vs-slope"));

        h.append("<h2>5. Reconstructions</h2>\n<p>Decoding M6 gives each line back. On the training data, and on 12 ")
         .append("lines it never saw (test MSE ").append(fmt(r.testMse())).append("), the rebuilt lines (dashed) follow the ")
         .append("data (solid); what is lost is mostly the noise.</p>\n");
        h.append(fig(figures, "reconstructions-train")).append(fig(figures, "reconstructions-test"));
        h.append(fig(figures, "network-trained"));

        h.append("<h2>6. Every parameter, before and after</h2>\n<div class=\"scroll\"><table><tr><th>parameter</th><th>initial</th>")
         .append("<th>trained</th><th>change</th></tr>\n");
        for (Map.Entry<String, Double> e : r.initialParameters().entrySet()) {
            double after = r.parameters().get(e.getKey());
            h.append("<tr><td>").append(symbol(e.getKey())).append("</td><td>").append(num(e.getValue()))
             .append("</td><td>").append(num(after)).append("</td><td>").append(num(after - e.getValue()))
             .append("</td></tr>\n");
        }
        h.append("</table></div>\n");

        h.append(chainRuleWalk(r));

        h.append("<h2>Settings</h2>\n<table>\n");
        String[][] settings = {
            {"layers", Arrays.stream(r.config().layers()).mapToObj(Integer::toString).collect(Collectors.joining("-"))},
            {"activations (hidden to output)", Arrays.stream(r.config().activations()).map(Activation::id)
                    .collect(Collectors.joining(", "))},
            {"initializer", r.config().initializer().id()},
            {"loss", r.config().loss().id()},
            {"epochs (full batch, plain gradient descent)", Integer.toString(r.config().epochs())},
            {"learning rate", Double.toString(r.config().learningRate())},
            {"seeds: weights, training data, test data", r.config().seed() + ", " + (r.config().seed() + 1) + ", "
                    + (r.config().seed() + 7) + " (numpy-compatible)"}};
        for (String[] row : settings) {
            h.append("<tr><td>").append(Html.escape(row[0])).append("</td><td>").append(Html.escape(row[1]))
             .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Run again with <code>./autoencoder demo</code>.</p>\n");
        h.append("<footer>After the \"Autoencoder\" chapter of M. J. Pyrcz, <i>Applied Machine Learning in Python: ")
         .append("a Hands-on Guide with Code</i> (2024), doi:10.5281/zenodo.15169138. Figures and numbers are this ")
         .append("run's own.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static int firstDropBelow(double[] loss, double level) {
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] < level) {
                return i;
            }
        }
        return -1;
    }

    private static String card(String title, String value, String note) {
        return "<div class=\"card\">" + Html.escape(title) + "<b>" + Html.escape(value) + "</b>" + Html.escape(note) + "</div>";
    }

    private static String fig(Map<String, DemoFigures.Sized> figures, String name) {
        DemoFigures.Sized s = figures.get(name);
        return "<figure>" + Html.inlineFigure(s) + "<figcaption>" + Html.escape(s.caption())
                + "</figcaption></figure>\n";
    }

    private static String symbol(String name) {
        if (name.startsWith("w")) {
            return "&lambda;<sub>" + Html.escape(weightSubscript(name.substring(1))) + "</sub> <small>(" + name + ")</small>";
        }
        return "b<sub>" + Html.escape(name.substring(1)) + "</sub>";
    }

    /**
     * The chapter's chain-rule walk from the output back to w14, for the first training sample, at the initial
     * and the trained parameters: each step's rule and its value in both networks.
     */
    static String chainRuleWalk(DemoResult r) {
        double[] input = r.train().x().row(0);
        var before = dev.autoencoder.chapter.ChainRule.walk(r.initialNetwork(), r.config().loss(), input, "w14");
        var after = dev.autoencoder.chapter.ChainRule.walk(r.network(), r.config().loss(), input, "w14");
        int n = input.length;
        StringBuilder h = new StringBuilder();
        h.append("<h2>7. The chain rule, step by step</h2>\n<p>How training finds the gradient of the first weight, ")
         .append("&lambda;<sub>14</sub>: start at output O9 and walk back one step at a time, each step reusing the last. ")
         .append("A bias's gradient is its node's error signal; a weight's is that signal times the value coming in; ")
         .append("a node's is the sum over the paths out of it. The loss is the mean over the ").append(n)
         .append(" outputs of (O &minus; I)<sup>2</sup>, so dL/dO = (2/").append(n).append(")(O &minus; I): ")
         .append("that is where the factor 2/").append(n).append(" comes from. Sample 1, before and after training ")
         .append("(<code>./autoencoder explain --param w14 --full</code> prints the same walk).</p>\n")
         .append("<div class=\"scroll\"><table><tr><th>step</th><th style=\"text-align:left\">rule</th><th>initial</th><th>trained</th></tr>\n");
        for (int i = 0; i < before.size(); i++) {
            var b = before.get(i);
            String rule = b.form().contains(" = ") ? b.form().substring(0, b.form().indexOf(" = ")) : b.form();
            String html = Html.escape(rule).replaceAll("lambda_([0-9,]+)", "&lambda;<sub>$1</sub>").replace(" * ", " &times; ");
            h.append("<tr><td>").append(stepSymbol(b.name())).append("</td><td style=\"text-align:left\">").append(html)
             .append("</td><td>").append(String.format(Locale.ROOT, "%+.5g", b.value())).append("</td><td>")
             .append(String.format(Locale.ROOT, "%+.5g", after.get(i).value()))
             .append("</td></tr>\n");
        }
        return h.append("</table></div>\n").toString();
    }

    private static String stepSymbol(String name) {
        return name.startsWith("w") || name.startsWith("b") ? symbol(name) : Html.escape(name);
    }

    /**
     * A weight's node numbers, split where they read unambiguously: "14" stays "14", "710" (node 7 to node
     * 10) becomes "7,10". The source node's number is the smaller, and neither has a leading zero.
     */
    static String weightSubscript(String digits) {
        for (int cut = 1; cut < digits.length(); cut++) {
            String from = digits.substring(0, cut), to = digits.substring(cut);
            if (!to.startsWith("0") && Integer.parseInt(from) < Integer.parseInt(to)) {
                return from.length() == 1 && to.length() == 1 ? digits : from + "," + to;
            }
        }
        return digits;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%+.5f", v);
    }
}
