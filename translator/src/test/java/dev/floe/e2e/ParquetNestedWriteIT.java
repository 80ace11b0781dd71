package dev.floe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.WriteMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;
import dev.floe.arrow.Values;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code writeParquet} with {@link ParquetWriteOptions} on the shared MiniCluster at parallelism 4:
 * list&lt;string&gt;, struct, list&lt;struct&gt;, struct&lt;list&gt; and list&lt;list&gt; columns that DuckDB
 * generated (null lists, empty lists, null elements, null structs, null fields) are read back by
 * DuckDB from the written files as the same values, with the chosen codec in every column chunk and
 * the row-group size respected. Floe's own reader is not used here.
 */
class ParquetNestedWriteIT {
    private static final int ROWS = 30_000;
    private static final String NESTED = "CAST(tags AS VARCHAR), CAST(p AS VARCHAR), CAST(items AS VARCHAR),"
            + " CAST(info AS VARCHAR), CAST(matrix AS VARCHAR)";

    private static DuckOracle duck;
    private static Schema schema;
    private static Map<String, List<Object>> columns;

    @BeforeAll
    static void setUp() throws SQLException {
        duck = new DuckOracle();
        duck.execute("CREATE TABLE n AS SELECT i::BIGINT AS id, (i % 3)::BIGINT AS part,"
                + " CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN []::VARCHAR[]"
                + "   ELSE ['a' || (i % 5)::VARCHAR, NULL, 'é' || i::VARCHAR] END AS tags,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE {'x': (CASE WHEN i % 13 = 0 THEN NULL ELSE i % 100 END)::BIGINT,"
                + "   'label': CASE WHEN i % 17 = 0 THEN NULL ELSE 'L' || (i % 10)::VARCHAR END} END AS p,"
                + " CASE WHEN i % 7 = 0 THEN NULL WHEN i % 5 = 0 THEN []::STRUCT(sku VARCHAR, qty INTEGER)[]"
                + "   ELSE [{'sku': CASE WHEN i % 4 = 0 THEN NULL ELSE 's' || (i % 50)::VARCHAR END,"
                + "          'qty': CASE WHEN i % 6 = 0 THEN NULL ELSE (i % 9)::INTEGER END},"
                + "         CASE WHEN i % 3 = 0 THEN NULL ELSE {'sku': 'k' || i::VARCHAR, 'qty': 1::INTEGER} END]"
                + "   ::STRUCT(sku VARCHAR, qty INTEGER)[] END AS items,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE {'name': CASE WHEN i % 13 = 1 THEN NULL ELSE 'n' || (i % 10)::VARCHAR END,"
                + "   'scores': CASE WHEN i % 4 = 1 THEN NULL WHEN i % 4 = 2 THEN []::DOUBLE[]"
                + "     ELSE [(i % 100) + 0.5, NULL]::DOUBLE[] END} END AS info,"
                + " CASE WHEN i % 9 = 0 THEN NULL WHEN i % 9 = 1 THEN []::BIGINT[][] WHEN i % 9 = 2 THEN [NULL]::BIGINT[][]"
                + "   WHEN i % 9 = 3 THEN [[]]::BIGINT[][] ELSE [[i, NULL], [i % 7]]::BIGINT[][] END AS matrix"
                + " FROM range(0, " + ROWS + ") r(i)");
        DataType point = DataType.struct(Field.of("x", DataType.int64()), Field.of("label", DataType.string()));
        DataType item = DataType.struct(Field.of("sku", DataType.string()), Field.of("qty", DataType.int32()));
        DataType info = DataType.struct(Field.of("name", DataType.string()),
                Field.of("scores", DataType.list(DataType.float64())));
        schema = new Schema(List.of(Field.of("id", DataType.int64()), Field.of("part", DataType.int64()),
                Field.of("tags", DataType.list(DataType.string())), Field.of("p", point),
                Field.of("items", DataType.list(item)), Field.of("info", info),
                Field.of("matrix", DataType.list(DataType.list(DataType.int64())))));
        columns = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            columns.put(f.name(), new ArrayList<>());
        }
        for (List<Object> r : duck.query("SELECT id, part, tags, p, items, info, matrix FROM n")) {
            for (int c = 0; c < r.size(); c++) {
                columns.get(schema.field(c).name()).add(javaValue(r.get(c), schema.field(c).type()));
            }
        }
    }

    /** DuckDB's JDBC arrays and structs as the List and Map values Floe builds vectors from. */
    private static Object javaValue(Object v, DataType type) throws SQLException {
        if (v instanceof java.sql.Array || v instanceof List<?>) {
            // DuckOracle already turns JDBC arrays into lists, but not the structs inside them.
            List<?> items = v instanceof java.sql.Array a ? java.util.Arrays.asList((Object[]) a.getArray()) : (List<?>) v;
            DataType element = ((DataType.ListOf) type).element();
            List<Object> out = new ArrayList<>();
            for (Object e : items) {
                out.add(javaValue(e, element));
            }
            return out;
        }
        if (v instanceof java.sql.Struct s) {
            Object[] attrs = s.getAttributes();
            List<Field> fields = ((DataType.Struct) type).fields();
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                m.put(fields.get(i).name(), javaValue(attrs[i], fields.get(i).type()));
            }
            return m;
        }
        return Rows.normalize(v);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
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

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void zstdFilesWithSmallRowGroupsHoldTheNestedValues(@TempDir Path dir) {
        String out = dir.resolve("z").toString();
        try (Floe floe = SharedCluster.floe(4)) {
            ParquetWriteOptions options = ParquetWriteOptions.builder().compression("zstd").rowGroupSize(16 << 10)
                    .build();
            List<List<Object>> files = run(frame(floe).writeParquet(out, WriteMode.OVERWRITE, options));
            assertThat(files).isNotEmpty();
            String files0 = "'" + out + "/**/*.parquet'";
            Rows.assertSameRows(duck.query("SELECT id, part, " + NESTED + " FROM read_parquet(" + files0 + ")"),
                    duck.query("SELECT id, part, " + NESTED + " FROM n"));
            // DuckDB's view of the footer: every column chunk zstd, several row groups per file
            assertThat(duck.query("SELECT DISTINCT compression FROM parquet_metadata(" + files0 + ")"))
                    .containsExactly(List.of("ZSTD"));
            long rowGroups = (Long) Rows.normalize(duck.query("SELECT count(*) FROM (SELECT DISTINCT file_name,"
                    + " row_group_id FROM parquet_metadata(" + files0 + "))").get(0).get(0));
            assertThat(rowGroups).isGreaterThanOrEqualTo(2L * files.size());
            // the standard three-level list layout, as other engines expect it
            assertThat(duck.query("SELECT DISTINCT path_in_schema FROM parquet_metadata(" + files0
                    + ") WHERE path_in_schema LIKE 'matrix%'")).containsExactly(List.of(
                    "matrix, list, element, list, element"));
        }
    }

    @Test
    void gzipPartitionedFilesHoldTheNestedValues(@TempDir Path dir) {
        String out = dir.resolve("g").toString();
        try (Floe floe = SharedCluster.floe(4)) {
            ParquetWriteOptions options = ParquetWriteOptions.builder().compression("gzip").build();
            List<List<Object>> files = run(frame(floe).writeParquet(out, WriteMode.OVERWRITE, options, "part"));
            assertThat(files).allSatisfy(r -> assertThat((String) r.get(0)).contains("/part="));
            String files0 = "'" + out + "/**/*.parquet'";
            Rows.assertSameRows(duck.query("SELECT id, part::BIGINT, " + NESTED + " FROM read_parquet(" + files0
                    + ", hive_partitioning = true)"), duck.query("SELECT id, part, " + NESTED + " FROM n"));
            assertThat(duck.query("SELECT DISTINCT compression FROM parquet_metadata(" + files0 + ")"))
                    .containsExactly(List.of("GZIP"));
        }
    }
}
