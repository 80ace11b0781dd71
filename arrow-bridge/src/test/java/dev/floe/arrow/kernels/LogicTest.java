package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.BitVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kleene AND/OR/NOT (API.md: "and/or are Kleene"): all nine combinations of true, false and null,
 * as vectors and as scalars on either side, over lengths that cross 64-row words, and on empty
 * batches.
 */
class LogicTest {
    private static final Boolean T = true;
    private static final Boolean F = false;
    private static final Boolean N = null;

    /** The truth table: a, b, a AND b, a OR b. */
    static Stream<Arguments> kleene() {
        return Stream.of(
                Arguments.of(T, T, T, T),
                Arguments.of(T, F, F, T),
                Arguments.of(T, N, N, T),
                Arguments.of(F, T, F, T),
                Arguments.of(F, F, F, F),
                Arguments.of(F, N, F, N),
                Arguments.of(N, T, N, T),
                Arguments.of(N, F, F, N),
                Arguments.of(N, N, N, N));
    }

    @ParameterizedTest(name = "{0} and/or {1} = {2}/{3}")
    @MethodSource("kleene")
    void everyShapeFollowsTheTruthTable(Boolean x, Boolean y, Boolean and, Boolean or) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("logic");
                BitVector l = bits(a.get(), x, x);
                BitVector r = bits(a.get(), y, y);
                BitVector vvAnd = Logic.and(Operand.of(l, bool()), Operand.of(r, bool()), 2, a.get());
                BitVector vvOr = Logic.or(Operand.of(l, bool()), Operand.of(r, bool()), 2, a.get());
                BitVector vsAnd = Logic.and(Operand.of(l, bool()), Operand.scalar(bool(), y), 2, a.get());
                BitVector vsOr = Logic.or(Operand.of(l, bool()), Operand.scalar(bool(), y), 2, a.get());
                BitVector svAnd = Logic.and(Operand.scalar(bool(), x), Operand.of(r, bool()), 2, a.get());
                BitVector svOr = Logic.or(Operand.scalar(bool(), x), Operand.of(r, bool()), 2, a.get());
                BitVector ssAnd = Logic.and(Operand.scalar(bool(), x), Operand.scalar(bool(), y), 2, a.get());
                BitVector ssOr = Logic.or(Operand.scalar(bool(), x), Operand.scalar(bool(), y), 2, a.get())) {
            List<Boolean> expAnd = Arrays.asList(and, and);
            List<Boolean> expOr = Arrays.asList(or, or);
            assertValues(vvAnd, bool(), expAnd, "vector AND vector");
            assertValues(vvOr, bool(), expOr, "vector OR vector");
            assertValues(vsAnd, bool(), expAnd, "vector AND scalar");
            assertValues(vsOr, bool(), expOr, "vector OR scalar");
            assertValues(svAnd, bool(), expAnd, "scalar AND vector");
            assertValues(svOr, bool(), expOr, "scalar OR vector");
            assertValues(ssAnd, bool(), expAnd, "scalar AND scalar");
            assertValues(ssOr, bool(), expOr, "scalar OR scalar");
        }
    }

    @Test
    void notKeepsNull() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("logic-not");
                BitVector in = bits(a.get(), T, F, N);
                BitVector out = Logic.not(Operand.of(in, bool()), 3, a.get());
                BitVector notTrue = Logic.not(Operand.scalar(bool(), true), 2, a.get());
                BitVector notNull = Logic.not(Operand.scalar(bool(), null), 2, a.get())) {
            assertValues(out, bool(), Arrays.asList(F, T, N), "NOT vector");
            assertValues(notTrue, bool(), Arrays.asList(F, F), "NOT true");
            assertValues(notNull, bool(), Arrays.asList(N, N), "NOT null");
        }
    }

    /** The nine combinations repeated over n rows, so rows land on every bit of several words. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 9, 63, 64, 65, 128, 200})
    void wholeWordsAndTails(int n) {
        Boolean[] values = {T, F, N};
        List<Boolean> left = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        List<Boolean> and = new ArrayList<>();
        List<Boolean> or = new ArrayList<>();
        List<Boolean> not = new ArrayList<>();
        List<Object[]> table = kleene().map(Arguments::get).toList();
        for (int i = 0; i < n; i++) {
            Object[] row = table.get(i % 9);
            left.add((Boolean) row[0]);
            right.add((Boolean) row[1]);
            and.add((Boolean) row[2]);
            or.add((Boolean) row[3]);
            Boolean x = (Boolean) row[0];
            not.add(x == null ? null : !x);
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("logic-words");
                BitVector l = bits(a.get(), left.toArray(new Boolean[0]));
                BitVector r = bits(a.get(), right.toArray(new Boolean[0]));
                BitVector andOut = Logic.and(Operand.of(l, bool()), Operand.of(r, bool()), n, a.get());
                BitVector orOut = Logic.or(Operand.of(l, bool()), Operand.of(r, bool()), n, a.get());
                BitVector notOut = Logic.not(Operand.of(l, bool()), n, a.get())) {
            assertValues(andOut, bool(), and, "AND over " + n + " rows");
            assertValues(orOut, bool(), or, "OR over " + n + " rows");
            assertValues(notOut, bool(), not, "NOT over " + n + " rows");
            assertThat(andOut.getNullCount()).isEqualTo((int) and.stream().filter(v -> v == null).count());
        }
    }

    @Test
    void vectorsWithoutNullsSkipTheValidityBitmap() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("logic-nonull");
                BitVector l = bits(a.get(), T, T, F, F);
                BitVector r = bits(a.get(), T, F, T, F);
                BitVector and = Logic.and(Operand.of(l, bool()), Operand.of(r, bool()), 4, a.get());
                BitVector or = Logic.or(Operand.of(l, bool()), Operand.of(r, bool()), 4, a.get());
                BitVector andNull = Logic.and(Operand.of(l, bool()), Operand.scalar(bool(), null), 4, a.get())) {
            assertValues(and, bool(), List.of(T, F, F, F), "AND");
            assertValues(or, bool(), List.of(T, T, T, F), "OR");
            assertValues(andNull, bool(), Arrays.asList(N, N, F, F), "AND null");
        }
    }
}
