package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.concatStr;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.udf;
import static dev.floe.api.Functions.udfRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Series;
import dev.floe.arrow.Table;
import dev.floe.arrow.Values;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code list()}, {@code struct().get}, {@code concatStr}, {@code explode} and UDFs on the shared
 * MiniCluster at parallelism 4 against DuckDB (list_*, struct extract, unnest, ||), over data
 * DuckDB generates with null lists, empty lists, null elements, null structs and null fields.
 * {@code hash()} values are Floe's own, so only its properties are checked.
 */
class NestedAndUdfIT {
    private static final int ROWS = 20_000;

    private static DuckOracle duck;
    private static Schema schema;
    private static Map<String, List<Object>> columns;

    /** {@code [e(0), ..., e(k-1)]} for k = i % 4 + 1 (or i % 3 + 1), written out without lambdas. */
    private static String list(int mod, String element) {
        StringBuilder sb = new StringBuilder("CASE i % ").append(mod);
        for (int k = 1; k <= mod; k++) {
            sb.append(" WHEN ").append(k - 1).append(" THEN [");
            for (int j = 0; j < k; j++) {
                sb.append(j > 0 ? ", " : "").append(element.replace("J", Integer.toString(j)));
            }
            sb.append(']');
        }
        return sb.append(" END").toString();
    }

    @BeforeAll
    static void setUp() throws SQLException {
        duck = new DuckOracle();
        duck.execute("CREATE TABLE x AS SELECT i::BIGINT AS id,"
                + " CASE WHEN i % 7 = 0 THEN NULL WHEN i % 5 = 0 THEN []::BIGINT[] ELSE ("
                + list(4, "CASE WHEN (i + J) % 6 = 0 THEN NULL ELSE (i * 31 + J * 17) % 1000 - 500 END") + ")::BIGINT[] END AS xs,"
                + " CASE WHEN i % 9 = 0 THEN NULL WHEN i % 8 = 0 THEN []::VARCHAR[] ELSE ("
                + list(3, "CASE WHEN (i + J) % 5 = 0 THEN NULL ELSE 'w' || ((i * 7 + J) % 50)::VARCHAR END") + ")::VARCHAR[] END AS tags,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE {'x': (CASE WHEN i % 13 = 0 THEN NULL ELSE i % 100 END)::BIGINT,"
                + " 'label': CASE WHEN i % 17 = 0 THEN NULL ELSE 'L' || (i % 10)::VARCHAR END} END AS p,"
                + " CASE WHEN i % 6 = 0 THEN NULL ELSE 's' || (i % 37)::VARCHAR END AS s,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE 'é' || (i % 23)::VARCHAR END AS t"
                + " FROM range(0, " + ROWS + ") r(i)");
        schema = new Schema(List.of(Field.of("id", DataType.int64()), Field.of("xs", DataType.list(DataType.int64())),
                Field.of("tags", DataType.list(DataType.string())),
                Field.of("p", DataType.struct(Field.of("x", DataType.int64()), Field.of("label", DataType.string()))),
                Field.of("s", DataType.string()), Field.of("t", DataType.string())));
        columns = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            columns.put(f.name(), new ArrayList<>());
        }
        for (List<Object> r : duck.query("SELECT id, xs, tags, p, s, t FROM x")) {
            for (int c = 0; c < r.size(); c++) {
                columns.get(schema.field(c).name()).add(javaValue(r.get(c)));
            }
        }
    }

    /** DuckDB's JDBC arrays and structs as the List and Map values Floe builds vectors from. */
    private static Object javaValue(Object v) throws SQLException {
        if (v instanceof java.sql.Array a) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) {
                out.add(javaValue(e));
            }
            return out;
        }
        if (v instanceof java.sql.Struct s) {
            Object[] attrs = s.getAttributes();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("x", Rows.normalize(attrs[0]));
            m.put("label", attrs[1]);
            return m;
        }
        return Rows.normalize(v);
    }

    private static DataFrame frame(Floe f) {
        BufferAllocator allocator = Allocators.root();
        List<FieldVector> vectors = new ArrayList<>();
        for (Field field : schema.fields()) {
            vectors.add(Values.toVector(field.name(), field.type(), columns.get(field.name()), allocator));
        }
        try (RecordBatch batch = RecordBatch.of(schema, vectors, ROWS)) {
            return f.fromArrow(batch.asRoot());
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void listStructAndConcatFunctionsMatchDuckDb() {
        List<Expression> floe = List.of(col("id"),
                col("xs").list().length(), col("xs").list().get(0), col("xs").list().get(2), col("xs").list().get(-1),
                col("xs").list().sum(), col("xs").list().min(), col("xs").list().max(),
                col("tags").list().join(","), col("tags").list().get(1), col("tags").list().min(), col("tags").list().max(),
                col("p").struct().get("x"), col("p").struct().get("label"),
                concatStr(col("s"), lit("-"), col("t")));
        String sql = """
                SELECT id, len(xs), xs[1], xs[3], xs[-1], list_sum(xs)::BIGINT, list_min(xs), list_max(xs),
                       CASE WHEN tags IS NULL THEN NULL ELSE coalesce(array_to_string(tags, ','), '') END,
                       tags[2], list_min(tags), list_max(tags), p.x, p.label, s || '-' || t
                FROM x""";
        List<Expression> aliased = new ArrayList<>();
        for (int i = 0; i < floe.size(); i++) {
            aliased.add(floe.get(i).alias("c" + i));
        }
        try (Floe f = SharedCluster.floe(4)) {
            Rows.assertSameRows(rows(frame(f).select(aliased.toArray(new Expression[0]))), duck.query(sql));
        }
    }

    @Test
    void explodeKeepsOneNullRowForNullAndEmptyListsLikeDaft() {
        try (Floe f = SharedCluster.floe(4)) {
            DataFrame df = frame(f);
            Rows.assertSameRows(rows(df.explode(col("xs")).select("id", "xs", "s")), duck.query("""
                    SELECT id, unnest(CASE WHEN len(xs) > 0 THEN xs ELSE [NULL]::BIGINT[] END), s FROM x"""));
            // an exploded column feeds a shuffle: count per element value
            Rows.assertSameRows(rows(df.explode(col("tags")).groupBy("tags").agg(count())), duck.query("""
                    SELECT tag, count(*) FROM (SELECT unnest(CASE WHEN len(tags) > 0 THEN tags ELSE [NULL]::VARCHAR[] END)
                    AS tag FROM x) GROUP BY tag"""));
            // an expression explodes in place of the column of its name
            Rows.assertSameRows(rows(df.explode(col("s").str().split("1")).select("id", "s")), duck.query("""
                    SELECT id, unnest(CASE WHEN s IS NULL THEN [NULL] ELSE string_split(s, '1') END) FROM x"""));
        }
    }

    /** Spark's posexplode drops null and empty lists (DuckDB's unnest alike); posexplodeOuter keeps one null row. */
    @Test
    void posexplodeNumbersTheElementsFromZero() {
        try (Floe f = SharedCluster.floe(4)) {
            DataFrame df = frame(f);
            DataFrame numbered = df.posexplode(col("xs"));
            assertThat(numbered.schema().names()).containsExactly("id", "pos", "xs", "tags", "p", "s", "t");
            assertThat(numbered.schema().field(1).type()).isEqualTo(DataType.int32());
            Rows.assertSameRows(rows(numbered.select("id", "pos", "xs", "s")), duck.query("""
                    SELECT id, unnest(range(len(xs)))::INTEGER, unnest(xs), s FROM x"""));
            Rows.assertSameRows(rows(df.posexplodeOuter(col("tags"), "i").select("id", "i", "tags")), duck.query("""
                    SELECT id, unnest(CASE WHEN len(tags) > 0 THEN range(len(tags)) ELSE [NULL] END)::INTEGER,
                    unnest(CASE WHEN len(tags) > 0 THEN tags ELSE [NULL]::VARCHAR[] END) FROM x"""));
            // an expression replaces the column of its name; only the position column is read above
            Rows.assertSameRows(rows(df.posexplode(col("s").str().split("1")).groupBy("pos").agg(count())),
                    duck.query("SELECT p, count(*) FROM (SELECT unnest(range(len(string_split(s, '1'))))::INTEGER AS p"
                            + " FROM x) GROUP BY p"));
            assertThatThrownBy(() -> df.posexplode(col("xs"), "id")).hasMessageContaining(
                    "the position column 'id' exists already");
        }
    }

    /** A vectorized x + k (Series.of boxes, which is fine in a test). */
    private static Series plus(Series in, long k) {
        List<Object> out = new ArrayList<>(in.length());
        for (int i = 0; i < in.length(); i++) {
            out.add(in.isNull(i) ? null : in.getLong(i) + k);
        }
        return Series.of("out", DataType.int64(), out);
    }

    @Test
    void udfsWithCapturedLocalsRunOnTheTaskManagers() {
        long offset = 1000;
        long bonus = 7;
        Expression shifted = udf("shift", DataType.int64(), in -> plus(in[0], offset), col("id"));
        Expression labelled = udfRow("label_len", DataType.int64(),
                row -> row[0] == null ? null : ((String) row[0]).length() + bonus, col("s"));
        try (Floe f = SharedCluster.floe(4)) {
            DataFrame df = frame(f).select(col("id"), shifted.alias("shifted"), labelled.alias("n"));
            Rows.assertSameRows(rows(df.where(col("n").gt(9))), duck.query(
                    "SELECT id, id + 1000, length(s) + 7 FROM x WHERE length(s) + 7 > 9"));
        }
    }

    @Test
    void aFailingUdfNamesItselfAndTheRowValues() {
        Expression picky = udfRow("picky", DataType.int64(), row -> {
            long id = (Long) row[0];
            if (id == 4243) {
                throw new IllegalArgumentException("no 4243 please");
            }
            return id;
        }, col("id"), col("s"));
        try (Floe f = SharedCluster.floe(4)) {
            assertThatThrownBy(() -> rows(frame(f).select(picky)))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("UDF 'picky' failed on the row (id=4243, s='s25')")
                    .hasMessageNotContaining("at row")
                    .hasMessageContaining("no 4243 please");
        }
    }

    @Test
    void hashIsOneValuePerKeyAcrossPartitions() {
        try (Floe f = SharedCluster.floe(4)) {
            DataFrame hashed = frame(f).repartition(4).select(col("s"), col("s").hash().alias("h"), col("id").hash().alias("hi"));
            assertThat(hashed.schema().field(1).type()).isEqualTo(DataType.uint64());
            List<List<Object>> rows = rows(hashed);
            assertThat(rows).hasSize(ROWS);
            Map<Object, Set<Object>> perKey = new HashMap<>();
            Set<Object> idHashes = new HashSet<>();
            for (List<Object> r : rows) {
                assertThat(r.get(1)).isNotNull();
                perKey.computeIfAbsent(Arrays.asList(r.get(0)), k -> new HashSet<>()).add(r.get(1));
                idHashes.add(r.get(2));
            }
            assertThat(perKey).hasSize(38); // 37 strings and null
            perKey.values().forEach(hs -> assertThat(hs).hasSize(1));
            assertThat(perKey.values().stream().map(hs -> hs.iterator().next()).distinct().count()).isEqualTo(38);
            assertThat(idHashes).hasSize(ROWS);
        }
    }
}
