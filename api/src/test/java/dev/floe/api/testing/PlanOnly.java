package dev.floe.api.testing;

import dev.floe.api.DataFrame;
import dev.floe.api.Executor;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Table;
import java.util.List;

/**
 * An executor for tests that only build plans: any action fails the test.
 * {@code DataFrame df = PlanOnly.frame(Schema.of(Field.of("x", DataType.int64())));}
 */
public enum PlanOnly implements Executor {
    INSTANCE;

    /** A DataFrame over an empty in-memory table of {@code schema}; it cannot run. */
    public static DataFrame frame(Schema schema) {
        return DataFrame.of(INSTANCE, Scan.of(new InMemorySource("t", schema, List.of())));
    }

    @Override
    public Table execute(LogicalPlan optimizedPlan, String action) {
        throw new AssertionError("nothing should execute in a planning test");
    }

    @Override
    public String explainPhysical(LogicalPlan optimizedPlan) {
        throw new AssertionError("nothing should execute in a planning test");
    }

    @Override
    public int parallelism() {
        return 1;
    }
}
