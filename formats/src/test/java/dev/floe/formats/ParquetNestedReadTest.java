package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lists and structs, nested either way, read from files DuckDB and parquet-java wrote: null
 * lists, empty lists, null elements, null structs, structs with null fields, list of struct,
 * struct of list, list of list, and the legacy two-level list forms. Expected values are written
 * by hand from the inputs.
 */
class ParquetNestedReadTest {

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    private static Map<String, Object> struct(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<List<Object>> read(String path, List<String> columns, int batchRows, LeakCheckingAllocator a) {
        Schema schema = ParquetFormat.fileSchema(path);
        List<List<Object>> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cols.add(new ArrayList<>());
        }
        try (BatchReader r = ParquetFormat.read(path, schema, columns, null, batchRows, a.get(), new ScanMetrics())) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    for (int c = 0; c < b.numColumns(); c++) {
                        cols.get(c).addAll(Batches.values(b, c));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return cols;
    }

    private static String duckFile(Path dir) throws Exception {
        String path = dir.resolve("nested.parquet").toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES"
                    + " (1, [1, 2, 3], ['a', NULL, ''], {'a': 1, 'b': 'x'},"
                    + "   [{'p': 1, 'q': [1.5::DOUBLE, NULL]}], {'tags': ['a', 'b'], 'n': 5::BIGINT}, [[1], [2, 3]]),"
                    + " (2, [], NULL, NULL, [NULL, {'p': NULL, 'q': []}], {'tags': NULL, 'n': NULL}, [[]]),"
                    + " (3, NULL, [], {'a': NULL, 'b': 'y'}, NULL, NULL, [NULL]),"
                    + " (4, [NULL, 4], ['héllo'], {'a': 2, 'b': NULL}, [], {'tags': [], 'n': 7}, NULL),"
                    + " (5, [5], [NULL], {'a': NULL, 'b': NULL}, [{'p': 3, 'q': NULL}], {'tags': [NULL], 'n': 8},"
                    + "   [[4, NULL], [], [5]])"
                    + ") t(id, ints, strs, st, los, sol, lol) ORDER BY id) TO '" + path + "' (FORMAT parquet)");
        }
        return path;
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 2, 1000})
    void duckDbListsAndStructsReadAsWritten(int batchRows, @TempDir Path dir) throws Exception {
        String path = duckFile(dir);
        Schema schema = ParquetFormat.fileSchema(path);
        DataType st = DataType.struct(Field.of("a", DataType.int32()), Field.of("b", DataType.string()));
        DataType los = DataType.list(DataType.struct(Field.of("p", DataType.int32()),
                Field.of("q", DataType.list(DataType.float64()))));
        DataType sol = DataType.struct(Field.of("tags", DataType.list(DataType.string())), Field.of("n", DataType.int64()));
        assertThat(schema).isEqualTo(Schema.of(Field.of("id", DataType.int32()),
                Field.of("ints", DataType.list(DataType.int32())), Field.of("strs", DataType.list(DataType.string())),
                Field.of("st", st), Field.of("los", los), Field.of("sol", sol),
                Field.of("lol", DataType.list(DataType.list(DataType.int32())))));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-duck")) {
            List<List<Object>> got = read(path, schema.names(), batchRows, a);
            assertThat(got.get(0)).containsExactly(1, 2, 3, 4, 5);
            assertThat(got.get(1)).isEqualTo(list(list(1, 2, 3), list(), null, list(null, 4), list(5)));
            assertThat(got.get(2)).isEqualTo(list(list("a", null, ""), null, list(), list("héllo"), list((Object) null)));
            assertThat(got.get(3)).isEqualTo(list(struct("a", 1, "b", "x"), null, struct("a", null, "b", "y"),
                    struct("a", 2, "b", null), struct("a", null, "b", null)));
            assertThat(got.get(4)).isEqualTo(list(list(struct("p", 1, "q", list(1.5, null))),
                    list(null, struct("p", null, "q", list())), null, list(), list(struct("p", 3, "q", null))));
            assertThat(got.get(5)).isEqualTo(list(struct("tags", list("a", "b"), "n", 5L), struct("tags", null, "n", null),
                    null, struct("tags", list(), "n", 7L), struct("tags", list((Object) null), "n", 8L)));
            assertThat(got.get(6)).isEqualTo(list(list(list(1), list(2, 3)), list(list()), list((Object) null), null,
                    list(list(4, null), list(), list(5))));
        }
    }

    @Test
    void projectingANestedColumnReadsAllItsLeaves(@TempDir Path dir) throws Exception {
        String path = duckFile(dir);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-projection")) {
            List<List<Object>> got = read(path, List.of("sol", "id"), 3, a);
            assertThat(got.get(0)).hasSize(5);
            assertThat(got.get(0).get(0)).isEqualTo(struct("tags", list("a", "b"), "n", 5L));
            assertThat(got.get(1)).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void manyRowsOfListsAcrossPagesAndBatches(@TempDir Path dir) throws Exception {
        String path = dir.resolve("many.parquet").toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE list_transform(range(i % 5),"
                    + " lambda x: CASE WHEN x = 2 THEN NULL ELSE x * i END) END AS xs,"
                    + " {'k': i, 's': CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END} AS kv"
                    + " FROM range(0, 30000) r(i)) TO '" + path + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-many")) {
            List<List<Object>> got = read(path, List.of("i", "xs", "kv"), 4096, a);
            assertThat(got.get(0)).hasSize(30000);
            for (int row = 0; row < 30000; row++) {
                long i = (Long) got.get(0).get(row);
                assertThat(i).isEqualTo(row);
                List<Object> expected = null;
                if (i % 7 != 0) {
                    expected = new ArrayList<>();
                    for (long x = 0; x < i % 5; x++) {
                        expected.add(x == 2 ? null : x * i);
                    }
                }
                assertThat(got.get(1).get(row)).as("row " + row).isEqualTo(expected);
                assertThat(got.get(2).get(row)).isEqualTo(struct("k", i, "s", i % 3 == 0 ? null : "v" + i));
            }
        }
    }

    @Test
    void legacyTwoLevelListsAndBareRepeatedFields(@TempDir Path dir) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message t {"
                + " optional group a (LIST) { repeated int32 array; }"
                + " optional group b (LIST) { repeated group array { optional binary s (UTF8); } }"
                + " optional group c (LIST) { repeated group c_tuple { required int32 x; } }"
                + " optional group d (LIST) { repeated group pair { required int32 k; optional int32 v; } }"
                + " repeated int32 r;"
                + " optional group e { required int32 f; optional group g { optional int64 h; } }"
                + "}");
        String path = dir.resolve("legacy.parquet").toString();
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new FlinkOutputFile(path))
                .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE).withType(schema).build()) {
            Group g1 = f.newGroup();
            g1.addGroup("a").append("array", 1).append("array", 2);
            Group b1 = g1.addGroup("b");
            b1.addGroup("array").append("s", "x");
            b1.addGroup("array");
            g1.addGroup("c").addGroup("c_tuple").append("x", 9);
            g1.addGroup("d").addGroup("pair").append("k", 1).append("v", 2);
            g1.append("r", 7).append("r", 8);
            g1.addGroup("e").append("f", 1).addGroup("g").append("h", 10L);
            w.write(g1);
            Group g2 = f.newGroup();
            g2.addGroup("a");
            g2.addGroup("d").addGroup("pair").append("k", 3);
            g2.addGroup("e").append("f", 2).addGroup("g");
            w.write(g2);
            w.write(f.newGroup());
        }
        Schema read = ParquetFormat.fileSchema(path);
        assertThat(read.find("a").orElseThrow().type()).isEqualTo(DataType.list(DataType.int32()));
        assertThat(read.find("b").orElseThrow().type())
                .isEqualTo(DataType.list(DataType.struct(Field.of("s", DataType.string()))));
        assertThat(read.find("c").orElseThrow().type())
                .isEqualTo(DataType.list(DataType.struct(Field.of("x", DataType.int32()))));
        assertThat(read.find("d").orElseThrow().type()).isEqualTo(DataType.list(
                DataType.struct(Field.of("k", DataType.int32()), Field.of("v", DataType.int32()))));
        assertThat(read.find("r").orElseThrow().type()).isEqualTo(DataType.list(DataType.int32()));
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nested-legacy")) {
            List<List<Object>> got = read(path, read.names(), 2, a);
            assertThat(got.get(0)).isEqualTo(list(list(1, 2), list(), null));
            assertThat(got.get(1)).isEqualTo(list(list(struct("s", "x"), struct("s", null)), null, null));
            assertThat(got.get(2)).isEqualTo(list(list(struct("x", 9)), null, null));
            assertThat(got.get(3)).isEqualTo(list(list(struct("k", 1, "v", 2)), list(struct("k", 3, "v", null)), null));
            assertThat(got.get(4)).isEqualTo(list(list(7, 8), list(), list()));
            assertThat(got.get(5)).isEqualTo(list(struct("f", 1, "g", struct("h", 10L)), struct("f", 2, "g", struct("h", null)),
                    null));
        }
    }
}
