package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * isNull / notNull (never null themselves) and fillNull, which the evaluator runs as
 * {@code coalesce(x, fill)}: every type's nulls are replaced, other values kept.
 */
class NullsTest {

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of(int64(), 7L, 0L),
                Arguments.of(int32(), -3, 42),
                Arguments.of(float64(), Double.NaN, 0.5),
                Arguments.of(decimal(7, 2), new BigDecimal("12.30"), new BigDecimal("0.00")),
                Arguments.of(string(), "", "missing"),
                Arguments.of(string(), "a longer value than twelve bytes", "x"),
                Arguments.of(bool(), false, true),
                Arguments.of(date(), LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void isNullAndNotNullReadTheValidityBitmap(DataType type, Object value, Object fill) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nulls");
                FieldVector in = vec(a.get(), type, value, null, value, null);
                BitVector isNull = Nulls.isNull(Operand.of(in, type), 4, true, a.get());
                BitVector notNull = Nulls.isNull(Operand.of(in, type), 4, false, a.get());
                BitVector scalarNull = Nulls.isNull(Operand.scalar(type, null), 3, true, a.get());
                BitVector scalarValue = Nulls.isNull(Operand.scalar(type, value), 3, true, a.get());
                FieldVector empty = vec(a.get(), type);
                BitVector none = Nulls.isNull(Operand.of(empty, type), 0, true, a.get())) {
            assertValues(isNull, bool(), List.of(false, true, false, true), "isNull");
            assertValues(notNull, bool(), List.of(true, false, true, false), "notNull");
            assertValues(scalarNull, bool(), List.of(true, true, true), "isNull(null scalar)");
            assertValues(scalarValue, bool(), List.of(false, false, false), "isNull(scalar)");
            assertThat(isNull.getNullCount()).isZero();
            assertThat(none.getValueCount()).isZero();
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 63, 64, 65, 130})
    void isNullAcrossWords(int n) {
        List<Object> values = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean isNull = i % 3 == 1;
            values.add(isNull ? null : (long) i);
            expected.add(isNull);
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("nulls-words");
                FieldVector in = vec(a.get(), int64(), values);
                BitVector out = Nulls.isNull(Operand.of(in, int64()), n, true, a.get())) {
            assertValues(out, bool(), expected, "isNull over " + n + " rows");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void fillNullReplacesOnlyNulls(DataType type, Object value, Object fill) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("fill");
                FieldVector in = vec(a.get(), type, null, value, null);
                FieldVector fills = vec(a.get(), type, fill, null, null);
                FieldVector byScalar = Conditional.coalesce(
                        new Operand[] {Operand.of(in, type), Operand.scalar(type, fill)}, type, 3, a.get());
                FieldVector byVector = Conditional.coalesce(
                        new Operand[] {Operand.of(in, type), Operand.of(fills, type)}, type, 3, a.get());
                FieldVector byNull = Conditional.coalesce(
                        new Operand[] {Operand.of(in, type), Operand.scalar(type, null)}, type, 3, a.get());
                FieldVector empty = vec(a.get(), type);
                FieldVector none = Conditional.coalesce(
                        new Operand[] {Operand.of(empty, type), Operand.scalar(type, fill)}, type, 0, a.get())) {
            assertValues(byScalar, type, Arrays.asList(fill, value, fill), "fillNull(scalar)");
            assertValues(byVector, type, Arrays.asList(fill, value, null), "fillNull(vector)");
            assertValues(byNull, type, Arrays.asList(null, value, null), "fillNull(null)");
            assertThat(none.getValueCount()).isZero();
        }
    }

    @Test
    void coalesceTakesTheFirstNonNullOfMany() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("coalesce");
                FieldVector x = vec(a.get(), string(), "x", null, null, null);
                FieldVector y = vec(a.get(), string(), "y", "y", null, null);
                FieldVector out = Conditional.coalesce(new Operand[] {Operand.of(x, string()), Operand.of(y, string()),
                        Operand.scalar(string(), null), Operand.scalar(string(), "z")}, string(), 4, a.get())) {
            assertValues(out, string(), List.of("x", "y", "z", "z"), "coalesce(x, y, null, 'z')");
        }
    }
}
