package dev.floe.api.optimizer;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import dev.floe.api.Executor;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole rule set on the README's program: filters into the scan, only needed columns read. */
class StandardOptimizerTest {
    private static final Schema ORDERS = Schema.of(
            Field.of("o_orderkey", DataType.int64()), Field.of("o_totalprice", DataType.float64()),
            Field.of("o_orderstatus", DataType.string()), Field.of("o_orderdate", DataType.date()),
            Field.of("o_comment", DataType.string()));

    /** Plans only; running is not this test's business. */
    private static final class NoExecutor implements Executor {
        @Override
        public Table execute(LogicalPlan optimizedPlan, String action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String explainPhysical(LogicalPlan optimizedPlan) {
            return "";
        }

        @Override
        public int parallelism() {
            return 1;
        }
    }

    @Test
    void readmeProgramOptimizesToAFilteredPrunedScan() {
        DataFrame df = DataFrame.of(new NoExecutor(), Scan.of(new InMemorySource("orders", ORDERS, List.of())))
                .where(col("o_totalprice").gt(lit(1000)).and(col("o_orderstatus").eq(lit("F"))))
                .withColumn("price_k", col("o_totalprice").div(lit(1000)))
                .select(col("o_orderkey"), col("price_k"), col("o_orderdate"))
                .limit(20);
        assertThat(PlanPrinter.print(df.optimizedPlan())).isEqualTo("""
                Project: o_orderkey, o_totalprice / 1000 AS price_k, o_orderdate
                  Limit: 20
                    Scan: orders (0 rows, 0 partitions) columns=[o_orderkey, o_totalprice, o_orderdate] \
                filters=[o_totalprice > 1000, o_orderstatus = 'F'] limit=20
                """);
        assertThat(df.optimizedPlan().schema()).isEqualTo(df.schema());
    }

    @Test
    void constantsFoldBeforePushdown() {
        DataFrame df = DataFrame.of(new NoExecutor(), Scan.of(new InMemorySource("orders", ORDERS, List.of())))
                .where(col("o_orderkey").gt(lit(10L).mul(lit(10L))))
                .select("o_orderkey");
        assertThat(PlanPrinter.print(df.optimizedPlan())).isEqualTo("""
                Scan: orders (0 rows, 0 partitions) columns=[o_orderkey] filters=[o_orderkey > 100]
                """);
    }
}
