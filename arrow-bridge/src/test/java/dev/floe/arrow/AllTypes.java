package dev.floe.arrow;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.Batches;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** A batch with one column of every type in API.md, nulls in every column. */
public final class AllTypes {
    private AllTypes() {
    }

    public static RecordBatch batch(BufferAllocator a) {
        Map<String, Object> s1 = new LinkedHashMap<>();
        s1.put("x", 1L);
        s1.put("y", "one");
        Map<String, Object> s2 = new LinkedHashMap<>();
        s2.put("x", null);
        s2.put("y", "two");
        return Batches.with(a)
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
                .col("dec38", DataType.decimal(38, 10), new BigDecimal("1234567890123456789012345678.0123456789"), null,
                        BigDecimal.ZERO.setScale(10))
                .col("str", DataType.string(), "héllo", null, "")
                .col("bin", DataType.binary(), new byte[] {1, 2, 3}, null, new byte[0])
                .col("date", DataType.date(), LocalDate.of(1998, 9, 2), null, LocalDate.of(1969, 12, 31))
                .col("ts", DataType.timestamp(TimeUnit.MICROSECOND, null), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), null,
                        LocalDateTime.of(1960, 1, 1, 0, 0))
                .col("tsz", DataType.timestamp(TimeUnit.NANOSECOND, "UTC"), Instant.parse("2024-01-02T03:04:05.123456789Z"),
                        null, Instant.EPOCH)
                .col("dur", DataType.duration(TimeUnit.MILLISECOND), Duration.ofMillis(1500), null, Duration.ZERO)
                .col("ival", DataType.interval(), Period.of(0, 14, 3), null, Period.ZERO)
                .col("list", DataType.list(DataType.int64()), List.of(1L, 2L), null, java.util.Arrays.asList(3L, null))
                .col("struct", DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.string())), s1, null, s2)
                .col("null", DataType.nullType(), null, null, null)
                .build();
    }
}
