package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Map columns in files. Parquet MAP columns: DuckDB's files read as Floe maps (null maps, empty maps, null values, a map
 * of lists, a list of maps), and Floe's files read by DuckDB as the maps written. JSON writes a map as an
 * object (DuckDB's {@code to_json} form). Before the map type, reading failed ("a Parquet MAP, which Floe does not read yet") and writing had no type.
 */
class ParquetMapTest {
    private static final DataType STR_INT = DataType.map(DataType.string(), DataType.int64());
    private static final DataType INT_LIST = DataType.map(DataType.int32(), DataType.list(DataType.string()));

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    /** Column values of a DuckDB result. */
    private static List<List<Object>> duck(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.execute(sql) ? s.getResultSet() : null) {
            while (rs != null && rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<List<Object>> read(String path, int batchRows, LeakCheckingAllocator a) throws Exception {
        Schema schema = ParquetFormat.fileSchema(path);
        List<List<Object>> cols = new ArrayList<>();
        schema.fields().forEach(f -> cols.add(new ArrayList<>()));
        try (BatchReader r = ParquetFormat.read(path, schema, schema.names(), null, batchRows, a.get(), new ScanMetrics())) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    for (int c = 0; c < b.numColumns(); c++) {
                        cols.get(c).addAll(Batches.values(b, c));
                    }
                }
            }
        }
        return cols;
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 2, 1000})
    void duckDbMapsReadAsWritten(int batchRows, @TempDir Path dir) throws Exception {
        String path = dir.resolve("maps.parquet").toString();
        duck("COPY (SELECT * FROM (VALUES"
                + " (1, MAP {'a': 1, 'b': NULL}, MAP {1: ['x', NULL]}, [MAP {'k': 2}]),"
                + " (2, MAP {}, NULL, [NULL, MAP {}]),"
                + " (3, NULL, MAP {2: [], 3: NULL}, NULL),"
                + " (4, MAP {'c': 3}, MAP {}, [])"
                + ") t(id, si, il, lm) ORDER BY id) TO '" + path + "' (FORMAT parquet)");
        assertThat(ParquetFormat.fileSchema(path)).isEqualTo(Schema.of(Field.of("id", DataType.int32()),
                Field.of("si", DataType.map(DataType.string(), DataType.int32())), Field.of("il", INT_LIST),
                Field.of("lm", DataType.list(DataType.map(DataType.string(), DataType.int32())))));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-map-read")) {
            List<List<Object>> got = read(path, batchRows, a);
            assertThat(got.get(1)).isEqualTo(list(map("a", 1, "b", null), map(), null, map("c", 3)));
            assertThat(got.get(2)).isEqualTo(list(map(1, list("x", null)), null, map(2, list(), 3, null), map()));
            assertThat(got.get(3)).isEqualTo(list(list(map("k", 2)), list(null, map()), null, list()));
        }
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3})
    void floeMapsReadByDuckDbAndBack(int batchRows, @TempDir Path dir) throws Exception {
        String path = dir.resolve("floe.parquet").toString();
        Schema schema = Schema.of(Field.of("id", DataType.int64()), Field.of("m", STR_INT), Field.of("il", INT_LIST));
        List<Object> m = list(map("a", 1L, "b", null), map(), null, map("zz", -5L, "y", 7L));
        List<Object> il = list(map(1, list("x", null)), null, map(2, list(), 3, null), map());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-map-write")) {
            try (ParquetBatchWriter w = new ParquetBatchWriter(path, schema, ParquetWriteOptions.defaults());
                    RecordBatch b = Batches.with(a.get()).col("id", DataType.int64(), 1L, 2L, 3L, 4L)
                            .col("m", STR_INT, m.toArray()).col("il", INT_LIST, il.toArray()).build()) {
                w.write(b);
            }
            assertThat(duck("SELECT typeof(m), typeof(il) FROM '" + path + "' LIMIT 1"))
                    .containsExactly(List.of("MAP(VARCHAR, BIGINT)", "MAP(INTEGER, VARCHAR[])"));
            assertThat(duck("SELECT id, cardinality(m)::BIGINT, map_keys(m)::VARCHAR, map_values(m)::VARCHAR, m['b'],"
                    + " il::VARCHAR FROM '" + path + "' ORDER BY id")).containsExactly(
                    list(1L, 2L, "[a, b]", "[1, NULL]", null, "{1=[x, NULL]}"),
                    list(2L, 0L, "[]", "[]", null, null),
                    list(3L, null, null, null, null, "{2=[], 3=NULL}"),
                    list(4L, 2L, "[zz, y]", "[-5, 7]", null, "{}"));
            List<List<Object>> back = read(path, batchRows, a);
            assertThat(back.get(1)).isEqualTo(m);
            assertThat(back.get(2)).isEqualTo(il);
        }
    }

    @org.junit.jupiter.api.Test
    void mapsAreWrittenToJsonAsObjectsDuckDbReads(@TempDir Path dir) throws Exception {
        String path = dir.resolve("maps.json").toString();
        Schema schema = Schema.of(Field.of("m", STR_INT), Field.of("n", DataType.map(DataType.int32(), DataType.string())));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-map-write")) {
            try (JsonBatchWriter w = new JsonBatchWriter(path, schema);
                    RecordBatch b = Batches.with(a.get()).col("m", STR_INT, map("a\"", 1L, "b", null), map(), null)
                            .col("n", schema.field(1).type(), map(1, "x"), null, map(-2, null)).build()) {
                w.write(b);
            }
        }
        assertThat(duck("SELECT json_keys(m)::VARCHAR, json_keys(n)::VARCHAR FROM read_json('" + path
                + "', columns = {m: 'JSON', n: 'JSON'})"))
                .containsExactly(list("['a\"', b]", "[1]"), list("[]", null), list(null, "[-2]"));
        assertThat(java.nio.file.Files.readAllLines(Path.of(path))).containsExactly(
                "{\"m\":{\"a\\\"\":1,\"b\":null},\"n\":{\"1\":\"x\"}}",
                "{\"m\":{},\"n\":null}",
                "{\"m\":null,\"n\":{\"-2\":null}}");
    }
}
