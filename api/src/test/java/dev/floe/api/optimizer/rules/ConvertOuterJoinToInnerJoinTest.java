package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Unary;
import dev.floe.api.expr.UnaryOp;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConvertOuterJoinToInnerJoin} in isolation: plan text before and after, and where it must not fire. */
class ConvertOuterJoinToInnerJoinTest {
    private final Scan l = scan("l", "k", "a");
    private final Scan r = scan("r", "id", "b");

    private static Expr or(Expr left, Expr right) {
        return new Binary(BinaryOp.OR, left, right);
    }

    @Test
    void aLeftJoinUnderAFilterRejectingNullRightColumnsIsInner() {
        assertRewrites(new ConvertOuterJoinToInnerJoin(), new Filter(join(l, r, "k", "id", JoinType.LEFT),
                and(gt(col("a"), lit(0)), gt(add(col("b"), lit(1)), lit(2)))), """
                Filter: a > 0 AND b + 1 > 2
                  Join: INNER on k = id
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
        assertRewrites(new ConvertOuterJoinToInnerJoin(), new Filter(join(l, r, "k", "id", JoinType.RIGHT),
                new Unary(UnaryOp.NOT_NULL, col("a"))), """
                Filter: a IS NOT NULL
                  Join: INNER on k = id
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void anOuterJoinLosesThePaddingItsFilterRejects() {
        assertRewrites(new ConvertOuterJoinToInnerJoin(), new Filter(join(l, r, "k", "id", JoinType.OUTER),
                or(eq(col("a"), lit(1)), gt(col("a"), col("b")))), """
                Filter: a = 1 OR a > b
                  Join: LEFT on k = id
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
        assertRewrites(new ConvertOuterJoinToInnerJoin(), new Filter(join(l, r, "k", "id", JoinType.OUTER),
                eq(col("b"), lit(1))), """
                Filter: b = 1
                  Join: RIGHT on k = id
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
        // the merged key k (coalesce of both sides) moves to the left key as the join turns INNER
        LogicalPlan merged = join(scan("l", "k", "a"), scan("r", "k", "b"), "k", "k", JoinType.OUTER);
        assertRewrites(new ConvertOuterJoinToInnerJoin(), new Filter(merged, eq(col("a"), col("b"))), """
                Filter: a = b
                  Join: INNER on k = k
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWhenTheFilterKeepsPaddedRows() {
        LogicalPlan left = join(l, r, "k", "id", JoinType.LEFT);
        assertDoesNotFire(new ConvertOuterJoinToInnerJoin(), new Filter(left, new Unary(UnaryOp.IS_NULL, col("b"))));
        assertDoesNotFire(new ConvertOuterJoinToInnerJoin(), new Filter(left, or(gt(col("b"), lit(1)), gt(col("a"), lit(1)))));
        assertDoesNotFire(new ConvertOuterJoinToInnerJoin(), new Filter(left,
                eq(new Coalesce(List.of(col("b"), lit(0))), lit(0))));
        assertDoesNotFire(new ConvertOuterJoinToInnerJoin(), new Filter(left, gt(col("a"), lit(1))));
        // the merged key of an OUTER join is no side's column
        LogicalPlan merged = join(scan("l", "k", "a"), scan("r", "k", "b"), "k", "k", JoinType.OUTER);
        assertDoesNotFire(new ConvertOuterJoinToInnerJoin(), new Filter(merged, gt(col("k"), lit(1))));
    }
}
