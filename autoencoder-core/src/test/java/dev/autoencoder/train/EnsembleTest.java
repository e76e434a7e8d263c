package dev.autoencoder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoencoder.data.DataException;
import dev.autoencoder.io.Json;
import dev.autoencoder.math.Matrix;
import dev.autoencoder.metrics.RankingMetrics;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.CodeDistance;
import dev.autoencoder.model.ModelFile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default ensemble: widths that follow the data, members from their own seeds, robustly combined scores. */
class EnsembleTest {
    private static final List<String> COLS = List.of("a", "b", "c", "d", "e");

    @Test
    void automaticWidthsFollowTheDocumentedRule() {
        TrainSpec five = TrainSpec.DEFAULTS;
        // d = 166: top = 83, codes 83^(j/4) for j = 0..4 = 1, 3.02, 9.11, 27.498, 83; member 0 takes the middle one
        int[] codes = new int[5];
        for (int m = 0; m < 5; m++) {
            int[] h = five.hiddenFor(166, m);
            codes[m] = h[1];
            assertEquals(Math.max(h[1] + 1, 83), h[0]);
            assertEquals(h[0], h[2]);
        }
        assertArrayEquals(new int[] {9, 1, 3, 27, 83}, codes);
        // d = 6: top = 3, codes 3^(j/4) = 1, 1.3, 1.7, 2.3, 3 -> rounded 1, 1, 2, 2, 3; h = max(k + 1, 3)
        assertArrayEquals(new int[] {3, 2, 3}, five.hiddenFor(6, 0));
        assertArrayEquals(new int[] {4, 3, 4}, five.hiddenFor(6, 4));
        // one network: the geometric middle, sqrt(d / 2)
        assertArrayEquals(new int[] {83, 9, 83}, five.withMembers(1).hiddenFor(166, 0));
        // given widths win for every member
        TrainSpec fixed = AutoencoderTrainerTest.spec(1).withMembers(3);
        assertArrayEquals(new int[] {4, 2, 4}, fixed.hiddenFor(166, 2));
    }

    @Test
    void theScoreIsTheMeanOfRobustlyStandardizedMemberScores() throws Exception {
        Matrix x = AutoencoderTrainerTest.data(120, 1, 0);
        TrainSpec spec = TrainSpec.DEFAULTS.withMembers(3).withCodeWeight(0); // the errors alone
        Autoencoder model = new AutoencoderTrainer(spec).fit(x, null, null, COLS, Map.of(), null).model();
        assertEquals(3, model.members());
        Matrix probe = AutoencoderTrainerTest.data(30, 9, 0.5);
        double[] expected = new double[probe.rows];
        for (int m = 0; m < 3; m++) {
            // each member alone, as a single-network model: its own score path
            Autoencoder alone = new Autoencoder(model.member(m), model.scaler(), COLS, Map.of(), Map.of());
            double[] train = alone.score(x), own = alone.score(probe);
            double median = RankingMetrics.quantile(train, 0.5);
            double iqr = RankingMetrics.quantile(train, 0.75) - RankingMetrics.quantile(train, 0.25);
            assertEquals(median, model.scoreCenter(m), 0.0);
            assertEquals(iqr, model.scoreSpread(m), 0.0);
            for (int r = 0; r < probe.rows; r++) {
                expected[r] += (own[r] - median) / iqr / 3;
            }
            assertEquals(spec.hiddenFor(5, m)[1], model.member(m).widths()[2], "member " + m + "'s code width");
        }
        assertArrayEquals(expected, model.score(probe), 1e-12);
        // the model's threshold is the combined score's 99th percentile on the training rows
        assertEquals(RankingMetrics.quantile(model.score(x), 0.99), model.trainingErrors().get("p99"), 0.0);
        // members differ: their own seeds
        assertNotEquals(Arrays.toString(model.member(1).layers().get(0).weights().values()),
                Arrays.toString(model.member(2).layers().get(0).weights().values()));
    }

    @Test
    void withCodesEachMemberAddsItsCodeDistanceOverItsSpread() throws Exception {
        Matrix x = AutoencoderTrainerTest.data(120, 1, 0);
        TrainSpec spec = TrainSpec.DEFAULTS.withMembers(3).withValidationSplit(0);
        assertEquals(0.25, spec.codeWeight(), 0.0, "the default weight");
        Autoencoder model = new AutoencoderTrainer(spec).fit(x, null, null, COLS, Map.of(), null).model();
        Matrix probe = AutoencoderTrainerTest.data(30, 9, 0.5);
        Matrix scaledTrain = model.scaler().transform(x), scaledProbe = model.scaler().transform(probe);
        double[] expected = new double[probe.rows];
        for (int m = 0; m < 3; m++) {
            dev.autoencoder.nn.Network net = model.member(m);
            Autoencoder alone = new Autoencoder(net, model.scaler(), COLS, Map.of(), Map.of());
            double[] errTrain = alone.score(x), errProbe = alone.score(probe);
            CodeDistance cd = model.codeDistance(m).orElseThrow();
            Matrix codesTrain = net.forwardTo(scaledTrain, net.bottleneckLayer());
            double[] distTrain = cd.distances(codesTrain), distProbe = cd.distances(net.forwardTo(scaledProbe,
                    net.bottleneckLayer()));
            // the scales are the interquartile ranges on the training rows
            assertEquals(RankingMetrics.quantile(errTrain, 0.75) - RankingMetrics.quantile(errTrain, 0.25),
                    cd.errorScale(), 0.0);
            assertEquals(RankingMetrics.quantile(distTrain, 0.75) - RankingMetrics.quantile(distTrain, 0.25),
                    cd.codeScale(), 0.0);
            // squared Mahalanobis distances average to the code width on the rows they were fitted on (a little
            // less: the ridge, which counts where codes are nearly collinear, as on this rank-2 table)
            double average = Arrays.stream(distTrain).average().orElseThrow();
            assertTrue(average <= codesTrain.cols && average > 0.99 * codesTrain.cols, "mean distance " + average);
            double[] own = new double[x.rows];
            for (int r = 0; r < x.rows; r++) {
                own[r] = errTrain[r] / cd.errorScale() + 0.25 * distTrain[r] / cd.codeScale();
            }
            double median = RankingMetrics.quantile(own, 0.5);
            double iqr = RankingMetrics.quantile(own, 0.75) - RankingMetrics.quantile(own, 0.25);
            assertEquals(median, model.scoreCenter(m), 1e-12 * Math.abs(median));
            assertEquals(iqr, model.scoreSpread(m), 1e-12 * iqr);
            for (int r = 0; r < probe.rows; r++) {
                double s = errProbe[r] / cd.errorScale() + 0.25 * distProbe[r] / cd.codeScale();
                expected[r] += (s - median) / iqr / 3;
            }
        }
        assertArrayEquals(expected, model.score(probe), 1e-10);
        // the threshold training set is the scoring path's own, to the bit
        assertEquals(RankingMetrics.quantile(model.score(x), 0.99), model.trainingErrors().get("p99"), 0.0);
    }

    @Test
    void aSingleNetworkKeepsItsPlainScore() {
        Matrix x = AutoencoderTrainerTest.data(60, 1, 0);
        Autoencoder one = new AutoencoderTrainer(AutoencoderTrainerTest.spec(3)).fit(x, null, null, COLS, Map.of(), null)
                .model();
        assertEquals(1, one.members());
        double[] mse = Autoencoder.rowMeans(one.featureErrors(x));
        assertArrayEquals(mse, one.score(x), 0.0);
    }

    @Test
    void anEnsembleSurvivesTheModelFileBitForBitAndTamperingIsRefused() throws Exception {
        Matrix x = AutoencoderTrainerTest.data(80, 1, 0);
        Autoencoder model = new AutoencoderTrainer(TrainSpec.DEFAULTS.withMembers(3)).fit(x, null, null, COLS, Map.of(),
                null).model();
        String json = ModelFile.toJson(model);
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(json);
        assertEquals(3, doc.get("version").asInt(), "code distances in the score need version 3");
        Autoencoder back = ModelFile.fromJson(doc, "m.json");
        assertEquals(3, back.members());
        assertEquals(0.25, back.codeWeight(), 0.0);
        assertArrayEquals(model.score(x), back.score(x), 0.0);

        ((ArrayNode) doc.get("ensemble").get("center")).set(1, Json.MAPPER.getNodeFactory().numberNode(0.5));
        DataException e = assertThrows(DataException.class, () -> ModelFile.fromJson(doc, "m.json"));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());

        ObjectNode codes = (ObjectNode) Json.MAPPER.readTree(json);
        ((ArrayNode) codes.get("codes").get("members").get(1).get("mean")).set(0,
                Json.MAPPER.getNodeFactory().numberNode(0.5));
        e = assertThrows(DataException.class, () -> ModelFile.fromJson(codes, "m.json"));
        assertTrue(e.getMessage().contains("code distances do not match"), e.getMessage());
        ObjectNode missing = (ObjectNode) Json.MAPPER.readTree(json);
        ((ArrayNode) missing.get("codes").get("members")).remove(2);
        e = assertThrows(DataException.class, () -> ModelFile.fromJson(missing, "m.json"));
        assertTrue(e.getMessage().contains("one entry per network (3), found 2"), e.getMessage());

        Autoencoder plain = new AutoencoderTrainer(TrainSpec.DEFAULTS.withMembers(3).withCodeWeight(0)).fit(x, null, null,
                COLS, Map.of(), null).model();
        assertEquals(2, Json.MAPPER.readTree(ModelFile.toJson(plain)).get("version").asInt(),
                "an ensemble scored by its errors alone is still written as version 2, which older tools read");

        Autoencoder single = new AutoencoderTrainer(AutoencoderTrainerTest.spec(1)).fit(x, null, null, COLS, Map.of(),
                null).model();
        assertEquals(1, Json.MAPPER.readTree(ModelFile.toJson(single)).get("version").asInt(),
                "a single network is still written as version 1, which older tools read");
    }

    @Test
    void anEnsembleCannotResumeOrStartFromAModel() {
        Matrix x = AutoencoderTrainerTest.data(40, 1, 0);
        Autoencoder init = new AutoencoderTrainer(AutoencoderTrainerTest.spec(1)).fit(x, null, null, COLS, Map.of(), null)
                .model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new AutoencoderTrainer(AutoencoderTrainerTest.spec(1).withMembers(2)).fit(x, null, init, COLS, Map.of(),
                        null));
        assertTrue(e.getMessage().contains("set members to 1"), e.getMessage());
    }

    /** Sizes are checked before anything is allocated: a stated parameter limit, and the JVM's memory. */
    @Test
    void oversizedNetworksAreRefusedBeforeAllocating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoencoderTrainer.checkSize(new int[] {9, 1_000_000_000, 9}, 1));
        assertTrue(e.getMessage().contains("19,000,000,009 parameters") && e.getMessage().contains("limit"),
                e.getMessage());
        // 150 million parameters are under the limit, but 100 members' worth is more than any heap here
        e = assertThrows(IllegalArgumentException.class,
                () -> AutoencoderTrainer.checkSize(new int[] {10, 12_000, 12_000, 10}, 100));
        assertTrue(e.getMessage().contains("GB"), e.getMessage());
        AutoencoderTrainer.checkSize(new int[] {21, 11, 3, 11, 21}, 5); // an ordinary one passes
    }
}
