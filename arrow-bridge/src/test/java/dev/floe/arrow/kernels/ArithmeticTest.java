package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float32;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.int8;
import static dev.floe.api.types.DataType.uint8;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.Arithmetic.Op;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary arithmetic and negation against API.md: exact integers (overflow is an error naming the
 * expression), integer mod/floorDiv by zero give null, mod truncates, floorDiv rounds toward -inf
 * and keeps the integer type, float division follows IEEE, decimals keep decimal. Each case runs
 * vector-vector, vector-scalar, scalar-vector and with null scalars.
 */
class ArithmeticTest {

    /** {@code a op b = expected}, operands already in the computation type (the caller casts). */
    record Case(Op op, DataType left, DataType right, DataType result, Object a, Object b, Object expected) {
        @Override
        public String toString() {
            return a + " " + op + " " + b + " (" + left + ", " + right + " -> " + result + ") = " + expected;
        }
    }

    private static Arguments c(Op op, DataType type, Object a, Object b, Object expected) {
        return Arguments.of(new Case(op, type, type, type, a, b, expected));
    }

    private static Arguments c(Op op, DataType l, DataType r, DataType result, Object a, Object b, Object expected) {
        return Arguments.of(new Case(op, l, r, result, a, b, expected));
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Stream<Arguments> cases() {
        DataType d52 = decimal(5, 2);
        DataType d38s2 = decimal(38, 2);
        DataType d38s10 = decimal(38, 10);
        return Stream.of(
                // integers
                c(Op.ADD, int64(), 1L, 2L, 3L),
                c(Op.ADD, int64(), -5L, 3L, -2L),
                c(Op.ADD, int32(), Integer.MAX_VALUE - 1, 1, Integer.MAX_VALUE),
                c(Op.ADD, int32(), int64(), int64(), 2_000_000_000, 2_000_000_000L, 4_000_000_000L),
                c(Op.SUB, int64(), 5L, 7L, -2L),
                c(Op.SUB, int32(), Integer.MIN_VALUE + 1, 1, Integer.MIN_VALUE),
                c(Op.MUL, int64(), 6L, -7L, -42L),
                c(Op.MUL, int8(), (byte) 8, (byte) 15, (byte) 120),
                c(Op.ADD, uint8(), (short) 200, (short) 55, (short) 255),
                // mod truncates: the sign of the dividend
                c(Op.MOD, int64(), 7L, 3L, 1L),
                c(Op.MOD, int64(), -7L, 3L, -1L),
                c(Op.MOD, int64(), 7L, -3L, 1L),
                c(Op.MOD, int64(), -7L, -3L, -1L),
                c(Op.MOD, int64(), Long.MIN_VALUE, -1L, 0L),
                c(Op.MOD, int32(), 7, 0, null),
                c(Op.MOD, int64(), 0L, 0L, null),
                // floorDiv rounds toward -inf and keeps the integer type
                c(Op.FLOOR_DIV, int64(), 7L, 2L, 3L),
                c(Op.FLOOR_DIV, int64(), -7L, 2L, -4L),
                c(Op.FLOOR_DIV, int64(), 7L, -2L, -4L),
                c(Op.FLOOR_DIV, int64(), -7L, -2L, 3L),
                c(Op.FLOOR_DIV, int64(), 6L, 3L, 2L),
                c(Op.FLOOR_DIV, int32(), -1, 3, -1),
                c(Op.FLOOR_DIV, int32(), 7, 0, null),
                c(Op.FLOOR_DIV, int64(), Long.MIN_VALUE, 0L, null),
                // floats: IEEE
                c(Op.ADD, float64(), 1.5, 2.25, 3.75),
                c(Op.SUB, float64(), 0.5, 2.0, -1.5),
                c(Op.MUL, float64(), -0.5, 4.0, -2.0),
                c(Op.DIV, float64(), 7.0, 2.0, 3.5),
                c(Op.DIV, float64(), -7.0, 2.0, -3.5),
                c(Op.DIV, float64(), 1.0, 0.0, Double.POSITIVE_INFINITY),
                c(Op.DIV, float64(), -1.0, 0.0, Double.NEGATIVE_INFINITY),
                c(Op.DIV, float64(), 1.0, -0.0, Double.NEGATIVE_INFINITY),
                c(Op.DIV, float64(), 0.0, 0.0, Double.NaN),
                c(Op.ADD, float64(), Double.NaN, 1.0, Double.NaN),
                c(Op.MUL, float64(), Double.POSITIVE_INFINITY, 0.0, Double.NaN),
                c(Op.MOD, float64(), 5.5, 2.0, 1.5),
                c(Op.MOD, float64(), -5.5, 2.0, -1.5),
                c(Op.FLOOR_DIV, float64(), -7.0, 2.0, -4.0),
                c(Op.DIV, float32(), 1.0f, 4.0f, 0.25f),
                c(Op.DIV, float32(), 1.0f, 0.0f, Float.POSITIVE_INFINITY),
                // decimals: add/sub/mod with both sides at the result scale
                c(Op.ADD, d38s2, d38s2, decimal(6, 2), d("1.25"), d("2.50"), d("3.75")),
                c(Op.SUB, d38s2, d38s2, decimal(6, 2), d("1.00"), d("2.50"), d("-1.50")),
                c(Op.ADD, decimal(38, 0), d("100000000000000000000"), d("1"), d("100000000000000000001")),
                c(Op.SUB, decimal(38, 0), d("-100000000000000000000"), d("100000000000000000000"),
                        d("-200000000000000000000")),
                c(Op.MOD, d38s2, d38s2, d52, d("7.50"), d("2.00"), d("1.50")),
                c(Op.MOD, d38s2, d38s2, d52, d("-7.50"), d("2.00"), d("-1.50")),
                c(Op.MOD, d38s2, d38s2, d52, d("7.50"), d("0.00"), null),
                // decimal mul: product at s1 + s2; rescaled half away from zero when the type is capped
                c(Op.MUL, d52, d52, decimal(11, 4), d("1.25"), d("2.50"), d("3.1250")),
                c(Op.MUL, d52, d52, decimal(11, 4), d("-1.25"), d("2.50"), d("-3.1250")),
                c(Op.MUL, d38s10, d38s10, decimal(38, 6), d("1.5000000000"), d("2.5000000000"), d("3.750000")),
                c(Op.MUL, d38s10, d38s10, decimal(38, 6), d("1.0000005000"), d("1.0000000000"), d("1.000001")),
                c(Op.MUL, d38s10, d38s10, decimal(38, 6), d("-1.0000005000"), d("1.0000000000"), d("-1.000001")),
                c(Op.MUL, decimal(38, 0), decimal(38, 0), decimal(38, 0), d("10000000000000000000"),
                        d("10000000000"), d("100000000000000000000000000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorTimesVector(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-vv");
                FieldVector l = vec(a.get(), c.left(), c.a(), null, c.a());
                FieldVector r = vec(a.get(), c.right(), c.b(), c.b(), null);
                FieldVector out = Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.of(r, c.right()),
                        c.result(), 3, "x", a.get())) {
            assertValues(out, c.result(), Arrays.asList(c.expected(), null, null), c.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorTimesScalar(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-vs");
                FieldVector l = vec(a.get(), c.left(), c.a(), null);
                FieldVector out = Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.scalar(c.right(), c.b()),
                        c.result(), 2, "x", a.get())) {
            assertValues(out, c.result(), Arrays.asList(c.expected(), null), c.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarTimesVector(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-sv");
                FieldVector r = vec(a.get(), c.right(), c.b(), null);
                FieldVector out = Arithmetic.apply(c.op(), Operand.scalar(c.left(), c.a()), Operand.of(r, c.right()),
                        c.result(), 2, "x", a.get())) {
            assertValues(out, c.result(), Arrays.asList(c.expected(), null), c.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nullScalarGivesAllNull(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-null");
                FieldVector l = vec(a.get(), c.left(), c.a(), c.a());
                FieldVector r = vec(a.get(), c.right(), c.b(), c.b());
                FieldVector right = Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.scalar(c.right(), null),
                        c.result(), 2, "x", a.get());
                FieldVector left = Arithmetic.apply(c.op(), Operand.scalar(c.left(), null), Operand.of(r, c.right()),
                        c.result(), 2, "x", a.get())) {
            assertValues(right, c.result(), Arrays.asList(null, null), c + " with a null right scalar");
            assertValues(left, c.result(), Arrays.asList(null, null), c + " with a null left scalar");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emptyBatch(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-empty");
                FieldVector l = vec(a.get(), c.left());
                FieldVector r = vec(a.get(), c.right());
                FieldVector vv = Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.of(r, c.right()),
                        c.result(), 0, "x", a.get());
                FieldVector vs = Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.scalar(c.right(), c.b()),
                        c.result(), 0, "x", a.get())) {
            assertThat(vv.getValueCount()).isZero();
            assertThat(vs.getValueCount()).isZero();
        }
    }

    /** Integer results that do not fit their type: never a silent wrap. */
    static Stream<Arguments> overflows() {
        return Stream.of(
                c(Op.ADD, int32(), Integer.MAX_VALUE, 1, null),
                c(Op.ADD, int64(), Long.MAX_VALUE, 1L, null),
                c(Op.SUB, int32(), Integer.MIN_VALUE, 1, null),
                c(Op.SUB, int64(), Long.MIN_VALUE, 1L, null),
                c(Op.MUL, int32(), 65_536, 32_768, null),
                c(Op.MUL, int64(), Long.MAX_VALUE / 2 + 1, 2L, null),
                c(Op.MUL, int8(), (byte) 16, (byte) 8, null),
                c(Op.ADD, uint8(), (short) 200, (short) 56, null),
                c(Op.SUB, uint8(), (short) 0, (short) 1, null),
                c(Op.FLOOR_DIV, int64(), Long.MIN_VALUE, -1L, null),
                c(Op.FLOOR_DIV, int32(), Integer.MIN_VALUE, -1, null),
                c(Op.ADD, decimal(38, 0), d("99999999999999999999999999999999999999"), d("1"), null),
                c(Op.SUB, decimal(38, 2), d("-999999999999999999999999999999999999.99"), d("0.01"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflows")
    void overflowIsAnErrorNamingTheExpression(Case c) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-overflow");
                FieldVector l = vec(a.get(), c.left(), null, c.a());
                FieldVector r = vec(a.get(), c.right(), null, c.b())) {
            List<Runnable> shapes = List.of(
                    () -> Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.of(r, c.right()), c.result(), 2,
                            "col(\"q\") + 1", a.get()).close(),
                    () -> Arithmetic.apply(c.op(), Operand.of(l, c.left()), Operand.scalar(c.right(), c.b()),
                            c.result(), 2, "col(\"q\") + 1", a.get()).close(),
                    () -> Arithmetic.apply(c.op(), Operand.scalar(c.left(), c.a()), Operand.of(r, c.right()),
                            c.result(), 2, "col(\"q\") + 1", a.get()).close());
            for (Runnable shape : shapes) {
                assertThatThrownBy(shape::run).as(c.toString())
                        .isInstanceOf(KernelException.class)
                        .hasMessageContaining("overflow")
                        .hasMessageContaining("col(\"q\") + 1")
                        .hasMessageContaining("row 1");
            }
        }
    }

    @Test
    void divisionOfIntegersIsNotComputedInTheIntegerType() {
        // integer div yields float64: the caller casts both sides and asks for a float64 result
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-intdiv");
                FieldVector l = vec(a.get(), int64(), 7L);
                FieldVector r = vec(a.get(), int64(), 2L)) {
            assertThatThrownBy(() -> Arithmetic.apply(Op.DIV, Operand.of(l, int64()), Operand.of(r, int64()), int64(),
                    1, "x", a.get())).isInstanceOf(KernelException.class).hasMessageContaining("float64");
            try (FieldVector lf = Casts.cast(l, int64(), float64(), false, "x", a.get());
                    FieldVector rf = Casts.cast(r, int64(), float64(), false, "x", a.get());
                    FieldVector out = Arithmetic.apply(Op.DIV, Operand.of(lf, float64()), Operand.of(rf, float64()),
                            float64(), 1, "x", a.get())) {
                assertValues(out, float64(), List.of(3.5), "7 / 2");
            }
        }
    }

    /** -x: integers overflow-checked, floats flip the sign bit, decimals keep their type. */
    static Stream<Arguments> negations() {
        return Stream.of(
                Arguments.of(int64(), 5L, -5L),
                Arguments.of(int64(), -5L, 5L),
                Arguments.of(int64(), Long.MAX_VALUE, -Long.MAX_VALUE),
                Arguments.of(int32(), 0, 0),
                Arguments.of(int8(), (byte) -127, (byte) 127),
                Arguments.of(float64(), 1.5, -1.5),
                Arguments.of(float64(), 0.0, -0.0),
                Arguments.of(float64(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                Arguments.of(float64(), Double.NaN, Double.NaN),
                Arguments.of(float32(), 2.5f, -2.5f),
                Arguments.of(decimal(5, 2), d("1.25"), d("-1.25")),
                Arguments.of(decimal(38, 0), d("-100000000000000000000"), d("100000000000000000000")));
    }

    @ParameterizedTest(name = "-({1}) = {2} as {0}")
    @MethodSource("negations")
    void negate(DataType type, Object x, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-neg");
                FieldVector in = vec(a.get(), type, x, null, x);
                FieldVector out = Arithmetic.negate(in, type, "-x", a.get());
                FieldVector empty = vec(a.get(), type);
                FieldVector none = Arithmetic.negate(empty, type, "-x", a.get())) {
            assertValues(out, type, Arrays.asList(expected, null, expected), "-" + x);
            assertThat(none.getValueCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "INT16", "INT32", "INT64"})
    void negatingTheMinimumOverflows(DataType.Kind kind) {
        DataType type = switch (kind) {
            case INT8 -> int8();
            case INT16 -> DataType.int16();
            case INT32 -> int32();
            default -> int64();
        };
        long min = Arithmetic.minOf(type);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-neg-min");
                FieldVector in = vec(a.get(), type, 1L, min)) {
            assertThatThrownBy(() -> Arithmetic.negate(in, type, "-col(\"k\")", a.get()).close())
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining("overflow")
                    .hasMessageContaining("-col(\"k\")");
        }
    }

    @Test
    void longBatchesKeepEveryRow() {
        int n = 1000;
        Object[] xs = new Object[n];
        Object[] ys = new Object[n];
        Object[] expected = new Object[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i % 7 == 0 ? null : (long) i;
            ys[i] = i % 11 == 0 ? null : (long) (i % 5);
            expected[i] = xs[i] == null || ys[i] == null || i % 5 == 0 ? null : (long) (i % (i % 5));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("arith-long");
                FieldVector l = vec(a.get(), int64(), xs);
                FieldVector r = vec(a.get(), int64(), ys);
                FieldVector out = Arithmetic.apply(Op.MOD, Operand.of(l, int64()), Operand.of(r, int64()), int64(), n,
                        "x % y", a.get())) {
            assertValues(out, int64(), Arrays.asList(expected), "x % y over 1000 rows");
        }
    }
}
