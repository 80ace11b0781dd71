package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.plan.Limit;
import dev.floe.api.plan.Scan;
import org.junit.jupiter.api.Test;

/** {@link MergeLimits} in isolation: plan text before and after, and where it must not fire. */
class MergeLimitsTest {
    @Test
    void keepsTheSmallerLimit() {
        assertRewrites(new MergeLimits(), new Limit(new Limit(scan(), 5), 10), """
                Limit: 5
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireOnOneLimit() {
        assertDoesNotFire(new MergeLimits(), new Limit(scan(), 5));
    }
}
