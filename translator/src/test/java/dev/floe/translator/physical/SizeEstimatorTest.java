package dev.floe.translator.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.plan.Explode;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimates the join planner compares with the broadcast threshold. */
class SizeEstimatorTest {
    private static final Scan SMALL = Scan.of(new InMemorySource("tags",
            Schema.of(Field.of("id", DataType.int64()), Field.of("tags", DataType.list(DataType.string()))), List.of()));

    @Test
    void aSmallExplodedInputStaysSmallEnoughToBroadcast() {
        LogicalPlan exploded = Explode.of(SMALL, List.of("tags"));
        assertThat(SizeEstimator.bytes(exploded)).isLessThanOrEqualTo(JoinPlanner.DEFAULT_BROADCAST_BYTES);
    }
}
