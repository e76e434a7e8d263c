package dev.autoencoder.spark;

import dev.autoencoder.math.Matrix;
import dev.autoencoder.model.Autoencoder;
import dev.autoencoder.model.ModelFile;
import dev.autoencoder.io.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that applies a saved model to a DataFrame: it broadcasts the model
 * and adds three columns, {@code latent} (array of doubles: the bottleneck's code),
 * {@code reconstructionError} (the same per-row score the CLI's {@code score} writes) and
 * {@code flag} (1 when the score exceeds the threshold: by default the training rows' 99th
 * percentile stored in the model). Input columns are the model's column names.
 */
public final class AutoencoderScorer extends Transformer {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK = 4096;

    private final String uid;
    private final String modelJson;
    private final List<String> columns;
    private double threshold;

    public AutoencoderScorer(Autoencoder model) {
        this(Identifiable$.MODULE$.randomUID("autoencoderScorer"), json(model), model.columns(),
                model.trainingErrors().getOrDefault("p99", Double.POSITIVE_INFINITY));
    }

    private AutoencoderScorer(String uid, String modelJson, List<String> columns, double threshold) {
        this.uid = uid;
        this.modelJson = modelJson;
        this.columns = List.copyOf(columns);
        this.threshold = threshold;
    }

    private static String json(Autoencoder m) {
        try {
            return ModelFile.toJson(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flag rows whose score exceeds this (default: the model's training p99). */
    public AutoencoderScorer setThreshold(double t) {
        this.threshold = t;
        return this;
    }

    public double getThreshold() {
        return threshold;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        for (String c : columns) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("the model needs column '" + c + "'; the data has "
                        + Arrays.toString(schema.fieldNames()));
            }
        }
        return schema.add(new StructField("latent", DataTypes.createArrayType(DataTypes.DoubleType), false,
                        org.apache.spark.sql.types.Metadata.empty()))
                .add("reconstructionError", DataTypes.DoubleType, false)
                .add("flag", DataTypes.IntegerType, false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Dataset<Row> df = dataset.toDF();
        StructType out = transformSchema(df.schema());
        SparkSession spark = df.sparkSession();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<String> model = sc.broadcast(modelJson);
        int[] idx = columns.stream().mapToInt(df.schema()::fieldIndex).toArray();
        double t = threshold;
        JavaRDD<Row> rows = df.javaRDD().mapPartitions((Iterator<Row> it) -> {
            Autoencoder m = ModelFile.fromJson(Json.MAPPER.readTree(model.value()), "broadcast model");
            List<Row> result = new ArrayList<>();
            List<Row> block = new ArrayList<>(BLOCK);
            while (it.hasNext()) {
                block.add(it.next());
                if (block.size() == BLOCK || !it.hasNext()) {
                    score(m, block, idx, t, result);
                    block.clear();
                }
            }
            return result.iterator();
        });
        return spark.createDataFrame(rows, out);
    }

    private static void score(Autoencoder m, List<Row> block, int[] idx, double threshold, List<Row> into) {
        Matrix x = new Matrix(block.size(), idx.length);
        for (int r = 0; r < block.size(); r++) {
            Row row = block.get(r);
            for (int c = 0; c < idx.length; c++) {
                Object v = row.get(idx[c]);
                if (!(v instanceof Number)) {
                    throw new IllegalArgumentException("column " + row.schema().fieldNames()[idx[c]]
                            + " must be numeric, found " + v);
                }
                x.set(r, c, ((Number) v).doubleValue());
            }
        }
        Matrix codes = m.encode(x, m.latentLayer());
        double[] scores = m.score(x);
        for (int r = 0; r < block.size(); r++) {
            Row row = block.get(r);
            Object[] values = new Object[row.size() + 3];
            for (int i = 0; i < row.size(); i++) {
                values[i] = row.get(i);
            }
            values[row.size()] = codes.row(r);
            values[row.size() + 1] = scores[r];
            values[row.size() + 2] = scores[r] > threshold ? 1 : 0;
            into.add(RowFactory.create(values));
        }
    }

    @Override
    public AutoencoderScorer copy(ParamMap extra) {
        return new AutoencoderScorer(uid, modelJson, columns, threshold);
    }
}
