package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import org.junit.jupiter.api.Test;

/** {@link PushFilterIntoScan} in isolation: plan text before and after, and where it must not fire. */
class PushFilterIntoScanTest {
    @Test
    void conjunctsBecomeScanFilters() {
        LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), lit(1)), gt(col("b"), lit(2))));
        assertRewrites(new PushFilterIntoScan(), p, """
                Scan: t (0 rows, 0 partitions) filters=[a > 1, b > 2]
                """);
    }

    @Test
    void doesNotFireIntoALimitedScan() {
        assertDoesNotFire(new PushFilterIntoScan(), new Filter(scan().withLimit(3L), gt(col("a"), lit(1))));
    }
}
