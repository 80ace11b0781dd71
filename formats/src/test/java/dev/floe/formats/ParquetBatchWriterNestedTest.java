package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lists and structs nested in each other (list&lt;struct&gt;, struct&lt;list&gt;, list&lt;list&gt;) with
 * nulls at every level are written as standard three-level LISTs and groups that parquet-java's own
 * reader and DuckDB read back as the values built; the codec and row-group size options reach the
 * footer.
 */
class ParquetBatchWriterNestedTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.int64()),
            Field.of("tags", DataType.list(DataType.string())),
            Field.of("point", DataType.struct(Field.of("x", DataType.int64()), Field.of("label", DataType.string()))),
            Field.of("items", DataType.list(DataType.struct(Field.of("sku", DataType.string()),
                    Field.of("qty", DataType.int32()), Field.of("amount", DataType.decimal(20, 2))))),
            Field.of("info", DataType.struct(Field.of("name", DataType.string()),
                    Field.of("scores", DataType.list(DataType.float64())))),
            Field.of("matrix", DataType.list(DataType.list(DataType.int64()))));

    private static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType("""
            message floe {
              optional int64 id;
              optional group tags (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional group point {
                optional int64 x;
                optional binary label (STRING);
              }
              optional group items (LIST) {
                repeated group list {
                  optional group element {
                    optional binary sku (STRING);
                    optional int32 qty;
                    optional fixed_len_byte_array(16) amount (DECIMAL(20,2));
                  }
                }
              }
              optional group info {
                optional binary name (STRING);
                optional group scores (LIST) {
                  repeated group list {
                    optional double element;
                  }
                }
              }
              optional group matrix (LIST) {
                repeated group list {
                  optional group element (LIST) {
                    repeated group list {
                      optional int64 element;
                    }
                  }
                }
              }
            }
            """);

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Row r's values: each column cycles through null, empty, null inside and full values. */
    private static Object[] row(int r) {
        Object tags = switch (r % 5) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> Arrays.asList("t" + r, null);
            default -> List.of("a" + r % 3, "b", "ç" + r);
        };
        Object point = switch (r % 4) {
            case 0 -> null;
            case 1 -> map("x", null, "label", null);
            case 2 -> map("x", (long) r, "label", null);
            default -> map("x", (long) -r, "label", "p" + r);
        };
        Object items = switch (r % 6) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> Arrays.asList((Object) null);
            case 3 -> Arrays.asList(map("sku", null, "qty", r, "amount", new BigDecimal(r + ".25")), null,
                    map("sku", "s" + r, "qty", null, "amount", null));
            default -> List.of(map("sku", "k", "qty", 1, "amount", new BigDecimal("-123456789012345678.50")));
        };
        Object info = switch (r % 3) {
            case 0 -> null;
            case 1 -> map("name", "n" + r, "scores", null);
            default -> map("name", null, "scores", r % 2 == 0 ? List.of() : Arrays.asList(r + 0.5, null));
        };
        Object matrix = switch (r % 7) {
            case 0 -> null;
            case 1 -> List.of();
            case 2 -> Arrays.asList((Object) null);
            case 3 -> List.of(List.of());
            case 4 -> Arrays.asList(List.of(1L, 2L), List.of(), null, Arrays.asList(null, 3L));
            default -> List.of(List.of((long) r));
        };
        return new Object[] {(long) r, tags, point, items, info, matrix};
    }

    /** Rows {@code from} until {@code to} as a batch. */
    private static RecordBatch batch(LeakCheckingAllocator a, int from, int to) {
        Batches b = Batches.with(a.get());
        for (int c = 0; c < SCHEMA.size(); c++) {
            Object[] values = new Object[to - from];
            for (int r = from; r < to; r++) {
                values[r - from] = row(r)[c];
            }
            b.col(SCHEMA.field(c).name(), SCHEMA.field(c).type(), values);
        }
        return b.build();
    }

    private static List<List<Object>> expectedRows(int from, int to) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = from; r < to; r++) {
            out.add(Arrays.asList(row(r)));
        }
        return out;
    }

    private static void write(String path, ParquetWriteOptions options, int... bounds) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-nested");
                ParquetBatchWriter w = new ParquetBatchWriter(path, SCHEMA, options)) {
            for (int i = 0; i + 1 < bounds.length; i++) {
                try (RecordBatch b = batch(a, bounds[i], bounds[i + 1])) {
                    w.write(b);
                }
            }
        }
    }

    private static ParquetFileReader open(String path) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(Path.of(path)),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE)
                        .build());
    }

    /** Every row through parquet-java's example record reader, as Floe's Java values. */
    private static List<List<Object>> readWithParquetJava(String path) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        try (ParquetFileReader reader = open(path)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group g = records.read();
                    List<Object> row = new ArrayList<>();
                    for (Field f : SCHEMA.fields()) {
                        row.add(value(g, f.name(), f.type()));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static Object value(Group g, String field, DataType type) {
        if (g.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        return switch (type.kind()) {
            case INT64 -> g.getLong(field, 0);
            case INT32 -> g.getInteger(field, 0);
            case FLOAT64 -> g.getDouble(field, 0);
            case STRING -> g.getString(field, 0);
            case DECIMAL -> new BigDecimal(new BigInteger(g.getBinary(field, 0).getBytes()),
                    ((DataType.Decimal) type).scale());
            case LIST -> {
                Group list = g.getGroup(field, 0);
                List<Object> out = new ArrayList<>();
                for (int j = 0; j < list.getFieldRepetitionCount("list"); j++) {
                    out.add(value(list.getGroup("list", j), "element", ((DataType.ListOf) type).element()));
                }
                yield out;
            }
            case STRUCT -> {
                Group struct = g.getGroup(field, 0);
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : ((DataType.Struct) type).fields()) {
                    out.put(f.name(), value(struct, f.name(), f.type()));
                }
                yield out;
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    @Test
    void nestedColumnsReadBackInParquetJavaAsWritten(@TempDir Path dir) throws IOException {
        String path = dir.resolve("nested.parquet").toString();
        // an empty batch, then batches whose list offsets do not start at zero in the file
        write(path, ParquetWriteOptions.defaults(), 0, 0, 1000, 1001, 2500);
        try (ParquetFileReader reader = open(path)) {
            assertThat(reader.getFooter().getFileMetaData().getSchema()).isEqualTo(PARQUET_SCHEMA);
            assertThat(reader.getRecordCount()).isEqualTo(2500);
            // statistics of a leaf under two lists: parquet-java counts the null elements
            ColumnChunkMetaData matrixLeaf = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("matrix.list.element.list.element"))
                    .findFirst().orElseThrow();
            assertThat(matrixLeaf.getStatistics().getNumNulls()).isPositive();
            assertThat(matrixLeaf.getStatistics().genericGetMax()).isEqualTo(2498L);
        }
        assertThat(readWithParquetJava(path)).isEqualTo(expectedRows(0, 2500));
    }

    @Test
    void anEmptyFileHasTheNestedSchemaAndNoRows(@TempDir Path dir) throws IOException {
        String path = dir.resolve("empty.parquet").toString();
        write(path, ParquetWriteOptions.defaults(), 0, 0);
        try (ParquetFileReader reader = open(path)) {
            assertThat(reader.getFooter().getFileMetaData().getSchema()).isEqualTo(PARQUET_SCHEMA);
            assertThat(reader.getRecordCount()).isZero();
        }
    }

    /** DuckDB's JSON text for a Floe Java value, to compare whole nested values in one string. */
    private static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(json(o));
            }
            return "[" + String.join(",", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                parts.add("\"" + e.getKey() + "\":" + json(e.getValue()));
            }
            return "{" + String.join(",", parts) + "}";
        }
        return v.toString();
    }

    @Test
    void duckDbReadsTheNestedValues(@TempDir Path dir) throws Exception {
        String path = dir.resolve("nested.parquet").toString();
        write(path, ParquetWriteOptions.builder().compression("zstd").build(), 0, 700, 1400);
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : expectedRows(0, 1400)) {
            List<Object> json = new ArrayList<>();
            json.add(row.get(0));
            for (int c = 1; c < row.size(); c++) {
                json.add(row.get(c) == null ? null : json(row.get(c)));
            }
            expected.add(json);
        }
        List<List<Object>> actual = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, to_json(tags)::VARCHAR, to_json(point)::VARCHAR,"
                        + " to_json(items)::VARCHAR, to_json(info)::VARCHAR, to_json(matrix)::VARCHAR"
                        + " FROM read_parquet('" + path + "') ORDER BY id")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                row.add(rs.getLong(1));
                for (int i = 2; i <= 6; i++) {
                    row.add(rs.getString(i));
                }
                actual.add(row);
            }
        }
        assertThat(actual).hasSize(1400);
        for (int r = 0; r < expected.size(); r++) {
            assertThat(actual.get(r)).as("row %d", r).isEqualTo(expected.get(r));
        }
    }

    @ParameterizedTest
    @CsvSource({"zstd, ZSTD", "uncompressed, UNCOMPRESSED", "gzip, GZIP", "snappy, SNAPPY", "ZStd, ZSTD"})
    void theChosenCodecIsInEveryColumnChunk(String option, CompressionCodecName codec, @TempDir Path dir)
            throws IOException {
        String path = dir.resolve("c.parquet").toString();
        write(path, ParquetWriteOptions.builder().compression(option).build(), 0, 300);
        try (ParquetFileReader reader = open(path)) {
            List<BlockMetaData> blocks = reader.getFooter().getBlocks();
            assertThat(blocks).isNotEmpty();
            for (BlockMetaData b : blocks) {
                assertThat(b.getColumns()).hasSize(10).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo(codec));
            }
        }
        assertThat(readWithParquetJava(path)).isEqualTo(expectedRows(0, 300));
    }

    @Test
    void aSmallRowGroupSizeGivesSeveralRowGroupsAndKeepsEveryRow(@TempDir Path dir) throws IOException {
        String small = dir.resolve("small.parquet").toString();
        String large = dir.resolve("large.parquet").toString();
        write(small, ParquetWriteOptions.builder().rowGroupSize(16 << 10).pageSize(4 << 10).build(), 0, 5000, 20_000);
        write(large, ParquetWriteOptions.defaults(), 0, 5000, 20_000);
        ParquetMetadata footer;
        try (ParquetFileReader reader = open(small)) {
            footer = reader.getFooter();
        }
        assertThat(footer.getBlocks().size()).isGreaterThan(3);
        assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(20_000);
        try (ParquetFileReader reader = open(large)) {
            assertThat(reader.getFooter().getBlocks()).hasSize(1);
        }
        assertThat(readWithParquetJava(small)).isEqualTo(expectedRows(0, 20_000));
    }
}
