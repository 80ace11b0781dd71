package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.expr.ExprDepth;
import dev.floe.arrow.Table;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Expressions as deep as {@link ExprDepth#MAX} run on the cluster (serialized to the task
 * threads and evaluated there), deeper ones fail at the user's line, and long chains of
 * withColumn/where calls run whole because the optimizer stops merging them at the limit.
 */
class DeepExpressionsIT {
    private static final long N = 1000;

    private static DataFrame numbers(Floe floe) {
        List<Long> xs = new ArrayList<>();
        LongStream.rangeClosed(1, N).forEach(xs::add);
        return floe.fromColumns(Map.of("x", xs));
    }

    @Test
    void anExpressionAtTheLimitRunsAndADeeperOneFailsAtBuild() {
        Expression e = col("x");
        for (int i = 0; i < ExprDepth.MAX - 2; i++) {
            e = e.add(1L);
        }
        Expression deepest = e.alias("y");
        try (Floe floe = SharedCluster.floe(2);
                Table t = numbers(floe).select(deepest).agg(col("y").sum(), col("y").count().alias("n")).toTable()) {
            long adds = ExprDepth.MAX - 2;
            assertThat(t.get(0, "y")).isEqualTo(N * (N + 1) / 2 + adds * N);
            assertThat(t.get(0, "n")).isEqualTo(N);
            Expression tooDeep = e.add(1L).add(1L);
            assertThatThrownBy(() -> numbers(floe).select(tooDeep)).isInstanceOf(PlanException.class)
                    .hasMessageContaining("nested " + (ExprDepth.MAX + 1) + " levels deep")
                    .hasMessageContaining("DeepExpressionsIT.java:");
        }
    }

    @Test
    void sixHundredChainedWithColumnAndWhereCallsRun() {
        int steps = 600;
        try (Floe floe = SharedCluster.floe(2)) {
            DataFrame d = numbers(floe);
            for (int i = 0; i < steps; i++) {
                // after i+1 additions x = x0 + i + 1; the filter drops x0 divisible by 7 (the same rows each step)
                d = d.withColumn("x", col("x").add(1L)).where(col("x").mod(7L).neq((long) ((i + 1) % 7)));
            }
            try (Table t = d.agg(col("x").sum(), col("x").count().alias("n")).toTable()) {
                long kept = N - N / 7;
                long keptSum = N * (N + 1) / 2 - 7 * (N / 7) * (N / 7 + 1) / 2;
                assertThat(t.get(0, "n")).isEqualTo(kept);
                assertThat(t.get(0, "x")).isEqualTo(keptSum + steps * kept);
            }
        }
    }
}
