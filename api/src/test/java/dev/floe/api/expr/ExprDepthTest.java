package dev.floe.api.expr;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested expressions fail when the DataFrame is built, naming the depth and the limit
 * (they used to overflow the stack when the plan was serialized for the job), and the optimizer
 * never merges chains of withColumn/where calls into one expression past the limit.
 */
class ExprDepthTest {
    private static DataFrame df() {
        return PlanOnly.frame(Schema.of(Field.of("x", DataType.int64())));
    }

    private static Expression chain(int adds) {
        Expression e = col("x");
        for (int i = 0; i < adds; i++) {
            e = e.add(1L);
        }
        return e;
    }

    @Test
    void depthCountsLevels() {
        assertThat(ExprDepth.of(col("x").node())).isEqualTo(1);
        assertThat(ExprDepth.of(chain(3).alias("y").node())).isEqualTo(5);
        assertThat(ExprDepth.of(chain(100_000).node())).isEqualTo(100_001);
    }

    @Test
    void tooDeepFailsAtBuildNamingDepthLimitAndLine() {
        assertThatThrownBy(() -> df().select(chain(3000))).isInstanceOf(PlanException.class)
                .hasMessageContaining("An expression in a projection (select/withColumn) is nested 3001 levels deep")
                .hasMessageContaining("named 'x'")
                .hasMessageContaining("up to " + ExprDepth.MAX + " levels")
                .hasMessageContaining("ExprDepthTest.java:");
        assertThatThrownBy(() -> df().where(chain(3000).gt(0L))).isInstanceOf(PlanException.class)
                .hasMessageContaining("An expression in a filter (where) is nested 3002 levels deep");
        assertThatThrownBy(() -> df().groupBy(col("x")).agg(chain(500).sum())).isInstanceOf(PlanException.class)
                .hasMessageContaining("in an aggregation is nested 502 levels deep");
        assertThatThrownBy(() -> df().sort(chain(500))).isInstanceOf(PlanException.class)
                .hasMessageContaining("in a sort key is nested");
    }

    @Test
    void theLimitItselfBuilds() {
        assertThat(df().select(chain(ExprDepth.MAX - 1)).columnNames()).containsExactly("x");
    }

    @Test
    void chainsOfCallsAreNotMergedPastTheLimit() {
        DataFrame d = df();
        for (int i = 0; i < 600; i++) {
            d = d.withColumn("x", col("x").add(1L)).where(col("x").gt((long) -i));
        }
        LogicalPlan optimized = Optimizer.standard().optimize(d.plan());
        List<Expr> exprs = new ArrayList<>();
        int[] merged = {0};
        optimized.transformUp(p -> {
            if (p instanceof Project pr) {
                exprs.addAll(pr.exprs());
                merged[0]++;
            } else if (p instanceof Filter f) {
                exprs.add(f.predicate());
            }
            return p;
        });
        assertThat(exprs).allSatisfy(e -> assertThat(ExprDepth.of(e)).isLessThanOrEqualTo(ExprDepth.MAX));
        assertThat(merged[0]).as("projections after merging").isBetween(2, 600);
    }
}
