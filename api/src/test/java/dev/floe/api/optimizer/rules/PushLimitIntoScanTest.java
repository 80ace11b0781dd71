package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import org.junit.jupiter.api.Test;

/** {@link PushLimitIntoScan} in isolation: plan text before and after, and where it must not fire. */
class PushLimitIntoScanTest {
    @Test
    void scanLimitIsSetAndTheGlobalLimitStays() {
        assertRewrites(new PushLimitIntoScan(), new Limit(scan(), 5), """
                Limit: 5
                  Scan: t (0 rows, 0 partitions) limit=5
                """);
    }

    @Test
    void doesNotFireTwiceOrOverAFilter() {
        assertDoesNotFire(new PushLimitIntoScan(), new Limit(scan().withLimit(5L), 5));
        assertDoesNotFire(new PushLimitIntoScan(), new Limit(new Filter(scan(), gt(col("a"), lit(1))), 5));
    }
}
