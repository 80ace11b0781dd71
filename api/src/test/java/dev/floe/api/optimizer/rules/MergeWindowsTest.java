package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
import dev.floe.api.expr.WindowFunction;
import dev.floe.api.expr.WindowOp;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Window;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MergeWindows} in isolation: stacked windows over one partitioning and order become one node. */
class MergeWindowsTest {
    private static Alias over(Expr f, String partition, String order, String name) {
        return new Alias(new WindowExpr(f, List.of(col(partition)), List.of(SortKey.of(col(order))), null), name);
    }

    private static final Expr RANK = new WindowFunction(WindowOp.RANK, null, null, 0);

    @Test
    void stackedWindowsWithTheSameKeysMerge() {
        LogicalPlan lower = Window.of(scan(), List.of(over(RANK, "a", "b", "r")));
        LogicalPlan p = Window.of(lower, List.of(over(AggExpr.of(AggFunction.SUM, col("b")), "a", "b", "s")));
        assertRewrites(new MergeWindows(), p, """
                Window: partition by [a] order by [b ASC]: rank() AS r, sum(b) AS s
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOnOtherKeysOrWhenTheUpperReadsTheLower() {
        LogicalPlan lower = Window.of(scan(), List.of(over(RANK, "a", "b", "r")));
        assertDoesNotFire(new MergeWindows(),
                Window.of(lower, List.of(over(AggExpr.of(AggFunction.SUM, col("b")), "c", "b", "s"))));
        assertDoesNotFire(new MergeWindows(),
                Window.of(lower, List.of(over(AggExpr.of(AggFunction.SUM, col("r")), "a", "b", "s"))));
    }
}
