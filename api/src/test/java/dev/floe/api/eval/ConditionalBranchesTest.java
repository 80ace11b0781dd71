package dev.floe.api.eval;

import static dev.floe.api.Functions.coalesce;
import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.ifElse;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.KernelException;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Later coalesce arguments, when/ifElse branches and the right side of AND/OR are computed only on
 * the rows that use them (SQL's CASE semantics): an overflow on another row is no error. Before,
 * every argument ran on every row and each case below threw "integer overflow in y * y". The
 * expected values follow from the SQL definitions; ConditionalEvaluationIT compares with DuckDB.
 */
class ConditionalBranchesTest {
    private static final long BIG = 4_000_000_000L;

    /** x, y (y * y overflows where y = BIG), a, s over 6 rows; unused columns between them. */
    private static RecordBatch batch(LeakCheckingAllocator a) {
        return Batches.with(a.get())
                .col("x", DataType.int64(), 1L, -1L, null, 2L, -2L, 3L)
                .col("pad", DataType.string(), "p", "q", "r", "s", "t", "u")
                .col("y", DataType.int64(), 3L, BIG, 5L, null, BIG, 6L)
                .col("a", DataType.int64(), null, 7L, null, 8L, 9L, null)
                .col("s", DataType.string(), "ab", null, "c", "", "de", "f")
                .build();
    }

    private static List<Object> eval(Expression e, DataType type) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("branches");
                RecordBatch in = batch(a)) {
            CompiledExpr compiled = ExprCompiler.compile(e.node(), in.schema());
            try (FieldVector out = compiled.evaluate(in, a.get())) {
                return Batches.values(out, type);
            }
        }
    }

    private static Expression sq() {
        return col("y").mul(col("y"));
    }

    @Test
    void coalesceComputesLaterArgumentsWhereEarlierOnesAreNull() {
        assertThat(eval(coalesce(col("a"), sq()), DataType.int64())).isEqualTo(Arrays.asList(9L, 7L, 25L, 8L, 9L, 36L));
        assertThat(eval(coalesce(col("a"), sq(), lit(0L)), DataType.int64()))
                .isEqualTo(Arrays.asList(9L, 7L, 25L, 8L, 9L, 36L));
        assertThat(eval(col("a").fillNull(sq()), DataType.int64())).isEqualTo(Arrays.asList(9L, 7L, 25L, 8L, 9L, 36L));
    }

    @Test
    void branchesRunOnlyOnTheRowsThatTakeThem() {
        assertThat(eval(ifElse(col("x").gt(0), sq(), col("y").neg()), DataType.int64()))
                .isEqualTo(Arrays.asList(9L, -BIG, -5L, null, -BIG, 36L));
        assertThat(eval(when(col("x").gt(0)).then(sq()).when(col("x").lt(0)).then(col("a").mul(col("a")))
                .otherwise(col("y").add(1)), DataType.int64())).isEqualTo(Arrays.asList(9L, 49L, 6L, null, 81L, 36L));
        // a variable-width branch put back in place
        assertThat(eval(ifElse(col("x").gt(0), col("s").str().upper(), lit("-")), DataType.string()))
                .isEqualTo(Arrays.asList("AB", "-", "-", "", "-", "F"));
    }

    @Test
    void andOrComputeTheRightSideOnlyWhereTheLeftDoesNotDecide() {
        assertThat(eval(col("x").gt(0).and(sq().gt(10)), DataType.bool()))
                .isEqualTo(Arrays.asList(false, false, null, null, false, true));
        assertThat(eval(col("x").le(0).or(sq().gt(10)), DataType.bool()))
                .isEqualTo(Arrays.asList(false, true, true, null, true, true));
    }

    /**
     * Issue 11 (fuzz seed 42 query 771): a when/ifElse whose condition is a literal takes one branch
     * for the whole batch, and when that branch is a literal the result is a scalar; a cast around
     * it (a set operation widening int32 to int64) read the scalar's missing vector and threw a
     * NullPointerException. SQL: CASE WHEN FALSE THEN ... ELSE 7 END is 7 on every row.
     */
    @Test
    void aCastOfAConditionalThatIsOneLiteralForTheBatch() {
        Expression guarded = col("x").cast(DataType.int32()); // a narrowing cast can fail: a guarded branch
        assertThat(eval(when(lit(false)).then(guarded).otherwise(lit(7)).cast(DataType.int64()), DataType.int64()))
                .isEqualTo(Arrays.asList(7L, 7L, 7L, 7L, 7L, 7L));
        assertThat(eval(ifElse(lit(true), lit(250000), guarded).cast(DataType.float64()), DataType.float64()))
                .isEqualTo(Arrays.asList(250000.0, 250000.0, 250000.0, 250000.0, 250000.0, 250000.0));
        assertThat(eval(when(lit(false)).then(guarded).otherwise(lit(null)).cast(DataType.int64()), DataType.int64()))
                .isEqualTo(Arrays.asList(null, null, null, null, null, null));
        assertThat(eval(ifElse(lit(false), guarded, lit(-3)).cast(DataType.string()), DataType.string()))
                .isEqualTo(Arrays.asList("-3", "-3", "-3", "-3", "-3", "-3"));
    }

    @Test
    void aBranchStillFailsOnARowThatTakesIt() {
        assertThatThrownBy(() -> eval(ifElse(col("x").lt(0), sq(), lit(0L)), DataType.int64()))
                .isInstanceOf(KernelException.class).hasMessageContaining("overflow in y * y");
        assertThatThrownBy(() -> eval(coalesce(when(col("x").lt(0)).then(lit(null)).otherwise(col("x")), sq()),
                DataType.int64()))
                .isInstanceOf(KernelException.class).hasMessageContaining("overflow in y * y");
    }
}
