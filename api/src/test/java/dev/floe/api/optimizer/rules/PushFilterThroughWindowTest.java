package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
import dev.floe.api.expr.WindowFunction;
import dev.floe.api.expr.WindowOp;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughWindow} in isolation: only conjuncts over partition keys move below. */
class PushFilterThroughWindowTest {
    private static Window rankBy(List<String> partition) {
        WindowExpr rank = new WindowExpr(new WindowFunction(WindowOp.RANK, null, null, 0),
                partition.stream().map(c -> (dev.floe.api.expr.Expr) new Column(c)).toList(),
                List.of(SortKey.of(col("b"))), null);
        return Window.of(scan(), List.of(new Alias(rank, "r")));
    }

    @Test
    void conjunctsOverPartitionKeysGoBelow() {
        LogicalPlan p = new Filter(rankBy(List.of("a", "c")),
                and(gt(col("a"), lit(1)), gt(col("r"), lit(2)), gt(col("b"), lit(0)), eq(col("c"), col("c"))));
        assertRewrites(new PushFilterThroughWindow(), p, """
                Filter: r > 2 AND b > 0
                  Window: partition by [a, c] order by [b ASC]: rank() AS r
                    Filter: a > 1 AND c = c
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOnOrderKeysResultsOrAnUnpartitionedWindow() {
        assertDoesNotFire(new PushFilterThroughWindow(), new Filter(rankBy(List.of("a")), gt(col("b"), lit(0))));
        assertDoesNotFire(new PushFilterThroughWindow(), new Filter(rankBy(List.of("a")), gt(col("r"), col("a"))));
        assertDoesNotFire(new PushFilterThroughWindow(), new Filter(rankBy(List.of()), gt(col("a"), lit(0))));
    }
}
