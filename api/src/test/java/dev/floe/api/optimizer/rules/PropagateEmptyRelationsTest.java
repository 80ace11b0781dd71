package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static dev.floe.api.optimizer.rules.RuleTester.sum;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PropagateEmptyRelations}: where false empties its subtree; a global aggregate over nothing stays. */
class PropagateEmptyRelationsTest {
    private static final Literal FALSE = new Literal(false, DataType.bool());

    @Test
    void aFalseFilterAboveAGroupByReplacesTheWholeSubtree() {
        LogicalPlan grouped = Aggregate.of(scan(), List.of(new Alias(RuleTester.add(col("a"), col("a")), "k")),
                List.of(sum("b", "s")));
        assertRewrites(new PropagateEmptyRelations(), new Filter(grouped, FALSE), """
                Scan: empty relation (0 rows, 1 partitions)
                """);
    }

    @Test
    void aNullFilterBelowAProjectionAndAGroupByEmptiesBoth() {
        LogicalPlan p = Aggregate.of(Project.of(new Filter(scan(), new Literal(null, DataType.bool())),
                List.of(col("a"), col("b"))), List.of(col("a")), List.of(sum("b", "s")));
        assertRewrites(new PropagateEmptyRelations(), p, """
                Scan: empty relation (0 rows, 1 partitions)
                """);
    }

    @Test
    void anAggregateWithoutKeysStaysBecauseItOutputsOneRowOverNothing() {
        LogicalPlan p = Aggregate.of(new Filter(scan(), FALSE), List.of(), List.of(sum("b", "s")));
        assertRewrites(new PropagateEmptyRelations(), p, """
                Aggregate: sum(b) AS s
                  Scan: empty relation (0 rows, 1 partitions)
                """);
    }

    @Test
    void outerJoinsKeepThePreservedSide() {
        LogicalPlan left = new Filter(scan("l", "a"), FALSE);
        assertRewrites(new PropagateEmptyRelations(), join(left, scan("r", "b"), "a", "b", JoinType.RIGHT), """
                Join: RIGHT on a = b
                  Scan: empty relation (0 rows, 1 partitions)
                  Scan: r (0 rows, 0 partitions)
                """);
        assertRewrites(new PropagateEmptyRelations(), join(left, scan("r", "b"), "a", "b", JoinType.INNER), """
                Scan: empty relation (0 rows, 1 partitions)
                """);
    }

    @Test
    void doesNotFireOnOtherFiltersOrOnEmptyInputData() {
        assertDoesNotFire(new PropagateEmptyRelations(), new Filter(scan(), gt(col("a"), lit(1))));
        // an in-memory source without rows is data, not a rewrite: left alone
        assertDoesNotFire(new PropagateEmptyRelations(), Project.of(scan(), List.of(col("a"))));
    }
}
