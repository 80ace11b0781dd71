package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.JoinType;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughJoin} in isolation: plan text before and after, and where it must not fire. */
class PushFilterThroughJoinTest {
    // l(k, a) ⋈ r(k, a, b) on k outputs k, a, "right.a", b
    private final Scan l = scan("l", "k", "a");
    private final Scan r = scan("r", "k", "a", "b");

    @Test
    void innerJoinTakesEachSidesConjunctsRenamedToItsInput() {
        LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.INNER),
                and(gt(col("a"), lit(1)), gt(col("right.a"), lit(2)), gt(col("a"), col("b"))));
        assertRewrites(new PushFilterThroughJoin(), p, """
                Filter: a > b
                  Join: INNER on k = k
                    Filter: a > 1
                      Scan: l (0 rows, 0 partitions)
                    Filter: a > 2
                      Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void leftJoinKeepsRightSidePredicatesAbove() {
        LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.LEFT),
                and(gt(col("a"), lit(1)), gt(col("b"), lit(2))));
        assertRewrites(new PushFilterThroughJoin(), p, """
                Filter: b > 2
                  Join: LEFT on k = k
                    Filter: a > 1
                      Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void rightJoinTakesTheMergedKeyToTheRightAndKeepsLeftPredicatesAbove() {
        LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.RIGHT),
                and(gt(col("k"), lit(5)), gt(col("a"), lit(1)), gt(col("right.a"), lit(2))));
        assertRewrites(new PushFilterThroughJoin(), p, """
                Filter: a > 1
                  Join: RIGHT on k = k
                    Scan: l (0 rows, 0 partitions)
                    Filter: k > 5 AND a > 2
                      Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void semiAndAntiJoinsTakeLeftPredicates() {
        for (JoinType type : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LogicalPlan p = new Filter(join(l, r, "k", "k", type), gt(col("a"), lit(1)));
            assertRewrites(new PushFilterThroughJoin(), p, """
                    Join: %s on k = k
                      Filter: a > 1
                        Scan: l (0 rows, 0 partitions)
                      Scan: r (0 rows, 0 partitions)
                    """.formatted(type));
        }
    }

    @Test
    void doesNotFireOnAnOuterJoin() {
        LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.OUTER),
                and(gt(col("k"), lit(5)), gt(col("a"), lit(1)), gt(col("b"), lit(2))));
        assertDoesNotFire(new PushFilterThroughJoin(), p);
    }

    @Test
    void doesNotFireOnPredicatesOverBothSides() {
        LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.INNER), gt(col("a"), col("right.a")));
        assertDoesNotFire(new PushFilterThroughJoin(), p);
    }
}
