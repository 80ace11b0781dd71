package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.arrow.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A query that fails inside a step fused into the source (an int32 overflow half-way through an
 * expression) fails with the overflow, and the session stays usable: the failing task's clean-up
 * must not take the TaskManager down (found by the differential fuzzer, seed 31 query 98: every
 * later action hung with its subtasks SCHEDULED). Own session, so a lost TaskManager cannot stall
 * the shared cluster of the other tests.
 */
@Timeout(180)
class FailureCleanupIT {
    @Test
    void aFailedFusedStepLeavesTheSessionUsable() {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            values.add(i % 3 == 0 ? null : 1_000_000);
        }
        try (Floe floe = Floe.local(4)) {
            DataFrame t = floe.fromColumns(Map.of("b3", values));
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> t.select(col("b3").sub(col("b3").ceil().mul(col("b3"))).alias("e0")).toTable())
                        .isInstanceOf(ExecutionException.class)
                        .hasStackTraceContaining("overflow");
            }
            try (Table ok = t.where(col("b3").notNull()).select(col("b3").alias("v")).toTable()) {
                assertThat(ok.numRows()).isEqualTo(values.stream().filter(v -> v != null).count());
            }
        }
    }
}
