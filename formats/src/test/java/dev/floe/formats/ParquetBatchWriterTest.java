package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parquet files Floe writes read back identically in Floe and in DuckDB, for every flat type. */
class ParquetBatchWriterTest {

    private static RecordBatch flatTypes(LeakCheckingAllocator a) {
        return Batches.with(a.get())
                .col("bool", DataType.bool(), true, null, false)
                .col("i8", DataType.int8(), (byte) -8, null, Byte.MAX_VALUE)
                .col("i16", DataType.int16(), (short) -16, null, Short.MIN_VALUE)
                .col("i32", DataType.int32(), -32, null, Integer.MAX_VALUE)
                .col("i64", DataType.int64(), -64L, null, Long.MIN_VALUE)
                .col("u8", DataType.uint8(), (short) 255, null, (short) 0)
                .col("u16", DataType.uint16(), 65535, null, 1)
                .col("u32", DataType.uint32(), 4294967295L, null, 2L)
                .col("u64", DataType.uint64(), new BigInteger("18446744073709551615"), null, BigInteger.ONE)
                .col("f32", DataType.float32(), 1.5f, null, Float.NaN)
                .col("f64", DataType.float64(), -2.25, null, Double.NEGATIVE_INFINITY)
                .col("dec", DataType.decimal(15, 2), new BigDecimal("1234567890123.45"), null, new BigDecimal("-0.01"))
                .col("dec7", DataType.decimal(7, 2), new BigDecimal("-99999.99"), null, new BigDecimal("12345.67"))
                .col("dec38", DataType.decimal(38, 10), new BigDecimal("1234567890123456789012345678.0123456789"), null,
                        new BigDecimal("-1.0000000001"))
                .col("str", DataType.string(), "héllo", null, "")
                .col("bin", DataType.binary(), new byte[] {1, 2, 3}, null, new byte[0])
                .col("date", DataType.date(), LocalDate.of(1998, 9, 2), null, LocalDate.of(1969, 12, 31))
                .col("ts", DataType.timestamp(TimeUnit.MICROSECOND, null), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), null,
                        LocalDateTime.of(1960, 1, 1, 0, 0))
                .col("tsz", DataType.timestamp(TimeUnit.MILLISECOND, "UTC"), Instant.parse("2024-01-02T03:04:05.123Z"),
                        null, Instant.EPOCH)
                .col("dur", DataType.duration(TimeUnit.MILLISECOND), Duration.ofMillis(1500), null, Duration.ZERO)
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void everyFlatTypeRoundTripsThroughFloesReader(CompressionCodecName codec, @TempDir Path dir) throws Exception {
        String path = dir.resolve("t.parquet").toString();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-write");
                RecordBatch batch = flatTypes(a)) {
            try (ParquetBatchWriter w = new ParquetBatchWriter(path, batch.schema(), codec, 1 << 20)) {
                w.write(batch);
                w.write(batch);
            }
            Schema read = ParquetFormat.fileSchema(path);
            assertThat(read.names()).isEqualTo(batch.schema().names());
            List<Object> expected = new ArrayList<>();
            for (int c = 0; c < batch.numColumns(); c++) {
                List<Object> v = Batches.values(batch, c);
                expected.add(concat(v, v));
            }
            List<Object> actual = new ArrayList<>();
            try (BatchReader r = ParquetFormat.read(path, read, read.names(), null, 1000, a.get(), new ScanMetrics())) {
                List<List<Object>> cols = new ArrayList<>();
                for (int c = 0; c < read.size(); c++) {
                    cols.add(new ArrayList<>());
                }
                while (r.hasNext()) {
                    try (RecordBatch b = r.next()) {
                        for (int c = 0; c < b.numColumns(); c++) {
                            cols.get(c).addAll(Batches.values(b, c));
                        }
                    }
                }
                actual.addAll(cols);
            }
            for (int c = 0; c < batch.numColumns(); c++) {
                String name = batch.schema().field(c).name();
                if (name.equals("dur")) {
                    // Parquet has no duration type: durations are stored as INT64 counts of their unit
                    assertThat(read.field(c).type()).isEqualTo(DataType.int64());
                    assertThat(actual.get(c)).isEqualTo(java.util.Arrays.asList(1500L, null, 0L, 1500L, null, 0L));
                } else if (name.equals("bin")) {
                    List<?> e = (List<?>) expected.get(c);
                    List<?> got = (List<?>) actual.get(c);
                    for (int i = 0; i < e.size(); i++) {
                        assertThat((byte[]) got.get(i)).as(name).isEqualTo((byte[]) e.get(i));
                    }
                } else {
                    assertThat(actual.get(c)).as(name + " as " + read.field(c).type()).isEqualTo(expected.get(c));
                }
            }
        }
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void duckDbReadsTheSameValues(@TempDir Path dir) throws Exception {
        String path = dir.resolve("t.parquet").toString();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-duck");
                RecordBatch batch = flatTypes(a)) {
            try (ParquetBatchWriter w = new ParquetBatchWriter(path, batch.schema(), CompressionCodecName.SNAPPY, 1 << 20)) {
                w.write(batch);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT i64, u32, dec, dec38, str, date, f64, dec7 FROM read_parquet('" + path
                        + "') ORDER BY i64 NULLS LAST")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(Long.MIN_VALUE);
            assertThat(rs.getLong(2)).isEqualTo(2L);
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("-0.01");
            assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("-1.0000000001");
            assertThat(rs.getString(5)).isEqualTo("");
            assertThat(rs.getObject(6, LocalDate.class)).isEqualTo(LocalDate.of(1969, 12, 31));
            assertThat(rs.getDouble(7)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("12345.67");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(-64L);
            assertThat(rs.getLong(2)).isEqualTo(4294967295L);
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1234567890123.45");
            assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("1234567890123456789012345678.0123456789");
            assertThat(rs.getString(5)).isEqualTo("héllo");
            assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("-99999.99");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNull();
            assertThat(rs.getObject(5)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    /**
     * The spec's physical type per decimal precision: INT32 up to 9 digits, INT64 up to 18 (INT64 for
     * fewer digits is legal but warned about, and Spark 4.0.1's vectorized reader fails on it when a
     * chunk mixes dictionary and plain pages: SPARK-56872), 16 bytes beyond.
     */
    @Test
    void decimalsTakeThePhysicalTypeTheSpecNamesForTheirPrecision(@TempDir Path dir) throws Exception {
        String path = dir.resolve("d.parquet").toString();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("parquet-dec");
                RecordBatch batch = Batches.with(a.get())
                        .col("d5", DataType.decimal(5, 2), new BigDecimal("-999.99"), null)
                        .col("d9", DataType.decimal(9, 0), new BigDecimal("999999999"), new BigDecimal("-999999999"))
                        .col("d10", DataType.decimal(10, 2), new BigDecimal("99999999.99"), null)
                        .col("d18", DataType.decimal(18, 4), new BigDecimal("-12345678901234.5678"), null)
                        .col("d38", DataType.decimal(38, 0), new BigDecimal("12345678901234567890123456789"), null)
                        .build()) {
            try (ParquetBatchWriter w = new ParquetBatchWriter(path, batch.schema(), CompressionCodecName.SNAPPY, 1 << 20)) {
                w.write(batch);
            }
        }
        try (org.apache.parquet.hadoop.ParquetFileReader r = ParquetFormat.openReader(path)) {
            List<String> types = new ArrayList<>();
            for (org.apache.parquet.schema.Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
                types.add(t.getName() + " " + t.asPrimitiveType().getPrimitiveTypeName() + " "
                        + t.getLogicalTypeAnnotation());
            }
            assertThat(types).containsExactly("d5 INT32 DECIMAL(5,2)", "d9 INT32 DECIMAL(9,0)",
                    "d10 INT64 DECIMAL(10,2)", "d18 INT64 DECIMAL(18,4)", "d38 FIXED_LEN_BYTE_ARRAY DECIMAL(38,0)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT d5, d9, d10, d18, d38 FROM read_parquet('" + path + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("-999.99");
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("999999999");
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("99999999.99");
            assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("-12345678901234.5678");
            assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("12345678901234567890123456789");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNull();
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("-999999999");
        }
    }

    @Test
    void typesParquetCannotHoldAreRefusedWithTheColumnPath(@TempDir Path dir) {
        Schema schema = Schema.of(dev.floe.api.types.Field.of("s", DataType.struct(
                dev.floe.api.types.Field.of("spans", DataType.list(DataType.interval())))));
        assertThatThrownBy(() -> new ParquetBatchWriter(dir.resolve("x.parquet").toString(), schema,
                CompressionCodecName.SNAPPY, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s.spans[]'").hasMessageContaining("interval");
    }
}
