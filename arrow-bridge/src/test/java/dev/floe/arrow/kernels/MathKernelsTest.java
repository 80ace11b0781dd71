package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float32;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int16;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.MathKernels.Op;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * abs, ceil, floor, round, sign, sqrt, exp, log against API.md: ceil/floor/round keep the input
 * type, round is half away from zero, sqrt/log of a negative give NaN, sqrt/exp/log give float64.
 */
class MathKernelsTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** op, input type, result type, x, op(x). */
    static Stream<Arguments> unary() {
        return Stream.of(
                Arguments.of(Op.ABS, int64(), int64(), -5L, 5L),
                Arguments.of(Op.ABS, int32(), int32(), Integer.MAX_VALUE, Integer.MAX_VALUE),
                Arguments.of(Op.ABS, int32(), int32(), -Integer.MAX_VALUE, Integer.MAX_VALUE),
                Arguments.of(Op.ABS, float64(), float64(), -2.5, 2.5),
                Arguments.of(Op.ABS, float64(), float64(), -0.0, 0.0),
                Arguments.of(Op.ABS, float64(), float64(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                Arguments.of(Op.ABS, decimal(5, 2), decimal(5, 2), d("-1.25"), d("1.25")),
                Arguments.of(Op.FLOOR, float64(), float64(), -1.5, -2.0),
                Arguments.of(Op.FLOOR, float64(), float64(), 1.5, 1.0),
                Arguments.of(Op.CEIL, float64(), float64(), -1.5, -1.0),
                Arguments.of(Op.CEIL, float64(), float64(), 1.2, 2.0),
                Arguments.of(Op.CEIL, float32(), float32(), 1.2f, 2.0f),
                Arguments.of(Op.FLOOR, int64(), int64(), -7L, -7L),
                Arguments.of(Op.CEIL, int16(), int16(), (short) 7, (short) 7),
                // the DataFrame API: the input type, the value at its scale
                Arguments.of(Op.FLOOR, decimal(5, 2), decimal(5, 2), d("1.25"), d("1.00")),
                Arguments.of(Op.FLOOR, decimal(5, 2), decimal(5, 2), d("-1.25"), d("-2.00")),
                Arguments.of(Op.CEIL, decimal(5, 2), decimal(5, 2), d("-1.25"), d("-1.00")),
                Arguments.of(Op.CEIL, decimal(5, 2), decimal(5, 2), d("1.01"), d("2.00")),
                Arguments.of(Op.FLOOR, decimal(3, 2), decimal(3, 2), d("-8.59"), d("-9.00")),
                Arguments.of(Op.CEIL, decimal(3, 2), decimal(3, 2), d("8.01"), d("9.00")),
                Arguments.of(Op.CEIL, decimal(38, 10), decimal(38, 10), d("9999999999999999999999999998.0000000001"),
                        d("9999999999999999999999999999.0000000000")),
                Arguments.of(Op.FLOOR, decimal(19, 1), decimal(19, 1), d("-922337203685477580.8"),
                        d("-922337203685477581.0")),
                Arguments.of(Op.FLOOR, decimal(30, 25), decimal(30, 25), d("-0.0000000000000000000000001"),
                        d("-1.0000000000000000000000000")),
                // SQL's wider type (TypeRules.rounded): the carry takes the extra integer digit of decimal(p - s + 1, 0)
                Arguments.of(Op.FLOOR, decimal(3, 2), decimal(2, 0), d("-9.59"), d("-10")),
                Arguments.of(Op.CEIL, decimal(3, 2), decimal(2, 0), d("9.01"), d("10")),
                Arguments.of(Op.CEIL, decimal(38, 10), decimal(29, 0), d("9999999999999999999999999999.0000000001"),
                        d("10000000000000000000000000000")),
                Arguments.of(Op.FLOOR, decimal(38, 10), decimal(29, 0), d("-9999999999999999999999999999.9999999999"),
                        d("-10000000000000000000000000000")),
                Arguments.of(Op.FLOOR, decimal(19, 1), decimal(19, 0), d("-922337203685477580.8"), d("-922337203685477581")),
                Arguments.of(Op.FLOOR, decimal(30, 25), decimal(6, 0), d("-0.0000000000000000000000001"), d("-1")),
                Arguments.of(Op.CEIL, decimal(30, 25), decimal(6, 0), d("0.0000000000000000000000001"), d("1")),
                Arguments.of(Op.SQRT, float64(), float64(), 2.25, 1.5),
                Arguments.of(Op.SQRT, int64(), float64(), 16L, 4.0),
                Arguments.of(Op.SQRT, float64(), float64(), -1.0, Double.NaN),
                Arguments.of(Op.SQRT, int32(), float64(), -4, Double.NaN),
                Arguments.of(Op.SQRT, decimal(5, 2), float64(), d("6.25"), 2.5),
                Arguments.of(Op.LOG, float64(), float64(), 1.0, 0.0),
                Arguments.of(Op.LOG, float64(), float64(), Math.E, 1.0),
                Arguments.of(Op.LOG, float64(), float64(), -1.0, Double.NaN),
                Arguments.of(Op.LOG, int64(), float64(), -10L, Double.NaN),
                Arguments.of(Op.LOG, float64(), float64(), 0.0, Double.NEGATIVE_INFINITY),
                Arguments.of(Op.EXP, float64(), float64(), 0.0, 1.0),
                Arguments.of(Op.EXP, int32(), float64(), 1, Math.E),
                Arguments.of(Op.SIGN, int64(), int32(), -3L, -1),
                Arguments.of(Op.SIGN, int64(), int32(), 0L, 0),
                Arguments.of(Op.SIGN, float64(), float64(), -2.5, -1.0),
                Arguments.of(Op.SIGN, float64(), float64(), Double.NaN, Double.NaN),
                Arguments.of(Op.SIGN, decimal(5, 2), int32(), d("0.01"), 1));
    }

    @ParameterizedTest(name = "{0}({3}) = {4} ({1} -> {2})")
    @MethodSource("unary")
    void unaryWithNullsAndEmpty(Op op, DataType type, DataType result, Object x, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("math");
                FieldVector in = vec(a.get(), type, x, null, x);
                FieldVector out = MathKernels.apply(op, in, type, result, "f(x)", a.get());
                FieldVector empty = vec(a.get(), type);
                FieldVector none = MathKernels.apply(op, empty, type, result, "f(x)", a.get())) {
            assertValues(out, result, Arrays.asList(expected, null, expected), op + "(" + x + ")");
            assertThat(none.getValueCount()).isZero();
        }
    }

    @ParameterizedTest(name = "abs({0} min)")
    @MethodSource("integerTypes")
    void absOfTheMinimumOverflows(DataType type) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("math-abs");
                FieldVector in = vec(a.get(), type, 1L, Arithmetic.minOf(type))) {
            assertThatThrownBy(() -> MathKernels.apply(Op.ABS, in, type, type, "abs(col(\"k\"))", a.get()).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining("overflow")
                    .hasMessageContaining("abs(col(\"k\"))");
        }
    }

    static Stream<DataType> integerTypes() {
        return Stream.of(DataType.int8(), int16(), int32(), int64());
    }

    /** type, digits, x, round(x, digits): half away from zero; integers and floats keep their type. */
    static Stream<Arguments> rounding() {
        return Stream.of(
                Arguments.of(float64(), 0, 2.5, 3.0),
                Arguments.of(float64(), 0, -2.5, -3.0),
                Arguments.of(float64(), 0, 0.5, 1.0),
                Arguments.of(float64(), 0, -0.5, -1.0),
                Arguments.of(float64(), 0, 1.4, 1.0),
                Arguments.of(float64(), 0, -1.6, -2.0),
                Arguments.of(float64(), 0, 0.49999999999999994, 0.0),
                Arguments.of(float64(), 0, 4503599627370497.0, 4503599627370497.0),
                Arguments.of(float64(), 1, 1.25, 1.3),
                Arguments.of(float64(), 1, -1.25, -1.3),
                Arguments.of(float64(), 2, 0.125, 0.13),
                Arguments.of(float64(), -1, 15.0, 20.0),
                Arguments.of(float64(), 0, Double.NaN, Double.NaN),
                Arguments.of(float64(), 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                Arguments.of(float64(), 2, 1e300, 1e300),
                Arguments.of(float32(), 0, 2.5f, 3.0f),
                Arguments.of(float32(), 0, -0.5f, -1.0f),
                Arguments.of(int64(), 0, 15L, 15L),
                Arguments.of(int64(), -1, 15L, 20L),
                Arguments.of(int64(), -1, -15L, -20L),
                Arguments.of(int64(), -1, 14L, 10L),
                Arguments.of(int32(), -2, 149, 100),
                Arguments.of(int32(), -2, 150, 200),
                Arguments.of(int32(), -2, -150, -200),
                // nothing is rounded off: a decimal keeps its type
                Arguments.of(decimal(5, 2), 2, d("2.57"), d("2.57")),
                Arguments.of(decimal(5, 2), 3, d("-2.57"), d("-2.57")));
    }

    @ParameterizedTest(name = "round({2}, {1}) = {3} as {0}")
    @MethodSource("rounding")
    void roundHalfAwayFromZeroKeepsTheType(DataType type, int digits, Object x, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("round");
                FieldVector in = vec(a.get(), type, null, x);
                FieldVector out = MathKernels.round(in, type, digits, type, "round", a.get());
                FieldVector empty = vec(a.get(), type);
                FieldVector none = MathKernels.round(empty, type, digits, type, "round", a.get())) {
            assertValues(out, type, Arrays.asList(null, expected), "round(" + x + ", " + digits + ")");
            assertThat(none.getValueCount()).isZero();
        }
    }

    /**
     * type, digits, result type (Spark's rule: decimal(p - s + d + 1, d), decimal(max(p - s + 1, 1 - d), 0)
     * for d &lt; 0), x, round(x, d): rounding may carry into a new integer digit.
     */
    static Stream<Arguments> decimalRounding() {
        return Stream.of(
                // the DataFrame API: the input type, the value at its scale
                Arguments.of(decimal(4, 3), 2, decimal(4, 3), d("9.994"), d("9.990")),
                Arguments.of(decimal(4, 3), 2, decimal(4, 3), d("-9.985"), d("-9.990")),
                Arguments.of(decimal(5, 2), 1, decimal(5, 2), d("1.25"), d("1.30")),
                Arguments.of(decimal(5, 2), 1, decimal(5, 2), d("-1.25"), d("-1.30")),
                Arguments.of(decimal(5, 2), 0, decimal(5, 2), d("2.50"), d("3.00")),
                Arguments.of(decimal(5, 2), -1, decimal(5, 2), d("125.00"), d("130.00")),
                Arguments.of(decimal(38, 10), 2, decimal(38, 10), d("9999999999999999999999999998.9950000000"),
                        d("9999999999999999999999999999.0000000000")),
                // SQL's wider type (TypeRules.rounded)
                Arguments.of(decimal(4, 3), 2, decimal(4, 2), d("9.995"), d("10.00")),
                Arguments.of(decimal(4, 3), 2, decimal(4, 2), d("-9.995"), d("-10.00")),
                Arguments.of(decimal(4, 3), 2, decimal(4, 2), d("9.994"), d("9.99")),
                Arguments.of(decimal(4, 3), 0, decimal(2, 0), d("-0.500"), d("-1")),
                Arguments.of(decimal(4, 3), 0, decimal(2, 0), d("0.499"), d("0")),
                Arguments.of(decimal(5, 2), 1, decimal(5, 1), d("1.25"), d("1.3")),
                Arguments.of(decimal(5, 2), 1, decimal(5, 1), d("-1.25"), d("-1.3")),
                Arguments.of(decimal(5, 2), -1, decimal(4, 0), d("125.00"), d("130")),
                Arguments.of(decimal(5, 2), -1, decimal(4, 0), d("-999.99"), d("-1000")),
                Arguments.of(decimal(2, 0), -1, decimal(3, 0), d("95"), d("100")),
                Arguments.of(decimal(2, 0), -2, decimal(3, 0), d("-50"), d("-100")),
                Arguments.of(decimal(2, 0), -3, decimal(4, 0), d("99"), d("0")),
                Arguments.of(decimal(38, 10), 2, decimal(31, 2), d("9999999999999999999999999999.9950000000"),
                        d("10000000000000000000000000000.00")),
                Arguments.of(decimal(38, 0), -1, decimal(38, 0), d("-49999999999999999999999999999999999995"),
                        d("-50000000000000000000000000000000000000")),
                Arguments.of(decimal(19, 0), -1, decimal(20, 0), d("9223372036854775807"), d("9223372036854775810")),
                Arguments.of(decimal(19, 0), -18, decimal(20, 0), d("-9223372036854775808"), d("-9000000000000000000")),
                Arguments.of(decimal(25, 22), 1, decimal(5, 1), d("-0.0500000000000000000000"), d("-0.1")));
    }

    @ParameterizedTest(name = "round({3}, {1}) = {4} as {2}")
    @MethodSource("decimalRounding")
    void decimalRoundingWidensForTheCarry(DataType type, int digits, DataType result, Object x, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("round-decimal");
                FieldVector in = vec(a.get(), type, null, x, x);
                FieldVector out = MathKernels.round(in, type, digits, result, "round", a.get())) {
            assertValues(out, result, Arrays.asList(null, expected, expected), "round(" + x + ", " + digits + ")");
        }
    }

    @org.junit.jupiter.api.Test
    void aRoundedDecimalPastThirtyEightDigitsIsAnErrorNamingTheRow() {
        DataType type = decimal(38, 0);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("round-decimal-overflow");
                FieldVector in = vec(a.get(), type, d("5"), d("99999999999999999999999999999999999999"))) {
            assertThatThrownBy(() -> MathKernels.round(in, type, -1, type, "round(col(\"c\"), -1)", a.get()).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining("round(col(\"c\"), -1)")
                    .hasMessageContaining("row 1")
                    .hasMessageContaining("100000000000000000000000000000000000000")
                    .hasMessageContaining("decimal(38, 0)");
        }
    }

    /**
     * The DataFrame API keeps the input type (API.md): a carry that does not fit decimal(p, s) is an error
     * naming the expression, the row and the value, as integer overflow is. op (null: round), type, digits, x,
     * the value that does not fit.
     */
    static Stream<Arguments> decimalCarries() {
        return Stream.of(
                Arguments.of(Op.FLOOR, decimal(3, 2), 0, d("-9.59"), "-10.00"),
                Arguments.of(Op.CEIL, decimal(3, 2), 0, d("9.01"), "10.00"),
                Arguments.of(null, decimal(4, 3), 2, d("9.995"), "10.000"),
                Arguments.of(null, decimal(4, 3), 2, d("-9.995"), "-10.000"),
                Arguments.of(null, decimal(2, 0), -1, d("95"), "100"),
                Arguments.of(Op.CEIL, decimal(38, 10), 0, d("9999999999999999999999999999.0000000001"),
                        "10000000000000000000000000000.0000000000"),
                Arguments.of(Op.FLOOR, decimal(18, 1), 0, d("-99999999999999999.1"), "-100000000000000000.0"));
    }

    @ParameterizedTest(name = "{0}({3}, {2}) as {1}")
    @MethodSource("decimalCarries")
    void aCarryPastTheInputPrecisionIsAnErrorNamingExpressionRowAndValue(Op op, DataType type, int digits, Object x,
            String value) {
        String what = op == null ? "round(d, " + digits + ")" : op.name().toLowerCase(java.util.Locale.ROOT) + "(d)";
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("decimal-carry");
                FieldVector in = vec(a.get(), type, null, BigDecimal.ZERO.setScale(((DataType.Decimal) type).scale()), x)) {
            assertThatThrownBy(() -> (op == null ? MathKernels.round(in, type, digits, type, what, a.get())
                    : MathKernels.apply(op, in, type, type, what, a.get())).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessage("decimal overflow in " + what + " at row 2: " + value + " does not fit " + type
                            + "; cast to a wider decimal first");
        }
    }

    @ParameterizedTest(name = "round({1}, -1) as {0}")
    @MethodSource("roundingOverflows")
    void roundingPastTheTypeRangeIsAnError(DataType type, Object x) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("round-overflow");
                FieldVector in = vec(a.get(), type, x)) {
            assertThatThrownBy(() -> MathKernels.round(in, type, -1, type, "round", a.get()).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining(String.valueOf(x));
        }
    }

    static Stream<Arguments> roundingOverflows() {
        return Stream.of(
                Arguments.of(int32(), Integer.MAX_VALUE),
                Arguments.of(int32(), Integer.MIN_VALUE),
                Arguments.of(int64(), Long.MAX_VALUE),
                Arguments.of(int64(), Long.MIN_VALUE));
    }
}
