package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.JsonOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested JSON on the shared MiniCluster at parallelism 2, against DuckDB's {@code read_json} over
 * the same file: objects (missing keys, null objects, an object in an object), arrays of numbers
 * mixing integers and fractions, arrays of objects with null elements, empty and null arrays.
 * Floe infers the types DuckDB infers, and struct field access, a filter on a nested field,
 * {@code explode} and a Parquet round trip give DuckDB's rows.
 */
class JsonNestedIT {
    private static final int ROWS = 60;
    @TempDir
    static Path dir;
    @RegisterExtension
    static final DuckOracle duck = new DuckOracle();
    private static String file;

    @BeforeAll
    static void writeTheFile() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            b.append("{\"id\":").append(i);
            if (i % 7 == 0) {
                b.append(",\"person\":null");
            } else if (i % 11 != 0) {
                b.append(",\"person\":{\"name\":\"u").append(i % 5).append('"');
                if (i % 3 != 0) {
                    b.append(",\"age\":").append(i % 4 == 0 ? (20 + i) + ".5" : String.valueOf(20 + i));
                }
                if (i % 6 != 0) {
                    b.append(",\"addr\":{\"city\":\"c").append(i % 4).append("\",\"zip\":")
                            .append(i % 5 == 0 ? "null" : String.valueOf(1000 + i)).append('}');
                }
                b.append('}');
            }
            b.append(",\"scores\":");
            b.append(i % 8 == 0 ? "null" : i % 9 == 0 ? "[]"
                    : "[" + i + "," + (i % 2 == 1 ? i + ".25" : String.valueOf(i + 1)) + ",null]");
            if (i % 10 != 0) {
                b.append(",\"items\":[{\"sku\":\"s").append(i).append("\",\"qty\":").append(i % 4).append('}');
                if (i % 3 == 0) {
                    b.append(",null,{\"qty\":2.5}");
                }
                b.append(']');
            }
            b.append("}\n");
        }
        Path p = dir.resolve("nested.json");
        Files.writeString(p, b.toString());
        file = p.toString();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    /** A Floe type as DuckDB's DESCRIBE spells it (integers as BIGINT; DuckDB may say UBIGINT). */
    private static String duckType(DataType t) {
        if (t instanceof DataType.ListOf l) {
            return duckType(l.element()) + "[]";
        }
        if (t instanceof DataType.Struct s) {
            return s.fields().stream().map(f -> f.name() + " " + duckType(f.type()))
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
        }
        return switch (t.kind()) {
            case INT64 -> "BIGINT";
            case FLOAT64 -> "DOUBLE";
            case STRING -> "VARCHAR";
            case BOOL -> "BOOLEAN";
            default -> t.toString().toUpperCase(Locale.ROOT);
        };
    }

    private static String fields(String source) {
        return "SELECT id, person.name, person.age, person.addr.city, person.addr.zip FROM " + source;
    }

    private static DataFrame fields(DataFrame df) {
        return df.select(col("id"), col("person").struct().get("name").alias("name"),
                col("person").struct().get("age").alias("age"),
                col("person").struct().get("addr").struct().get("city").alias("city"),
                col("person").struct().get("addr").struct().get("zip").alias("zip"));
    }

    @Test
    void nestedJsonIsInferredAsDuckDbInfersItAndReadToTheSameValues(@TempDir Path out) {
        String json = "read_json('" + file + "')";
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame df = floe.readJson(file);
            DataType person = DataType.struct(Field.of("name", DataType.string()), Field.of("age", DataType.float64()),
                    Field.of("addr", DataType.struct(Field.of("city", DataType.string()), Field.of("zip", DataType.int64()))));
            DataType item = DataType.struct(Field.of("sku", DataType.string()), Field.of("qty", DataType.float64()));
            assertThat(df.schema().types()).containsExactly(DataType.int64(), person,
                    DataType.list(DataType.float64()), DataType.list(item));
            List<String> duckTypes = duck.query("SELECT column_type FROM (DESCRIBE SELECT * FROM " + json + ")").stream()
                    .map(r -> ((String) r.get(0)).replace("UBIGINT", "BIGINT").replace("\"", ""))
                    .toList();
            assertThat(df.schema().types().stream().map(JsonNestedIT::duckType).toList()).isEqualTo(duckTypes);

            Rows.assertSameRows(run(fields(df)), duck.query(fields(json)));
            Rows.assertSameRows(run(df.select("id", "scores")), duck.query("SELECT id, scores FROM " + json));
            Rows.assertSameRows(run(df.where(col("person").struct().get("age").gt(40)).select("id")),
                    duck.query("SELECT id FROM " + json + " WHERE person.age > 40"));
            // Floe's explode keeps a row with null for a null or empty list (as Daft); DuckDB's unnest does not
            Rows.assertSameRows(run(df.explode(col("items")).select(col("id"),
                            col("items").struct().get("sku").alias("sku"), col("items").struct().get("qty").alias("qty"))),
                    duck.query("SELECT id, it.sku, it.qty FROM (SELECT id, unnest(items) AS it FROM " + json + ")"
                            + " UNION ALL SELECT id, NULL, NULL FROM " + json + " WHERE items IS NULL OR len(items) = 0"));

            String parquet = out.resolve("p").toString();
            run(df.writeParquet(parquet));
            String written = "read_parquet('" + parquet + "/*.parquet')";
            Rows.assertSameRows(duck.query(fields(written)), duck.query(fields(json)));
            String lists = "SELECT id, scores, CAST(items AS VARCHAR) FROM ";
            Rows.assertSameRows(duck.query(lists + written), duck.query(lists + json));
            DataFrame back = floe.readParquet(parquet);
            assertThat(back.schema()).isEqualTo(df.schema());
            Rows.assertSameRows(run(fields(back)), duck.query(fields(json)));
        }
    }

    @Test
    void maximumDepthOneReadsNestedValuesAsJsonTextAsBefore() {
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame df = floe.readJson(JsonOptions.builder().maximumDepth(1).build(), file);
            assertThat(df.schema().types()).containsExactly(DataType.int64(), DataType.string(), DataType.string(),
                    DataType.string());
            Rows.assertSameRows(run(df.select("id", "scores")), duck.query("SELECT id, CAST(scores AS VARCHAR)"
                    + " FROM read_json('" + file + "', columns = {id: 'BIGINT', scores: 'JSON'})"));
        }
    }
}
