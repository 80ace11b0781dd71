package dev.floe.api.subquery;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Subqueries.exists;
import static dev.floe.api.Subqueries.in;
import static dev.floe.api.Subqueries.outer;
import static dev.floe.api.Subqueries.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.optimizer.Decorrelation;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subquery expressions: their types, how explain draws them, and the error when one is left in a plan. */
class SubqueriesTest {
    static DataFrame table(String name, Field... fields) {
        return DataFrame.of(PlanOnly.INSTANCE, Scan.of(new InMemorySource(name, Schema.of(fields), List.of())));
    }

    static final DataFrame ORDERS = table("orders", Field.of("o_orderkey", DataType.int64()),
            Field.of("o_total", DataType.float64()));
    static final DataFrame LINES = table("lineitem", Field.of("l_orderkey", DataType.int32()),
            Field.of("l_qty", DataType.float64()), Field.of("l_flag", DataType.string()));

    @Test
    void typesFollowTheSubquery() {
        DataFrame avgQty = LINES.where(col("l_orderkey").eq(outer("o_orderkey", DataType.int64())))
                .agg(col("l_qty").mean().alias("avg_qty"));
        DataFrame withAvg = ORDERS.select(col("o_orderkey"), scalar(avgQty).alias("a"));
        assertThat(withAvg.schema().field(1).type()).isEqualTo(DataType.float64());
        DataFrame in = ORDERS.where(in(col("o_orderkey"), LINES.select(col("l_orderkey"))));
        assertThat(in.schema()).isEqualTo(ORDERS.schema());
    }

    @Test
    void aScalarOrInSubqueryNeedsOneColumn() {
        assertThatThrownBy(() -> scalar(LINES))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("scalar subquery must return one column, but it returns 3 ([l_orderkey, l_qty, l_flag])");
        assertThatThrownBy(() -> ORDERS.where(in(col("o_orderkey"), LINES.select(col("l_flag")))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("string");
    }

    @Test
    void anOuterColumnMustHaveTheOuterType() {
        DataFrame sub = LINES.where(col("l_qty").gt(outer("o_total", DataType.int64())));
        assertThatThrownBy(() -> ORDERS.where(exists(sub)))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Outer column outer(o_total)")
                .hasMessageContaining("has type int64 but the query around the subquery has float64");
    }

    @Test
    void explainDrawsTheSubqueryUnderItsNode() {
        DataFrame sub = LINES.where(col("l_orderkey").eq(outer("o_orderkey", DataType.int64())).and(col("l_qty").gt(lit(3))));
        DataFrame q = ORDERS.where(exists(sub).not());
        assertThat(PlanPrinter.print(q.plan())).isEqualTo("""
                Filter: NOT EXISTS (Filter: l_orderkey = outer(o_orderkey) AND l_qty > 3)
                  Subquery: EXISTS correlated on o_orderkey
                    Filter: l_orderkey = outer(o_orderkey) AND l_qty > 3
                      Scan: lineitem (0 rows, 0 partitions)
                  Scan: orders (0 rows, 0 partitions)
                """);
    }

    @Test
    void aSubqueryNoRuleDecorrelatesIsAPlanErrorNamingIt() {
        DataFrame sub = LINES.select(col("l_qty"));
        DataFrame q = ORDERS.select(col("o_total").sum().over(dev.floe.api.Window.partitionBy(col("o_orderkey"))).alias("w"),
                scalar(sub).alias("s"));
        Optimizer onlyCheck = new Optimizer(List.of(dev.floe.api.optimizer.RuleBatch.once("check", "test",
                new Decorrelation())));
        assertThatThrownBy(() -> onlyCheck.optimize(q.plan()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("The subquery scalar(Project: l_qty) is in a position Floe cannot turn into a join");
    }
}
