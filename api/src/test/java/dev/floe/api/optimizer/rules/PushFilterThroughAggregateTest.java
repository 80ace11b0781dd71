package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static dev.floe.api.optimizer.rules.RuleTester.sum;

import dev.floe.api.expr.Alias;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughAggregate} in isolation: plan text before and after, and where it must not fire. */
class PushFilterThroughAggregateTest {
    @Test
    void conjunctsOverPlainKeysGoBelow() {
        LogicalPlan agg = Aggregate.of(scan(), List.of(col("a"), new Alias(col("c"), "cc")), List.of(sum("b", "s")));
        LogicalPlan p = new Filter(agg, and(gt(col("a"), lit(1)), gt(col("s"), lit(10)), eq(col("cc"), col("cc"))));
        assertRewrites(new PushFilterThroughAggregate(), p, """
                Filter: s > 10 AND cc = cc
                  Aggregate: sum(b) AS s by a, c AS cc
                    Filter: a > 1
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void distinctTakesTheWholeFilter() {
        LogicalPlan p = new Filter(Aggregate.of(scan("u", "a", "b"), List.of(col("a"), col("b")), List.of()),
                gt(col("a"), col("b")));
        assertRewrites(new PushFilterThroughAggregate(), p, """
                Distinct: a, b
                  Filter: a > b
                    Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOverAggregatesOrAGlobalAggregate() {
        LogicalPlan keyed = Aggregate.of(scan(), List.of(col("a")), List.of(sum("b", "s")));
        assertDoesNotFire(new PushFilterThroughAggregate(), new Filter(keyed, gt(col("s"), lit(1))));
        LogicalPlan global = Aggregate.of(scan(), List.of(), List.of(sum("b", "s")));
        assertDoesNotFire(new PushFilterThroughAggregate(), new Filter(global, gt(col("s"), lit(1))));
    }
}
