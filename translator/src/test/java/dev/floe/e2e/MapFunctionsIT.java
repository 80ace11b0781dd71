package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.mapFromArrays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map type against DuckDB's MAP: {@code mapFromArrays} / {@code map(keys, values)},
 * {@code map().get} / {@code map_extract_value}, {@code keys} / {@code map_keys}, {@code values} /
 * {@code map_values}, {@code size} / {@code cardinality}, over generated rows with null maps,
 * empty maps, null values, missing and null lookup keys; then a map column through a Parquet
 * write DuckDB reads, and back through a sort and a hash join (Arrow IPC between stages).
 */
class MapFunctionsIT {
    private static final String CREATE = """
            CREATE OR REPLACE TABLE x AS SELECT
              i::BIGINT AS id,
              CASE WHEN i % 9 = 0 THEN NULL
                   ELSE list_transform(range(i % 5), lambda v: 'k' || ((v * 7 + i) % 11)::VARCHAR) END AS ks,
              CASE WHEN i % 9 = 0 OR i % 13 = 0 THEN NULL
                   ELSE list_transform(range(i % 5), lambda v: CASE WHEN (v + i) % 6 = 0 THEN NULL ELSE v * i END)::BIGINT[] END AS vs,
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'k' || (i % 12)::VARCHAR END AS q
            FROM range(0, 600) r(i)
            """;
    private static final String STRINGS = "array_to_string(list_transform(L, lambda v: coalesce(v::VARCHAR, 'null')), '|')";

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute(CREATE);
        String[] names = {"id", "ks", "vs", "q"};
        List<List<Object>> rows = duck.query("SELECT id, ks, vs, q FROM x");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                values.add(r.get(c));
            }
            columns.put(names[c], values);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static DataFrame maps(Floe f) {
        return f.fromColumns(columns).select(col("id"), mapFromArrays(col("ks"), col("vs")).alias("m"), col("q"));
    }

    @Test
    void mapFunctionsMatchDuckDb() {
        try (Floe f = SharedCluster.floe(2);
                Table t = maps(f).select(col("id"), col("m").map().get(col("q")).alias("a"),
                        col("m").map().get("k3").alias("b"), col("m").map().get(lit(null)).alias("c"),
                        col("m").map().keys().alias("d"), col("m").map().values().alias("e"),
                        col("m").map().size().alias("f"), col("m")).toTable()) {
            assertThat(t.schema().field(7).type()).isEqualTo(DataType.map(DataType.string(), DataType.int64()));
            String m = "map(ks, vs)";
            String sql = "SELECT id, map_extract_value(MAP, q), MAP['k3'], NULL, " + STRINGS.replace("L", "map_keys(MAP)")
                    + ", " + STRINGS.replace("L", "map_values(MAP)") + ", cardinality(MAP)::BIGINT, MAP::VARCHAR FROM x";
            Rows.assertSameRows(text(t.toRows()), duck.query(sql.replace("MAP", m)));
        }
    }

    @Test
    void aMapColumnIsWrittenToParquetAndCrossesASortAndAJoin(@TempDir Path dir) {
        String out = dir.resolve("maps").toString();
        try (Floe f = SharedCluster.floe(2)) {
            maps(f).writeParquet(out).toTable().close();
            Rows.assertSameRows(duck.query("SELECT id, m::VARCHAR FROM read_parquet('" + out + "/*.parquet')"),
                    duck.query("SELECT id, map(ks, vs)::VARCHAR FROM x"));
            DataFrame back = f.readParquet(out);
            assertThat(back.schema().find("m").orElseThrow().type())
                    .isEqualTo(DataType.map(DataType.string(), DataType.int64()));
            try (Table t = back.join(f.fromColumns(columns).select(col("id"), col("q").alias("q2")), "id")
                    .sort("id").select(col("id"), col("m").map().get(col("q2")).alias("v"), col("m")).toTable()) {
                Rows.assertSameRows(text(t.toRows()),
                        duck.query("SELECT id, map(ks, vs)[q], map(ks, vs)::VARCHAR FROM x ORDER BY id"));
            }
        }
    }

    @Test
    void typeErrorsArePlanErrors() {
        try (Floe f = SharedCluster.floe(1)) {
            assertThatThrownBy(() -> maps(f).select(col("q").map().keys())).isInstanceOf(PlanException.class)
                    .hasMessageContaining("map().keys needs a map but got string");
            assertThatThrownBy(() -> maps(f).select(col("m").map().get(lit(true))))
                    .isInstanceOf(PlanException.class).hasMessageContaining("cast the key to string");
        }
    }

    /** Lists as DuckDB's array_to_string of their elements ('null' for null), maps as DuckDB's MAP text. */
    private static List<List<Object>> text(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> row = new ArrayList<>(r.size());
            for (Object v : r) {
                if (v instanceof List<?> l) {
                    List<String> parts = new ArrayList<>();
                    l.forEach(x -> parts.add(String.valueOf(x)));
                    row.add(String.join("|", parts));
                } else if (v instanceof Map<?, ?> m) {
                    List<String> parts = new ArrayList<>();
                    m.forEach((k, x) -> parts.add(k + "=" + (x == null ? "NULL" : x)));
                    row.add("{" + String.join(", ", parts) + "}");
                } else {
                    row.add(v);
                }
            }
            out.add(row);
        }
        return out;
    }
}
