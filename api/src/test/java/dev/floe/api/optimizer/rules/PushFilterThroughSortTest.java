package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughSort} in isolation: plan text before and after, and where it must not fire. */
class PushFilterThroughSortTest {
    @Test
    void filterGoesBelowTheSort() {
        LogicalPlan p = new Filter(new Sort(scan(), List.of(SortKey.of(col("b")))), gt(col("a"), lit(1)));
        assertRewrites(new PushFilterThroughSort(), p, """
                Sort: b ASC
                  Filter: a > 1
                    Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWithoutASort() {
        assertDoesNotFire(new PushFilterThroughSort(), new Filter(new Limit(scan(), 3), gt(col("a"), lit(1))));
    }
}
