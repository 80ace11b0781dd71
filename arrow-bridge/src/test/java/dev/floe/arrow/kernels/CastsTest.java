package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float32;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.int8;
import static dev.floe.api.types.DataType.string;
import static dev.floe.api.types.DataType.uint8;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Casts between numbers, strings, decimals and dates; a failing cast is an error that names the
 * value, the target type, the row and the expression, and {@code tryCast} (lenient) gives null
 * instead. Scalars are converted once with {@link Casts#convert}.
 */
class CastsTest {
    private static final DataType TS = DataType.timestamp(TimeUnit.MICROSECOND, null);
    private static final DataType TSZ = DataType.timestamp(TimeUnit.MICROSECOND, "UTC");

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of(int64(), string(), 42L, "42"),
                Arguments.of(int32(), string(), -7, "-7"),
                Arguments.of(int32(), int64(), -5, -5L),
                Arguments.of(int64(), int32(), 123L, 123),
                Arguments.of(int64(), int8(), -128L, (byte) -128),
                Arguments.of(int32(), float64(), 3, 3.0),
                Arguments.of(int64(), float32(), -2L, -2.0f),
                Arguments.of(float64(), int32(), 3.0, 3),
                Arguments.of(float64(), float32(), 0.5, 0.5f),
                Arguments.of(float32(), float64(), 0.25f, 0.25),
                Arguments.of(float64(), string(), 1.5, "1.5"),
                Arguments.of(string(), int32(), "42", 42),
                Arguments.of(string(), int32(), "-17", -17),
                Arguments.of(string(), int64(), "9223372036854775807", Long.MAX_VALUE),
                Arguments.of(string(), float64(), "1.5", 1.5),
                Arguments.of(string(), float64(), "-0.25", -0.25),
                Arguments.of(string(), date(), "2024-02-29", LocalDate.of(2024, 2, 29)),
                Arguments.of(string(), date(), "1969-12-31", LocalDate.of(1969, 12, 31)),
                Arguments.of(date(), string(), LocalDate.of(2024, 2, 29), "2024-02-29"),
                Arguments.of(string(), decimal(5, 2), "1.5", new BigDecimal("1.50")),
                Arguments.of(string(), decimal(5, 2), "-999.99", new BigDecimal("-999.99")),
                Arguments.of(decimal(5, 2), string(), new BigDecimal("1.50"), "1.50"),
                Arguments.of(int32(), decimal(5, 2), 7, new BigDecimal("7.00")),
                Arguments.of(int64(), decimal(38, 0), Long.MIN_VALUE, new BigDecimal(Long.MIN_VALUE)),
                Arguments.of(decimal(5, 2), float64(), new BigDecimal("1.25"), 1.25),
                Arguments.of(decimal(5, 2), int32(), new BigDecimal("-12.00"), -12),
                Arguments.of(decimal(5, 2), decimal(10, 4), new BigDecimal("-1.25"), new BigDecimal("-1.2500")),
                Arguments.of(date(), TS, LocalDate.of(2020, 1, 2), LocalDateTime.of(2020, 1, 2, 0, 0)),
                Arguments.of(TS, date(), LocalDateTime.of(2020, 1, 2, 23, 59), LocalDate.of(2020, 1, 2)),
                Arguments.of(TS, date(), LocalDateTime.of(1969, 12, 31, 12, 0), LocalDate.of(1969, 12, 31)),
                Arguments.of(string(), TS, "2020-01-02 03:04:05", LocalDateTime.of(2020, 1, 2, 3, 4, 5)),
                Arguments.of(bool(), int32(), true, 1),
                Arguments.of(string(), bool(), "false", false),
                Arguments.of(TS, string(), LocalDateTime.of(2020, 1, 2, 0, 0), "2020-01-02 00:00:00"),
                Arguments.of(TS, string(), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 120_000_000), "2020-01-02 03:04:05.12"),
                Arguments.of(string(), TS, "2020-01-02T03:04:05Z", LocalDateTime.of(2020, 1, 2, 3, 4, 5)),
                Arguments.of(string(), TS, "2020-01-02 03:04:05+02:00", LocalDateTime.of(2020, 1, 2, 1, 4, 5)),
                Arguments.of(string(), TS, "2020-01-02 03:04:05.5", LocalDateTime.of(2020, 1, 2, 3, 4, 5, 500_000_000)),
                Arguments.of(string(), TS, "2020-01-02", LocalDateTime.of(2020, 1, 2, 0, 0)),
                Arguments.of(string(), TSZ, "2020-01-02 03:04:05+01:00", Instant.parse("2020-01-02T02:04:05Z")),
                Arguments.of(TSZ, string(), Instant.parse("2020-01-02T02:04:05Z"), "2020-01-02 02:04:05Z"),
                Arguments.of(TSZ, date(), Instant.parse("2020-01-02T23:04:05Z"), LocalDate.of(2020, 1, 2)),
                Arguments.of(date(), TSZ, LocalDate.of(2020, 1, 2), Instant.parse("2020-01-02T00:00:00Z")),
                Arguments.of(TS, int64(), LocalDateTime.of(1970, 1, 1, 0, 0, 1), 1_000_000L),
                Arguments.of(int64(), TS, -1_000_000L, LocalDateTime.of(1969, 12, 31, 23, 59, 59)),
                Arguments.of(TS, TSZ, LocalDateTime.of(2020, 1, 2, 3, 4), Instant.parse("2020-01-02T03:04:00Z")),
                Arguments.of(TSZ, TS, Instant.parse("2020-01-02T03:04:00Z"), LocalDateTime.of(2020, 1, 2, 3, 4)),
                Arguments.of(int32(), date(), 1, LocalDate.of(1970, 1, 2)),
                Arguments.of(date(), int32(), LocalDate.of(1970, 1, 2), 1),
                Arguments.of(bool(), string(), true, "true"),
                Arguments.of(bool(), float64(), true, 1.0),
                Arguments.of(bool(), decimal(5, 2), false, new BigDecimal("0.00")),
                Arguments.of(float64(), bool(), 0.5, true),
                Arguments.of(int64(), bool(), 0L, false),
                Arguments.of(decimal(5, 2), bool(), new BigDecimal("0.00"), false),
                Arguments.of(float32(), decimal(6, 3), 1.5f, new BigDecimal("1.500")),
                Arguments.of(decimal(10, 2), decimal(5, 1), new BigDecimal("12.35"), new BigDecimal("12.4")));
    }

    @ParameterizedTest(name = "{2} as {0} -> {1} = {3}")
    @MethodSource("conversions")
    void convertsVectorsAndScalars(DataType from, DataType to, Object value, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cast");
                FieldVector in = vec(a.get(), from, value, null, value);
                FieldVector out = Casts.cast(in, from, to, false, "x", a.get());
                FieldVector empty = vec(a.get(), from);
                FieldVector none = Casts.cast(empty, from, to, false, "x", a.get())) {
            assertValues(out, to, Arrays.asList(expected, null, expected), value + " to " + to);
            assertThat(none.getValueCount()).isZero();
        }
        assertThat(Casts.convert(value, from, to)).as("scalar %s to %s", value, to).isEqualTo(expected);
        assertThat(Casts.convert(null, from, to)).isNull();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(string(), int32(), "abc", "'abc'"),
                Arguments.of(string(), int32(), "3000000000", "'3000000000'"),
                Arguments.of(string(), int64(), "1.2.3", "'1.2.3'"),
                Arguments.of(string(), float64(), "one", "'one'"),
                Arguments.of(string(), date(), "2023-02-29", "'2023-02-29'"),
                Arguments.of(string(), date(), "yesterday", "'yesterday'"),
                Arguments.of(string(), decimal(5, 2), "1234.5", "'1234.5'"),
                Arguments.of(string(), bool(), "maybe", "'maybe'"),
                Arguments.of(string(), TS, "2020-13-01 00:00:00", "'2020-13-01 00:00:00'"),
                Arguments.of(string(), TS, "noon", "'noon'"),
                Arguments.of(int64(), int32(), 3_000_000_000L, "3000000000"),
                Arguments.of(int32(), uint8(), -1, "-1"),
                Arguments.of(int32(), decimal(5, 2), 12345, "12345"),
                Arguments.of(float64(), int32(), 1e10, "1.0E10"),
                Arguments.of(float64(), int64(), Double.NaN, "NaN"),
                Arguments.of(float64(), decimal(10, 2), Double.POSITIVE_INFINITY, "Infinity"));
    }

    @ParameterizedTest(name = "{2} as {0} -> {1} fails")
    @MethodSource("failures")
    void failingCastNamesTheValueAndTryCastGivesNull(DataType from, DataType to, Object bad, String shown) {
        Object good = switch (from.kind()) {
            case STRING -> to.kind() == DataType.Kind.DATE || to.kind() == DataType.Kind.TIMESTAMP ? "2020-01-01"
                    : to.kind() == DataType.Kind.BOOL ? "true" : "1";
            case INT64 -> 1L;
            case INT32 -> 1;
            default -> 1.0;
        };
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cast-fail");
                FieldVector in = vec(a.get(), from, good, bad, null)) {
            assertThatThrownBy(() -> Casts.cast(in, from, to, false, "col(\"v\").cast(" + to + ")", a.get()).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining(shown)
                    .hasMessageContaining(to.toString())
                    .hasMessageContaining("row 1")
                    .hasMessageContaining("col(\"v\").cast(" + to + ")");
            try (FieldVector lenient = Casts.cast(in, from, to, true, "x", a.get())) {
                assertThat(lenient.isNull(0)).as("the good value converts").isFalse();
                assertThat(lenient.isNull(1)).as("tryCast gives null for %s", bad).isTrue();
                assertThat(lenient.isNull(2)).isTrue();
            }
        }
        assertThatThrownBy(() -> Casts.convert(bad, from, to)).as("scalar %s to %s", bad, to)
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void nullTypeCastsToAllNulls() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cast-null");
                FieldVector in = vec(a.get(), DataType.nullType(), null, null);
                FieldVector out = Casts.cast(in, DataType.nullType(), int64(), false, "x", a.get())) {
            assertValues(out, int64(), Arrays.asList(null, null), "null to int64");
        }
    }
}
