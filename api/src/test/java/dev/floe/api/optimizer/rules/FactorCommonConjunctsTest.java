package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Udf;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FactorCommonConjuncts} in isolation: plan text before and after, and where it must not fire. */
class FactorCommonConjunctsTest {
    private static Expr or(Expr l, Expr r) {
        return new Binary(BinaryOp.OR, l, r);
    }

    @Test
    void conjunctsEveryBranchSharesBecomeConjunctsOfTheirOwn() {
        LogicalPlan p = new Filter(scan("t", "a", "b", "c"), and(gt(col("c"), lit(0)), or(or(
                and(eq(col("a"), lit(1)), gt(col("b"), lit(2)), eq(col("c"), lit(7))),
                and(gt(col("b"), lit(3)), eq(col("a"), lit(1)), eq(col("c"), lit(7)))),
                and(eq(col("c"), lit(7)), eq(col("a"), lit(1))))));
        assertRewrites(new FactorCommonConjuncts(), p, """
                Filter: c > 0 AND a = 1 AND c = 7
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void theRestOfEachBranchStaysADisjunction() {
        LogicalPlan p = new Filter(scan("t", "a", "b", "c"), or(
                and(eq(col("a"), lit(1)), gt(col("b"), lit(2))),
                and(eq(col("a"), lit(1)), gt(col("c"), lit(3)), gt(col("b"), lit(0)))));
        assertRewrites(new FactorCommonConjuncts(), p, """
                Filter: a = 1 AND (b > 2 OR c > 3 AND b > 0)
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWithoutASharedConjunctOrOverAUserFunction() {
        LogicalPlan t = scan("t", "a", "b");
        assertDoesNotFire(new FactorCommonConjuncts(), new Filter(t, or(and(eq(col("a"), lit(1)), gt(col("b"), lit(2))),
                and(eq(col("a"), lit(2)), gt(col("b"), lit(3))))));
        Expr random = gt(new Udf("random", DataType.int64(), null, row -> 4L, List.of(col("a"))), lit(3));
        assertDoesNotFire(new FactorCommonConjuncts(), new Filter(t, or(and(random, gt(col("b"), lit(2))),
                and(random, gt(col("a"), lit(2))))));
    }
}
