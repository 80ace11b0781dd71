package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughExpand} in isolation: plan text before and after, and where it must not fire. */
class PushFilterThroughExpandTest {
    /** Two copies of each row of (x, y, z): x passed through, k the copy's number, v = y then z. */
    private static Expand expand() {
        return Expand.of(scan("u", "x", "y", "z"), List.of("x", "k", "v"), List.of(
                List.of(col("x"), new Literal(1L, DataType.int64()), col("y")),
                List.of(col("x"), new Literal(2L, DataType.int64()), col("z"))));
    }

    @Test
    void conjunctsOverPassedThroughColumnsGoBelow() {
        LogicalPlan p = new Filter(expand(), and(gt(col("x"), lit(1)), gt(col("v"), lit(10)), gt(col("x"), col("k"))));
        assertRewrites(new PushFilterThroughExpand(), p, """
                Filter: v > 10 AND x > k
                  Expand: 2 rows per row, k = [1, 2], v = [y, z]; keeps x
                    Filter: x > 1
                      Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOverComputedColumnsOrConstants() {
        assertDoesNotFire(new PushFilterThroughExpand(), new Filter(expand(), gt(col("v"), lit(1))));
        assertDoesNotFire(new PushFilterThroughExpand(), new Filter(expand(), gt(lit(2), lit(1))));
        // a column computed from another input column of the same name is not passed through
        Expand renamed = Expand.of(scan("u", "x", "y"), List.of("x"), List.of(List.of(col("y")), List.of(col("x"))));
        assertDoesNotFire(new PushFilterThroughExpand(), new Filter(renamed, gt(col("x"), lit(1))));
    }
}
