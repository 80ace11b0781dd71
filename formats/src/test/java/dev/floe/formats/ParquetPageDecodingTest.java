package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The page decoder gives the same batches as parquet-java's ColumnReader path for every flat
 * type, with and without nulls, all null, dictionary and plain (and dictionaries that fall back to
 * plain mid-chunk), data pages V1 and V2, with pages of 100 rows read in batches of 777 rows.
 */
class ParquetPageDecodingTest {
    private static final int ROWS = 5000;
    private static final int BATCH = 777;

    enum Nulls { NONE, SOME, ALL }

    private static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BOOLEAN).named("bool")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named("i8")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, false)).named("u8")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named("i16")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, false)).named("u16")
            .optional(PrimitiveTypeName.INT32).named("i32")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, false)).named("u32")
            .optional(PrimitiveTypeName.INT64).named("i64")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, false)).named("u64")
            .optional(PrimitiveTypeName.FLOAT).named("f32")
            .optional(PrimitiveTypeName.DOUBLE).named("f64")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("date")
            .optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ts")
            .optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named("tsz")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).named("dec9")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(3, 18)).named("dec18")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                    .as(LogicalTypeAnnotation.decimalType(10, 38)).named("dec38")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(5)
                    .as(LogicalTypeAnnotation.decimalType(2, 10)).named("dec10")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(4, 20)).named("decbin")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("str")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("uniq")
            .optional(PrimitiveTypeName.BINARY).named("bin")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(3).named("fix3")
            .required(PrimitiveTypeName.INT64).named("req_i64")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("req_str")
            .named("t");

    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (WriterVersion v : WriterVersion.values()) {
            for (boolean dict : new boolean[] {true, false}) {
                for (Nulls nulls : Nulls.values()) {
                    out.add(Arguments.of(v, dict, nulls));
                }
            }
        }
        return out.stream();
    }

    /** A small value space (so dictionaries form) except for i64 and uniq, whose dictionaries overflow. */
    private static String str(int k) {
        return k % 7 == 0 ? "" : "s" + k + "é".repeat(k % 4);
    }

    private static BigInteger dec38(int k) {
        return BigInteger.valueOf(k - 20).multiply(BigInteger.TEN.pow(30)).add(BigInteger.valueOf(k));
    }

    private static byte[] bigEndian(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        byte fill = (byte) (v.signum() < 0 ? -1 : 0);
        java.util.Arrays.fill(out, fill);
        System.arraycopy(raw, 0, out, len - raw.length, raw.length);
        return out;
    }

    private static void write(String path, WriterVersion version, boolean dictionary, Nulls nulls, int rows)
            throws Exception {
        Random rnd = new Random(42);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new FlinkOutputFile(path))
                .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withType(SCHEMA)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(2048)
                .withPageSize(1024)
                .withPageRowCountLimit(100)
                .withRowGroupRowCountLimit(2000)
                .build()) {
            for (int r = 0; r < rows; r++) {
                Group g = groups.newGroup();
                int k = rnd.nextInt(40);
                long big = rnd.nextLong();
                for (int c = 0; c < SCHEMA.getFieldCount(); c++) {
                    String name = SCHEMA.getFieldName(c);
                    boolean required = name.startsWith("req_");
                    boolean isNull = !required && switch (nulls) {
                        case NONE -> false;
                        case ALL -> true;
                        case SOME -> rnd.nextInt(10) < 3 || (r / 150) % 5 == 1;
                    };
                    if (isNull) {
                        continue;
                    }
                    switch (name) {
                        case "bool" -> g.add(name, k % 3 == 0);
                        case "i8" -> g.add(name, k - 20);
                        case "u8" -> g.add(name, 200 + k);
                        case "i16" -> g.add(name, -30000 + k);
                        case "u16" -> g.add(name, 60000 + k);
                        case "i32" -> g.add(name, Integer.MIN_VALUE + k);
                        case "u32" -> g.add(name, -1 - k);
                        case "i64", "req_i64" -> g.add(name, big);
                        case "u64" -> g.add(name, -1L - k);
                        case "f32" -> g.add(name, k / 4f);
                        case "f64" -> g.add(name, k == 3 ? Double.NaN : -k / 8.0);
                        case "date" -> g.add(name, 10000 + k);
                        case "ts" -> g.add(name, 1_700_000_000_000_000L + k);
                        case "tsz" -> g.add(name, -1_000_000L * k);
                        case "dec9" -> g.add(name, -999_999_999 + k);
                        case "dec18" -> g.add(name, 999_999_999_999_999_999L - k);
                        case "dec38" -> g.add(name, Binary.fromConstantByteArray(bigEndian(dec38(k), 16)));
                        case "dec10" -> g.add(name, Binary.fromConstantByteArray(bigEndian(BigInteger.valueOf(k * 1_000_001L - 20_000_000L), 5)));
                        case "decbin" -> g.add(name, Binary.fromConstantByteArray(BigInteger.valueOf(k - 20).shiftLeft(k).toByteArray()));
                        case "str", "req_str" -> g.add(name, str(k));
                        case "uniq" -> g.add(name, "u" + big);
                        case "bin" -> g.add(name, Binary.fromConstantByteArray(new byte[k % 5]));
                        case "fix3" -> g.add(name, Binary.fromConstantByteArray(new byte[] {(byte) k, 0, (byte) -k}));
                        default -> throw new IllegalStateException(name);
                    }
                }
                w.write(g);
            }
        }
    }

    private static List<List<Object>> readAll(String path, Schema schema, List<String> columns, boolean pageDecoding,
            ScanMetrics metrics, LeakCheckingAllocator a) throws Exception {
        Schema read = schema.select(columns);
        List<List<Object>> cols = new ArrayList<>();
        for (int c = 0; c < read.size(); c++) {
            cols.add(new ArrayList<>());
        }
        try (ParquetBatchReader r = new ParquetBatchReader(path, schema, columns, null, BATCH, a.get(), metrics,
                pageDecoding)) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    for (int c = 0; c < b.numColumns(); c++) {
                        for (Object o : Batches.values(b, c)) {
                            cols.get(c).add(o instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : o);
                        }
                    }
                }
            }
        }
        return cols;
    }

    @ParameterizedTest(name = "{0} dictionary={1} nulls={2}")
    @MethodSource("files")
    void pageDecodingGivesTheColumnReadersValues(WriterVersion version, boolean dictionary, Nulls nulls,
            @TempDir Path dir) throws Exception {
        String path = dir.resolve("t.parquet").toString();
        write(path, version, dictionary, nulls, ROWS);
        Schema schema = ParquetFormat.fileSchema(path);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("page-decoding")) {
            ScanMetrics fastMetrics = new ScanMetrics();
            ScanMetrics slowMetrics = new ScanMetrics();
            List<List<Object>> fast = readAll(path, schema, schema.names(), true, fastMetrics, a);
            List<List<Object>> slow = readAll(path, schema, schema.names(), false, slowMetrics, a);
            for (int c = 0; c < schema.size(); c++) {
                String name = schema.field(c).name();
                assertThat(fast.get(c)).as(name).hasSize(ROWS);
                assertThat(fast.get(c)).as(name + " as " + schema.field(c).type()).isEqualTo(slow.get(c));
                if (nulls == Nulls.ALL && !name.startsWith("req_")) {
                    assertThat(fast.get(c)).as(name).containsOnlyNulls();
                }
            }
            assertThat(fastMetrics.pagesFastDecoded).isPositive();
            if (version == WriterVersion.PARQUET_1_0) {
                assertThat(fastMetrics.pagesFallback).isZero();
                assertThat(fastMetrics.columnChunksFallback).isZero();
            }
            assertThat(slowMetrics.pagesFastDecoded).isZero();
            assertThat(slowMetrics.pagesFallback).isPositive();
            assertThat(fastMetrics.rowsRead).isEqualTo(ROWS);
        }
    }

    @Test
    void valuesMatchWhatWasWritten(@TempDir Path dir) throws Exception {
        String path = dir.resolve("t.parquet").toString();
        write(path, WriterVersion.PARQUET_1_0, true, Nulls.NONE, ROWS);
        Schema schema = ParquetFormat.fileSchema(path);
        List<String> cols = List.of("bool", "u32", "i64", "dec38", "dec10", "decbin", "str", "fix3", "req_str");
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("page-decoding-values")) {
            List<List<Object>> got = readAll(path, schema, cols, true, new ScanMetrics(), a);
            Random rnd = new Random(42);
            for (int r = 0; r < ROWS; r++) {
                int k = rnd.nextInt(40);
                long big = rnd.nextLong();
                assertThat(got.get(0).get(r)).isEqualTo(k % 3 == 0);
                assertThat(got.get(1).get(r)).isEqualTo(4294967295L - k);
                assertThat(got.get(2).get(r)).isEqualTo(big);
                assertThat(got.get(3).get(r)).isEqualTo(new BigDecimal(dec38(k), 10));
                assertThat(got.get(4).get(r)).isEqualTo(new BigDecimal(BigInteger.valueOf(k * 1_000_001L - 20_000_000L), 2));
                assertThat(got.get(5).get(r)).isEqualTo(new BigDecimal(BigInteger.valueOf(k - 20).shiftLeft(k), 4));
                assertThat(got.get(6).get(r)).isEqualTo(str(k));
                assertThat(got.get(7).get(r)).isEqualTo(HexFormat.of().formatHex(new byte[] {(byte) k, 0, (byte) -k}));
                assertThat(got.get(8).get(r)).isEqualTo(str(k));
            }
        }
    }

    @Test
    void anEmptyFileAndAProjectionWork(@TempDir Path dir) throws Exception {
        String empty = dir.resolve("empty.parquet").toString();
        write(empty, WriterVersion.PARQUET_1_0, true, Nulls.SOME, 0);
        String some = dir.resolve("some.parquet").toString();
        write(some, WriterVersion.PARQUET_2_0, true, Nulls.SOME, 1234);
        Schema schema = ParquetFormat.fileSchema(some);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("page-decoding-empty")) {
            assertThat(readAll(empty, schema, List.of("str"), true, new ScanMetrics(), a).get(0)).isEmpty();
            List<String> projection = List.of("uniq", "f64");
            assertThat(readAll(some, schema, projection, true, new ScanMetrics(), a))
                    .isEqualTo(readAll(some, schema, projection, false, new ScanMetrics(), a));
        }
    }

    @Test
    void rleHybridDecoderReadsWhatParquetsEncoderWrote() throws Exception {
        Random rnd = new Random(7);
        for (int width = 0; width <= 32; width++) {
            RunLengthBitPackingHybridEncoder enc = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                    HeapByteBufferAllocator.getInstance());
            int n = 3000;
            int[] values = new int[n];
            long bound = 1L << width;
            for (int i = 0; i < n; i++) {
                // runs (RLE) and noise (bit-packed)
                int v = (int) (rnd.nextInt(4) == 0 ? 0 : (width == 0 ? 0 : rnd.nextLong(bound)));
                values[i] = (i / 50) % 2 == 0 ? (int) Math.min(bound - 1, 5) * (width == 0 ? 0 : 1) : v;
                enc.writeInt(values[i]);
            }
            byte[] bytes = enc.toBytes().toByteArray();
            RleHybridDecoder d = new RleHybridDecoder();
            d.reset(bytes, 0, bytes.length, width);
            int[] got = new int[n];
            int at = 0;
            while (at < n) {
                int k = Math.min(n - at, 1 + rnd.nextInt(97));
                d.readInts(got, at, k);
                at += k;
            }
            assertThat(got).as("width " + width).isEqualTo(values);
        }
        byte[] levels = new byte[10];
        RleHybridDecoder d = new RleHybridDecoder();
        d.reset(new byte[] {(byte) 0x14, 1, 0x03, (byte) 0b10110001}, 0, 4, 1);
        d.readBytes(levels, 0, 10);
        assertThat(levels).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        d.readBytes(levels, 0, 8);
        assertThat(new String(levels, 0, 8, StandardCharsets.ISO_8859_1).chars().toArray())
                .containsExactly(1, 0, 0, 0, 1, 1, 0, 1);
    }
}
