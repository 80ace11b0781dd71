package dev.floe.api.eval;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * isIn and between, which the evaluator builds from comparison and Kleene logic kernels:
 * {@code isIn} with no match and a null in the list gives null, a null input gives null;
 * {@code between} is inclusive at both ends. Each case also runs on an empty batch.
 */
class IsInBetweenTest {

    /** Column x (int64) = 1, 2, 3, null; column s (string) = "a", "b", "", null; column d (date). */
    private static RecordBatch batch(LeakCheckingAllocator a, int rows) {
        Object[] x = Arrays.copyOf(new Object[] {1L, 2L, 3L, null}, rows);
        Object[] s = Arrays.copyOf(new Object[] {"a", "b", "", null}, rows);
        Object[] d = Arrays.copyOf(new Object[] {LocalDate.of(1994, 1, 1), LocalDate.of(1994, 12, 31),
                LocalDate.of(1995, 1, 1), null}, rows);
        return Batches.with(a.get()).col("x", DataType.int64(), x).col("s", DataType.string(), s)
                .col("d", DataType.date(), d).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("x in (1, 3)", col("x").isIn(1L, 3L), Arrays.asList(true, false, true, null)),
                Arguments.of("x in (1, 3) with int32 literals", col("x").isIn(1, 3),
                        Arrays.asList(true, false, true, null)),
                Arguments.of("x in (1, null)", col("x").isIn(1L, null), Arrays.asList(true, null, null, null)),
                Arguments.of("x in (null)", col("x").isIn((Object) null), Arrays.asList(null, null, null, null)),
                Arguments.of("x in ()", col("x").isIn(), Arrays.asList(false, false, false, null)),
                Arguments.of("s in ('b', '')", col("s").isIn("b", ""), Arrays.asList(false, true, true, null)),
                Arguments.of("s in ('z', null)", col("s").isIn("z", null), Arrays.asList(null, null, null, null)),
                Arguments.of("x between 1 and 2", col("x").between(1L, 2L), Arrays.asList(true, true, false, null)),
                Arguments.of("x between 2 and 2", col("x").between(2, 2), Arrays.asList(false, true, false, null)),
                Arguments.of("x between 3 and 1", col("x").between(3L, 1L), Arrays.asList(false, false, false, null)),
                Arguments.of("x between null and 2", col("x").between(null, 2L),
                        Arrays.asList(null, null, false, null)),
                Arguments.of("d between 1994-01-01 and 1994-12-31",
                        col("d").between(LocalDate.of(1994, 1, 1), LocalDate.of(1994, 12, 31)),
                        Arrays.asList(true, true, false, null)),
                Arguments.of("s between 'a' and 'b'", col("s").between("a", "b"),
                        Arrays.asList(true, true, false, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predicate(String what, Expression e, List<Boolean> expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("isin-between");
                RecordBatch in = batch(a, 4);
                RecordBatch empty = batch(a, 0)) {
            CompiledExpr compiled = ExprCompiler.compile(e.node(), in.schema());
            assertThat(compiled.type()).isEqualTo(DataType.bool());
            try (FieldVector out = compiled.evaluate(in, a.get());
                    FieldVector none = compiled.evaluate(empty, a.get())) {
                assertThat(Batches.values(out, DataType.bool())).as(what).isEqualTo(expected);
                assertThat(none.getValueCount()).as(what + " on an empty batch").isZero();
            }
        }
    }
}
