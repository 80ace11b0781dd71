package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RemoveNoOpProjects} in isolation: plan text before and after, and where it must not fire. */
class RemoveNoOpProjectsTest {
    @Test
    void removesAnIdentityProjection() {
        LogicalPlan p = Project.of(scan(), List.of(col("a"), col("b"), col("c"), col("d")));
        assertRewrites(new RemoveNoOpProjects(), p, """
                Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void keepsAReorderingProjection() {
        assertDoesNotFire(new RemoveNoOpProjects(), Project.of(scan(), List.of(col("b"), col("a"), col("c"), col("d"))));
    }
}
