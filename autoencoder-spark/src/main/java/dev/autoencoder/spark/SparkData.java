package dev.autoencoder.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** Reading tables on Spark: CSV (with a header) or Parquet, by the path's extension or --format. */
public final class SparkData {
    private SparkData() {}

    public static Dataset<Row> read(SparkSession spark, String path, String format) {
        String f = format != null ? format : path.toLowerCase().matches(".*\\.parquet/?$") ? "parquet" : "csv";
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> spark.read().option("header", true).option("inferSchema", true).csv(path);
            default -> throw new IllegalArgumentException("--format must be csv or parquet, found '" + f + "'");
        };
    }

    /** The numeric columns to train on: the given ones, or every numeric column but the excluded. */
    public static List<String> featureColumns(Dataset<Row> df, List<String> columns, List<String> exclude) {
        if (!columns.isEmpty()) {
            for (String c : columns) {
                if (!Arrays.asList(df.columns()).contains(c)) {
                    throw new IllegalArgumentException("--columns names '" + c + "', which the data does not have; it has "
                            + Arrays.toString(df.columns()));
                }
            }
            return List.copyOf(columns);
        }
        return Arrays.stream(df.schema().fields()).filter(fl -> fl.dataType() instanceof NumericType)
                .map(StructField::name).filter(n -> !exclude.contains(n)).toList();
    }

    /** The chosen columns as double rows; a row with a null or NaN is an error naming the column. */
    public static JavaRDD<double[]> rows(Dataset<Row> df, List<String> columns) {
        Column[] cols = columns.stream().map(c -> functions.col(c).cast(DataTypes.DoubleType)).toArray(Column[]::new);
        Dataset<Row> sel = df.select(cols);
        String[] names = columns.toArray(String[]::new);
        return sel.javaRDD().map(r -> {
            double[] v = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                if (r.isNullAt(i)) {
                    throw new IllegalArgumentException("column '" + names[i] + "' has a missing or non-numeric value");
                }
                v[i] = r.getDouble(i);
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("column '" + names[i] + "' has the value " + v[i]
                            + "; expected finite numbers");
                }
            }
            return v;
        });
    }
}
