package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.binary;
import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float32;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.int8;
import static dev.floe.api.types.DataType.string;
import static dev.floe.api.types.DataType.uint32;
import static dev.floe.api.types.DataType.uint64;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.kernels.Comparison.Op;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
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

/**
 * eq neq lt le gt ge and eqNullSafe against API.md: null in gives null out (eqNullSafe is never
 * null); floats order -Inf &lt; ... &lt; +Inf &lt; NaN with NaN = NaN and -0.0 = 0.0; strings by UTF-8
 * bytes. Each pair runs vector-vector, vector-scalar, scalar-vector, with null scalars and on
 * empty batches, for all six operators.
 */
class ComparisonTest {

    /** {@code a} is below ({@code -1}), equal to ({@code 0}) or above ({@code 1}) {@code b} in the API's order. */
    record Pair(DataType type, Object a, Object b, int order) {
        @Override
        public String toString() {
            return show(a) + (order < 0 ? " < " : order == 0 ? " = " : " > ") + show(b) + " as " + type;
        }

        private static String show(Object v) {
            return v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
        }
    }

    private static Arguments p(DataType type, Object a, Object b, int order) {
        return Arguments.of(new Pair(type, a, b, order));
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                p(int64(), 1L, 2L, -1),
                p(int64(), 2L, 2L, 0),
                p(int64(), 3L, 2L, 1),
                p(int64(), Long.MIN_VALUE, Long.MAX_VALUE, -1),
                p(int32(), -1, 0, -1),
                p(int8(), (byte) -128, (byte) 127, -1),
                p(uint32(), 4_000_000_000L, 1L, 1),
                p(uint64(), new BigInteger("9223372036854775808"), BigInteger.ONE, 1),
                p(uint64(), new BigInteger("18446744073709551615"), new BigInteger("9223372036854775807"), 1),
                // floats: NaN above everything, NaN = NaN, -0.0 = 0.0
                p(float64(), 1.5, 2.5, -1),
                p(float64(), -0.0, 0.0, 0),
                p(float64(), 0.0, -0.0, 0),
                p(float64(), Double.NaN, Double.NaN, 0),
                p(float64(), Double.NaN, Double.POSITIVE_INFINITY, 1),
                p(float64(), Double.POSITIVE_INFINITY, Double.NaN, -1),
                p(float64(), Double.NaN, 1.0, 1),
                p(float64(), Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1),
                p(float32(), Float.NaN, 1.0f, 1),
                p(float32(), -0.0f, 0.0f, 0),
                // decimals, including values past 64 bits
                p(decimal(5, 2), new BigDecimal("1.10"), new BigDecimal("1.20"), -1),
                p(decimal(5, 2), new BigDecimal("-1.00"), new BigDecimal("0.50"), -1),
                p(decimal(5, 2), new BigDecimal("2.00"), new BigDecimal("2.00"), 0),
                p(decimal(38, 0), new BigDecimal("1000000000000000000000000000000"),
                        new BigDecimal("-1000000000000000000000000000000"), 1),
                p(decimal(38, 0), new BigDecimal("18446744073709551616"), new BigDecimal("18446744073709551615"), 1),
                // strings: unsigned UTF-8 bytes
                p(string(), "a", "b", -1),
                p(string(), "Z", "a", -1),
                p(string(), "ab", "abc", -1),
                p(string(), "", "a", -1),
                p(string(), "", "", 0),
                p(string(), "abcdefghij", "abcdefghik", -1),
                p(string(), "abcdefgh", "abcdefgh", 0),
                p(string(), "é", "z", 1),
                // U+FF21 sorts above the surrogate pair of U+1F600 in UTF-16, below it in UTF-8
                p(string(), "\uFF21", "\uD83D\uDE00", -1),
                p(string(), "x\uFF21yyyyyyyyy", "x\uD83D\uDE00", -1),
                p(binary(), new byte[] {(byte) 0x80}, new byte[] {0x7F}, 1),
                p(bool(), false, true, -1),
                p(bool(), true, true, 0),
                p(date(), LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1), -1),
                p(date(), LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), -1),
                p(DataType.timestamp(TimeUnit.MICROSECOND, null), LocalDateTime.of(2020, 1, 1, 0, 0, 1),
                        LocalDateTime.of(2020, 1, 1, 0, 0, 0), 1));
    }

    private static Boolean expected(Op op, int order) {
        return switch (op) {
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void vectorAgainstVector(Pair p) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-vv");
                FieldVector l = vec(a.get(), p.type(), p.a(), null, p.a(), null, p.b());
                FieldVector r = vec(a.get(), p.type(), p.b(), p.b(), null, null, p.a())) {
            for (Op op : Op.values()) {
                try (BitVector out = Comparison.compare(op, Operand.of(l, p.type()), Operand.of(r, p.type()), 5,
                        a.get())) {
                    assertValues(out, bool(), Arrays.asList(expected(op, p.order()), null, null, null,
                            expected(op, -p.order())), op + " on " + p);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void vectorAgainstScalarBothWays(Pair p) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-vs");
                FieldVector l = vec(a.get(), p.type(), p.a(), null);
                FieldVector r = vec(a.get(), p.type(), p.b(), null)) {
            for (Op op : Op.values()) {
                try (BitVector vs = Comparison.compare(op, Operand.of(l, p.type()), Operand.scalar(p.type(), p.b()), 2,
                        a.get());
                        BitVector sv = Comparison.compare(op, Operand.scalar(p.type(), p.a()), Operand.of(r, p.type()),
                                2, a.get())) {
                    assertValues(vs, bool(), Arrays.asList(expected(op, p.order()), null), op + " vector-scalar " + p);
                    assertValues(sv, bool(), Arrays.asList(expected(op, p.order()), null), op + " scalar-vector " + p);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void nullScalarGivesNullAndEmptyBatchGivesNothing(Pair p) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-null");
                FieldVector l = vec(a.get(), p.type(), p.a(), p.b());
                FieldVector empty = vec(a.get(), p.type())) {
            for (Op op : Op.values()) {
                try (BitVector right = Comparison.compare(op, Operand.of(l, p.type()), Operand.scalar(p.type(), null),
                        2, a.get());
                        BitVector left = Comparison.compare(op, Operand.scalar(p.type(), null), Operand.of(l, p.type()),
                                2, a.get());
                        BitVector none = Comparison.compare(op, Operand.of(empty, p.type()), Operand.of(empty, p.type()),
                                0, a.get());
                        BitVector noneScalar = Comparison.compare(op, Operand.of(empty, p.type()),
                                Operand.scalar(p.type(), p.b()), 0, a.get())) {
                    assertValues(right, bool(), Arrays.asList(null, null), op + " with null on the right");
                    assertValues(left, bool(), Arrays.asList(null, null), op + " with null on the left");
                    assertThat(none.getValueCount()).isZero();
                    assertThat(noneScalar.getValueCount()).isZero();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void eqNullSafeIsNeverNull(Pair p) {
        boolean equal = p.order() == 0;
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-eqns");
                FieldVector l = vec(a.get(), p.type(), p.a(), null, p.a(), null);
                FieldVector r = vec(a.get(), p.type(), p.b(), p.b(), null, null);
                BitVector vv = Comparison.eqNullSafe(Operand.of(l, p.type()), Operand.of(r, p.type()), 4, a.get());
                BitVector vs = Comparison.eqNullSafe(Operand.of(l, p.type()), Operand.scalar(p.type(), p.b()), 4,
                        a.get());
                BitVector vNull = Comparison.eqNullSafe(Operand.of(l, p.type()), Operand.scalar(p.type(), null), 4,
                        a.get());
                BitVector nullV = Comparison.eqNullSafe(Operand.scalar(p.type(), null), Operand.of(r, p.type()), 4,
                        a.get());
                FieldVector empty = vec(a.get(), p.type());
                BitVector none = Comparison.eqNullSafe(Operand.of(empty, p.type()), Operand.scalar(p.type(), null), 0,
                        a.get())) {
            assertValues(vv, bool(), List.of(equal, false, false, true), "vector <=> vector " + p);
            assertValues(vs, bool(), List.of(equal, false, equal, false), "vector <=> scalar " + p);
            assertValues(vNull, bool(), List.of(false, true, false, true), "vector <=> null " + p);
            assertValues(nullV, bool(), List.of(false, false, true, true), "null <=> vector " + p);
            assertThat(none.getValueCount()).isZero();
        }
    }

    @Test
    void longStringVectorsCompareRowByRowAcrossWordBoundaries() {
        // 200 rows: every third left value is null, right values alternate around the left ones
        int n = 200;
        List<Object> left = new ArrayList<>();
        List<Object> right = new ArrayList<>();
        List<Object> lt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String base = "row-" + "x".repeat(i % 13) + i;
            left.add(i % 3 == 0 ? null : base);
            boolean bigger = i % 2 == 0;
            right.add(bigger ? base + "!" : base.substring(0, base.length() - 1));
            lt.add(i % 3 == 0 ? null : bigger);
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-long");
                FieldVector l = vec(a.get(), string(), left);
                FieldVector r = vec(a.get(), string(), right);
                BitVector out = Comparison.compare(Op.LT, Operand.of(l, string()), Operand.of(r, string()), n,
                        a.get())) {
            assertValues(out, bool(), lt, "left < right over 200 strings");
        }
    }

    @Test
    void scalarBytesCompareAsUtf8() {
        byte[] utf8 = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-bytes");
                FieldVector l = vec(a.get(), string(), "\uFF21", "\uD83D\uDE00", "\uD83D\uDE01");
                BitVector out = Comparison.compare(Op.LT, Operand.of(l, string()), Operand.scalar(string(), utf8), 3,
                        a.get())) {
            assertValues(out, bool(), List.of(true, false, false), "string < U+1F600 given as UTF-8 bytes");
        }
    }

    @Test
    void compareDoublesIsATotalOrderWithNaNOnTop() {
        double[] ascending = {Double.NEGATIVE_INFINITY, -1.0, -0.0, 1e-300, 1.0, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 0; i < ascending.length; i++) {
            for (int j = 0; j < ascending.length; j++) {
                assertThat(Integer.signum(Comparison.compareDoubles(ascending[i], ascending[j])))
                        .as("compare(%s, %s)", ascending[i], ascending[j]).isEqualTo(Integer.compare(i, j));
            }
        }
        assertThat(Comparison.compareDoubles(0.0, -0.0)).isZero();
    }
}
