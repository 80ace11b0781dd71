package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import org.junit.jupiter.api.Test;

/** {@link MergeFilters} in isolation: plan text before and after, and where it must not fire. */
class MergeFiltersTest {
    @Test
    void mergesStackedFilters() {
        LogicalPlan p = new Filter(new Filter(scan(), gt(col("a"), lit(1))), gt(col("b"), lit(2)));
        assertRewrites(new MergeFilters(), p, """
                Filter: a > 1 AND b > 2
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOnASingleFilter() {
        assertDoesNotFire(new MergeFilters(), new Filter(scan(), gt(col("a"), lit(1))));
    }
}
