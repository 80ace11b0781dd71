package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.decimal;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.bits;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.time.LocalDate;
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
 * ifElse and when/otherwise (a chain of ifElse): a true condition takes {@code then}, false and
 * null take {@code otherwise} (SQL CASE WHEN); either branch may be a vector or a scalar, and a
 * chosen null stays null.
 */
class ConditionalTest {

    /** Per type: then-values t1 t2 t3 t4, otherwise-values o1..o4 (o4 null), and a scalar s. */
    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of(int64(), List.of(1L, 2L, 3L), List.of(10L, 20L, 30L), 0L),
                Arguments.of(int32(), List.of(1, 2, 3), List.of(10, 20, 30), -1),
                Arguments.of(float64(), List.of(0.5, -0.0, Double.NaN), List.of(1.5, 2.5, 3.5), 9.0),
                Arguments.of(decimal(9, 3), List.of(new BigDecimal("1.000"), new BigDecimal("2.500"),
                        new BigDecimal("-3.125")), List.of(new BigDecimal("0.001"), new BigDecimal("0.002"),
                        new BigDecimal("0.003")), new BigDecimal("7.000")),
                Arguments.of(string(), List.of("a", "bb", "a string longer than twelve"), List.of("x", "", "z"),
                        "pos"),
                Arguments.of(bool(), List.of(true, true, true), List.of(false, false, false), false),
                Arguments.of(date(), List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2),
                        LocalDate.of(2020, 1, 3)), List.of(LocalDate.of(1999, 1, 1), LocalDate.of(1999, 1, 2),
                        LocalDate.of(1999, 1, 3)), LocalDate.of(2000, 2, 29)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyShapeOfBranches(DataType type, List<Object> t, List<Object> o, Object s) {
        // condition: true, false, null, true; the last then-value is null
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("ifelse");
                BitVector cond = bits(a.get(), true, false, null, true);
                FieldVector then = vec(a.get(), type, t.get(0), t.get(1), t.get(2), null);
                FieldVector otherwise = vec(a.get(), type, o.get(0), o.get(1), o.get(2), null);
                FieldVector vv = Conditional.ifElse(cond, Operand.of(then, type), Operand.of(otherwise, type), type, 4,
                        a.get());
                FieldVector vs = Conditional.ifElse(cond, Operand.of(then, type), Operand.scalar(type, s), type, 4,
                        a.get());
                FieldVector sv = Conditional.ifElse(cond, Operand.scalar(type, s), Operand.of(otherwise, type), type, 4,
                        a.get());
                FieldVector sNull = Conditional.ifElse(cond, Operand.scalar(type, s), Operand.scalar(type, null), type,
                        4, a.get());
                BitVector noCond = bits(a.get());
                FieldVector empty = vec(a.get(), type);
                FieldVector none = Conditional.ifElse(noCond, Operand.of(empty, type), Operand.scalar(type, s), type, 0,
                        a.get())) {
            assertValues(vv, type, Arrays.asList(t.get(0), o.get(1), o.get(2), null), "ifElse(vector, vector)");
            assertValues(vs, type, Arrays.asList(t.get(0), s, s, null), "ifElse(vector, scalar)");
            assertValues(sv, type, Arrays.asList(s, o.get(1), o.get(2), s), "ifElse(scalar, vector)");
            assertValues(sNull, type, Arrays.asList(s, null, null, s), "ifElse(scalar, null)");
            assertThat(none.getValueCount()).isZero();
        }
    }

    @Test
    void whenChainsPickTheFirstTrueBranch() {
        // when(x > 10).then("big").when(x > 0).then("small").otherwise("none") over x = 20, 5, -1, null
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("when");
                FieldVector x = vec(a.get(), int64(), 20L, 5L, -1L, null);
                BitVector big = Comparison.compare(Comparison.Op.GT, Operand.of(x, int64()),
                        Operand.scalar(int64(), 10L), 4, a.get());
                BitVector small = Comparison.compare(Comparison.Op.GT, Operand.of(x, int64()),
                        Operand.scalar(int64(), 0L), 4, a.get());
                FieldVector inner = Conditional.ifElse(small, Operand.scalar(string(), "small"),
                        Operand.scalar(string(), "none"), string(), 4, a.get());
                FieldVector out = Conditional.ifElse(big, Operand.scalar(string(), "big"), Operand.of(inner, string()),
                        string(), 4, a.get())) {
            assertValues(out, string(), List.of("big", "small", "none", "none"), "when chain");
        }
    }

    @Test
    void longConditionsCrossWords() {
        int n = 150;
        Boolean[] c = new Boolean[n];
        Object[] then = new Object[n];
        Object[] expected = new Object[n];
        for (int i = 0; i < n; i++) {
            c[i] = i % 5 == 0 ? null : i % 2 == 0;
            then[i] = (long) i;
            expected[i] = Boolean.TRUE.equals(c[i]) ? (long) i : -1L;
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("ifelse-long");
                BitVector cond = bits(a.get(), c);
                FieldVector t = vec(a.get(), int64(), then);
                FieldVector out = Conditional.ifElse(cond, Operand.of(t, int64()), Operand.scalar(int64(), -1L),
                        int64(), n, a.get())) {
            assertValues(out, int64(), Arrays.asList(expected), "ifElse over 150 rows");
        }
    }
}
