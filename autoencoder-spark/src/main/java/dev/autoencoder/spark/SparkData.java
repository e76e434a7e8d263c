package dev.autoencoder.spark;

import dev.autoencoder.data.DataException;
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
import org.apache.spark.sql.types.StructType;

/** Reading tables on Spark: CSV (with a header) or Parquet, by the path's extension or --format. */
public final class SparkData {
    private SparkData() {}

    /** The column where Spark's CSV reader puts a row with too many or too few fields. */
    static final String MALFORMED = "_malformed_row";

    /** Reads a table; a CSV's rows of the wrong length are refused later, by {@link #check}. */
    public static Dataset<Row> read(SparkSession spark, String path, String format) {
        String f = format != null ? format : path.toLowerCase().matches(".*\\.parquet/?$") ? "parquet" : "csv";
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> {
                // the types inferred, then read again with a column that catches rows of the wrong length
                StructType inferred = spark.read().option("header", true).option("inferSchema", true).csv(path).schema();
                yield spark.read().option("header", true).option("columnNameOfCorruptRecord", MALFORMED)
                        .schema(inferred.add(MALFORMED, DataTypes.StringType)).csv(path);
            }
            default -> throw new IllegalArgumentException("--format must be csv or parquet, found '" + f + "'");
        };
    }

    /**
     * The columns to train on: the given ones, or every column but the excluded. Each must hold numbers
     * in every row: a text value, an empty cell or a short row is a {@link DataException} that names the
     * column and shows a row, checked here on the driver (by two queries) rather than in a task, whose
     * failure Spark logs as an executor stack trace.
     */
    public static Checked check(Dataset<Row> df, List<String> columns, List<String> exclude) {
        for (String c : columns) {
            if (!Arrays.asList(df.columns()).contains(c)) {
                throw new IllegalArgumentException("--columns names '" + c + "', which the data does not have; it has "
                        + Arrays.toString(df.columns()));
            }
        }
        boolean typedCsv = Arrays.asList(df.columns()).contains(MALFORMED);
        if (df.isEmpty()) {
            throw new DataException("no data rows; expected a header line and at least one row of numbers");
        }
        List<String> chosen = !columns.isEmpty() ? List.copyOf(columns) : Arrays.stream(df.columns())
                .filter(n -> !exclude.contains(n) && !n.equals(MALFORMED)).toList();
        for (StructField f : df.schema().fields()) {
            if (chosen.contains(f.name()) && !(f.dataType() instanceof NumericType)) {
                Row bad = df.filter(functions.col(f.name()).isNotNull()
                        .and(functions.col(f.name()).try_cast(DataTypes.DoubleType).isNull())).select(f.name()).first();
                throw new DataException("column '" + f.name() + "' is not numeric (it holds '" + bad.get(0) + "'); "
                        + "expected numbers; leave it out with --exclude-columns " + f.name() + " or name it with "
                        + "--id-column");
            }
        }
        if (chosen.isEmpty()) {
            throw new DataException("no columns left to train on; expected at least one numeric column");
        }
        // one pass finds the first row of the wrong length, with a missing value, or with an infinite one
        Column bad = typedCsv ? functions.col(MALFORMED).isNotNull() : functions.lit(false);
        for (String c : chosen) {
            Column v = functions.col(c);
            bad = bad.or(v.isNull()).or(functions.isnan(v)).or(v.equalTo(Double.POSITIVE_INFINITY))
                    .or(v.equalTo(Double.NEGATIVE_INFINITY));
        }
        List<Row> found = df.filter(bad).limit(1).collectAsList();
        if (!found.isEmpty()) {
            Row r = found.get(0);
            if (typedCsv && !r.isNullAt(r.fieldIndex(MALFORMED))) {
                String line = r.getString(r.fieldIndex(MALFORMED));
                throw new DataException("the row '" + line + "' has " + line.split(",", -1).length + " fields, expected "
                        + (df.columns().length - 1) + " like the header; fix or drop the row");
            }
            for (String c : chosen) {
                int i = r.fieldIndex(c);
                if (r.isNullAt(i) || Double.isNaN(((Number) r.get(i)).doubleValue())) {
                    throw new DataException("column '" + c + "' has a missing value (an empty cell or NaN) in the row "
                            + r.mkString(",") + "; expected a number in every row: fill it in or drop the row");
                }
                if (Double.isInfinite(((Number) r.get(i)).doubleValue())) {
                    throw new DataException("column '" + c + "' has the value " + r.get(i) + " in the row "
                            + r.mkString(",") + "; expected finite numbers");
                }
            }
        }
        if (typedCsv) {
            df = df.drop(MALFORMED);
        }
        return new Checked(df, chosen);
    }

    /** A table whose chosen columns hold a number in every row, and those columns. */
    public record Checked(Dataset<Row> data, List<String> columns) {}

    /** The chosen columns as double rows (checked by {@link #check}); an infinite value is an error. */
    public static JavaRDD<double[]> rows(Dataset<Row> df, List<String> columns) {
        Column[] cols = columns.stream().map(c -> functions.col(c).cast(DataTypes.DoubleType)).toArray(Column[]::new);
        Dataset<Row> sel = df.select(cols);
        String[] names = columns.toArray(String[]::new);
        return sel.javaRDD().map(r -> {
            double[] v = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                if (r.isNullAt(i)) {
                    throw new DataException("column '" + names[i] + "' has a missing or non-numeric value");
                }
                v[i] = r.getDouble(i);
                if (!Double.isFinite(v[i])) {
                    throw new DataException("column '" + names[i] + "' has the value " + v[i]
                            + "; expected finite numbers");
                }
            }
            return v;
        });
    }
}
