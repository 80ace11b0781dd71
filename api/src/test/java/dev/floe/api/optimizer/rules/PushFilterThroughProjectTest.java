package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Nondeterministic;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughProject} in isolation: plan text before and after, and where it must not fire. */
class PushFilterThroughProjectTest {
    @Test
    void pushesConjunctsOverRenamesAndKeepsComputedOnesAbove() {
        LogicalPlan project = Project.of(scan(), List.of(new Alias(col("a"), "k"), new Alias(add(col("b"), lit(1)), "b1")));
        LogicalPlan p = new Filter(project, new Binary(BinaryOp.AND, gt(col("k"), lit(1)), gt(col("b1"), lit(0))));
        assertRewrites(new PushFilterThroughProject(), p, """
                Filter: b1 > 0
                  Project: a AS k, b + 1 AS b1
                    Filter: a > 1
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWhenEveryConjunctReadsAComputedColumn() {
        LogicalPlan project = Project.of(scan(), List.of(new Alias(add(col("b"), lit(1)), "b1")));
        assertDoesNotFire(new PushFilterThroughProject(), new Filter(project, gt(col("b1"), lit(0))));
    }

    /** Spark's rule too: below the projection, rand and the ids would see other rows than the user's. */
    @Test
    void doesNotFireBelowAProjectionComputingRandOrIds() {
        for (Nondeterministic.Op op : Nondeterministic.Op.values()) {
            LogicalPlan project = Project.of(scan(), List.of(new Alias(col("a"), "k"),
                    new Alias(new Nondeterministic(op, 1), "r")));
            assertDoesNotFire(new PushFilterThroughProject(), new Filter(project, gt(col("k"), lit(1))));
        }
    }

    @Test
    void randIsNeverFoldedIntoAConstant() {
        assertThat(dev.floe.api.eval.ConstantEvaluator.tryFold(new Nondeterministic(Nondeterministic.Op.RAND, 3)))
                .isEmpty();
        assertThat(Exprs.isDeterministic(add(new Nondeterministic(Nondeterministic.Op.RAND, 3), lit(1)))).isFalse();
    }
}
