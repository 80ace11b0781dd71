package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Alias;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MergeProjects} in isolation: plan text before and after, and where it must not fire. */
class MergeProjectsTest {
    @Test
    void inlinesTheInnerProjectionKeepingNames() {
        LogicalPlan inner = Project.of(scan(), List.of(col("a"), new Alias(add(col("b"), lit(1)), "b1")));
        LogicalPlan p = Project.of(inner, List.of(new Alias(add(col("b1"), lit(2)), "x"), col("a"), col("b1")));
        assertDoesNotFire(new MergeProjects(), p);
        LogicalPlan once = Project.of(inner, List.of(new Alias(add(col("b1"), lit(2)), "x"), col("a")));
        assertRewrites(new MergeProjects(), once, """
                Project: b + 1 + 2 AS x, a
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void renamesSurviveInlining() {
        LogicalPlan inner = Project.of(scan(), List.of(new Alias(col("a"), "k")));
        LogicalPlan p = Project.of(inner, List.of(col("k")));
        assertRewrites(new MergeProjects(), p, """
                Project: a AS k
                  Scan: t (0 rows, 0 partitions)
                """);
    }
}
