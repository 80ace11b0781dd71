package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FoldConstants} in isolation: plan text before and after, and where it must not fire. */
class FoldConstantsTest {
    @Test
    void foldsArithmeticAndDropsTrueConjuncts() {
        LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), add(lit(1), lit(2))),
                new Literal(true, DataType.bool())));
        assertRewrites(new FoldConstants(), p, """
                Filter: a > 3
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void aFilterOnTrueDisappearsAndFalseWins() {
        assertRewrites(new FoldConstants(), new Filter(scan(), gt(lit(2), lit(1))), """
                Scan: t (0 rows, 0 partitions)
                """);
        LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), lit(1)), gt(lit(1), lit(2))));
        assertRewrites(new FoldConstants(), p, """
                Filter: false
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void foldedProjectionsKeepTheirNames() {
        LogicalPlan p = Project.of(scan(), List.of(new Alias(add(lit(1), lit(2)), "three"), add(col("a"), add(lit(1), lit(1)))));
        assertRewrites(new FoldConstants(), p, """
                Project: 3 AS three, a + 2
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void overflowIsLeftForRunTime() {
        LogicalPlan p = Project.of(scan(), List.of(new Alias(add(lit(Long.MAX_VALUE), lit(1)), "x")));
        assertDoesNotFire(new FoldConstants(), p);
    }

    @Test
    void doesNotFireWithoutConstants() {
        assertDoesNotFire(new FoldConstants(), new Filter(scan(), gt(col("a"), col("b"))));
    }
}
