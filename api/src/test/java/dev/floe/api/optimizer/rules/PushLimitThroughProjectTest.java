package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushLimitThroughProject} in isolation: plan text before and after, and where it must not fire. */
class PushLimitThroughProjectTest {
    @Test
    void limitGoesBelowAProjection() {
        LogicalPlan p = new Limit(Project.of(scan(), List.of(add(col("a"), lit(1)))), 5);
        assertRewrites(new PushLimitThroughProject(), p, """
                Project: a + 1
                  Limit: 5
                    Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOverAFilter() {
        assertDoesNotFire(new PushLimitThroughProject(), new Limit(new Filter(scan(), gt(col("a"), lit(1))), 5));
    }
}
