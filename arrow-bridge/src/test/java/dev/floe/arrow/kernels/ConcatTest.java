package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** Concatenation keeps every value, null and row order of every type, with empty inputs mixed in. */
class ConcatTest {
    private static final Schema ALL = Schema.of(
            Field.of("bool", DataType.bool()),
            Field.of("i8", DataType.int8()),
            Field.of("i16", DataType.int16()),
            Field.of("i32", DataType.int32()),
            Field.of("i64", DataType.int64()),
            Field.of("u8", DataType.uint8()),
            Field.of("u16", DataType.uint16()),
            Field.of("u32", DataType.uint32()),
            Field.of("u64", DataType.uint64()),
            Field.of("f32", DataType.float32()),
            Field.of("f64", DataType.float64()),
            Field.of("dec", DataType.decimal(38, 10)),
            Field.of("str", DataType.string()),
            Field.of("bin", DataType.binary()),
            Field.of("date", DataType.date()),
            Field.of("ts", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
            Field.of("dur", DataType.duration(TimeUnit.MILLISECOND)),
            Field.of("ival", DataType.interval()),
            Field.of("list", DataType.list(DataType.string())),
            Field.of("struct", DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.string()))),
            Field.of("null", DataType.nullType()));

    /** A value of column c for row seed k (null every fourth row and whenever the type is nullType). */
    private static Object value(int c, int k) {
        if (k % 4 == 3 || ALL.field(c).type().kind() == DataType.Kind.NULL) {
            return null;
        }
        return switch (ALL.field(c).type().kind()) {
            case BOOL -> k % 3 == 0;
            case INT8 -> (byte) (k - 50);
            case INT16 -> (short) (k * 300 - 3000);
            case INT32 -> k * 100_000 - 7;
            case INT64 -> (long) k * 1_000_000_000_000L;
            case UINT8 -> (short) (k % 256);
            case UINT16 -> k * 1000 % 65536;
            case UINT32 -> 4294967295L - k;
            case UINT64 -> new BigInteger("18446744073709551615").subtract(BigInteger.valueOf(k));
            case FLOAT32 -> k % 5 == 0 ? Float.NaN : k * 0.5f;
            case FLOAT64 -> k % 5 == 0 ? Double.NEGATIVE_INFINITY : k * -1.25;
            case DECIMAL -> new BigDecimal("1234567890123456789012345678.0123456789").add(BigDecimal.valueOf(k));
            case STRING -> "s" + k + "é".repeat(k % 3);
            case BINARY -> new byte[] {(byte) k, (byte) (k + 1)};
            case DATE -> LocalDate.of(2000, 1, 1).plusDays(k);
            case TIMESTAMP -> LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(k).toInstant(java.time.ZoneOffset.UTC);
            case DURATION -> Duration.ofMillis(k * 7L);
            case INTERVAL -> Period.of(0, k, k % 28);
            case LIST -> k % 5 == 0 ? List.of() : Arrays.asList("a" + k, null, "b");
            case STRUCT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("x", k % 2 == 0 ? null : (long) k);
                m.put("y", "y" + k);
                yield m;
            }
            default -> throw new IllegalStateException();
        };
    }

    private static RecordBatch batch(BufferAllocator a, int from, int rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < ALL.size(); c++) {
            List<Object> vals = new ArrayList<>();
            for (int k = from; k < from + rows; k++) {
                vals.add(value(c, k));
            }
            vectors.add(Values.toVector(ALL.field(c).name(), ALL.field(c).type(), vals, a));
        }
        return RecordBatch.of(ALL, vectors, rows);
    }

    /** Column values comparable with equals (byte arrays as lists, floats by bits). */
    private static List<Object> comparable(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof byte[] b) {
                out.add("bytes" + Arrays.toString(b));
            } else if (v instanceof Double d) {
                out.add(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                out.add(Float.floatToRawIntBits(f));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void everyTypeConcatenatesInOrderWithEmptyBatchesBetween() {
        // sizes chosen so batches start at bit offsets that are not multiples of 8
        int[] sizes = {3, 0, 5, 11, 0, 64, 1};
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("concat-all")) {
            List<RecordBatch> inputs = new ArrayList<>();
            int from = 0;
            for (int s : sizes) {
                inputs.add(batch(a.get(), from, s));
                from += s;
            }
            try (RecordBatch all = Concat.concat(ALL, inputs, a.get());
                    RecordBatch expected = batch(a.get(), 0, from)) {
                assertThat(all.numRows()).isEqualTo(from);
                assertThat(all.schema()).isEqualTo(ALL);
                for (int c = 0; c < ALL.size(); c++) {
                    assertThat(comparable(Batches.values(all, c))).as("column %s", ALL.field(c))
                            .isEqualTo(comparable(Batches.values(expected, c)));
                    assertThat(all.vector(c).getNullCount()).as("nulls of %s", ALL.field(c))
                            .isEqualTo(expected.vector(c).getNullCount());
                }
                // the inputs are untouched and still readable
                int start = 0;
                for (RecordBatch in : inputs) {
                    try (RecordBatch again = batch(a.get(), start, in.numRows())) {
                        for (int c = 0; c < ALL.size(); c++) {
                            assertThat(comparable(Batches.values(in, c))).isEqualTo(comparable(Batches.values(again, c)));
                        }
                    }
                    start += in.numRows();
                }
            } finally {
                inputs.forEach(RecordBatch::close);
            }
        }
    }

    @Test
    void noBatchesOrOnlyEmptyOnesGiveAnEmptyBatch() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("concat-empty")) {
            try (RecordBatch none = Concat.concat(ALL, List.of(), a.get())) {
                assertThat(none.numRows()).isZero();
                assertThat(none.numColumns()).isEqualTo(ALL.size());
            }
            try (RecordBatch e1 = batch(a.get(), 0, 0);
                    RecordBatch e2 = RecordBatch.empty(ALL, a.get());
                    RecordBatch out = Concat.concat(ALL, List.of(e1, e2), a.get())) {
                assertThat(out.numRows()).isZero();
            }
            try (RecordBatch one = batch(a.get(), 5, 9);
                    RecordBatch out = Concat.concat(ALL, List.of(one), a.get())) {
                for (int c = 0; c < ALL.size(); c++) {
                    assertThat(comparable(Batches.values(out, c))).isEqualTo(comparable(Batches.values(one, c)));
                }
            }
        }
    }

    @Test
    void slicedAndLargeStringBatches() {
        Schema schema = Schema.of(Field.of("s", DataType.string()), Field.of("b", DataType.bool()),
                Field.of("x", DataType.int64()));
        Random random = new Random(1);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("concat-strings")) {
            List<RecordBatch> inputs = new ArrayList<>();
            List<List<Object>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            try {
                for (int b = 0; b < 6; b++) {
                    int n = 1 + random.nextInt(3000);
                    Object[] s = new Object[n];
                    Object[] bits = new Object[n];
                    Object[] xs = new Object[n];
                    for (int r = 0; r < n; r++) {
                        s[r] = random.nextInt(7) == 0 ? null : "v" + random.nextInt() + "ü".repeat(random.nextInt(4));
                        bits[r] = random.nextInt(5) == 0 ? null : random.nextBoolean();
                        xs[r] = random.nextInt(6) == 0 ? null : random.nextLong();
                    }
                    try (RecordBatch full = Batches.with(a.get()).col("s", DataType.string(), s)
                            .col("b", DataType.bool(), bits).col("x", DataType.int64(), xs).build()) {
                        // a slice starting mid-byte: offsets and bits that do not start at zero upstream
                        int off = Math.min(n - 1, random.nextInt(13));
                        RecordBatch part = full.slice(off, n - off, a.get());
                        inputs.add(part);
                        expected.get(0).addAll(Arrays.asList(s).subList(off, n));
                        expected.get(1).addAll(Arrays.asList(bits).subList(off, n));
                        expected.get(2).addAll(Arrays.asList(xs).subList(off, n));
                    }
                }
                try (RecordBatch out = Concat.concat(schema, inputs, a.get())) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(Batches.values(out, c)).as("column %s", schema.field(c)).isEqualTo(expected.get(c));
                    }
                }
            } finally {
                inputs.forEach(RecordBatch::close);
            }
        }
    }
}
