package dev.floe.api.plan;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lag;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.rank;
import static dev.floe.api.Functions.rowNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import org.junit.jupiter.api.Test;

/** How select/withColumn move window functions into Window nodes (plan snapshots), and where windows are refused. */
class WindowExtractionTest {
    private static final Schema T = Schema.of(Field.of("dept", DataType.int64()), Field.of("salary", DataType.float64()),
            Field.of("name", DataType.string()), Field.of("d", DataType.date()));

    private static DataFrame t() {
        return PlanOnly.frame(T);
    }

    @Test
    void windowsWithOnePartitioningAndOrderShareOneNode() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("salary").desc());
        DataFrame df = t().select(col("name"), rank().over(w).alias("r"), col("salary").sum().over(w).alias("s"),
                lag(col("salary"), 1, lit(0)).over(w).alias("p"));
        assertThat(PlanPrinter.print(df.plan())).isEqualTo("""
                Project: name, r, s, p
                  Window: partition by [dept] order by [salary DESC]: rank() AS r, sum(salary) AS s, \
                lag(salary, 1, __win_in0) AS p
                    Project: dept, salary, name, d, cast(0 AS float64) AS __win_in0
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void windowsOfConsecutiveWithColumnsMergeWhenTheyShareKeys() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("salary").desc());
        DataFrame df = t().withColumn("r", rank().over(w))
                .withColumn("running", col("salary").sum().over(w.rowsBetween(Window.UNBOUNDED_PRECEDING, 0)))
                .withColumn("top", col("salary").max().over(Window.partitionBy("dept")))
                .withColumn("again", col("r").sum().over(w));
        assertThat(df.schema().names()).containsExactly("dept", "salary", "name", "d", "r", "running", "top", "again");
        assertThat(PlanPrinter.print(df.optimizedPlan())).isEqualTo("""
                Window: partition by [dept] order by [salary DESC]: sum(r) AS again
                  Window: partition by [dept] order by []: max(salary) AS top
                    Window: partition by [dept] order by [salary DESC]: rank() AS r, sum(salary) ROWS BETWEEN \
                UNBOUNDED PRECEDING AND CURRENT ROW AS running
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void computedKeysAreProjectedBelowAndDifferentWindowsStack() {
        DataFrame df = t().select(col("name"), rowNumber().over(Window.partitionBy(col("dept").mod(2))
                .orderBy(col("d"))).add(1).alias("rn"), col("salary").max().over(Window.partitionBy()).alias("top"));
        assertThat(PlanPrinter.print(df.plan())).isEqualTo("""
                Project: name, __win0 + 1 AS rn, top
                  Window: partition by [] order by []: max(salary) AS top
                    Window: partition by [__win_in0] order by [d ASC]: row_number() AS __win0
                      Project: dept, salary, name, d, dept % 2 AS __win_in0
                        Scan: t (0 rows, 0 partitions)
                """);
        assertThat(df.schema().toString()).contains("rn: int64", "top: float64");
    }

    @Test
    void filtersOnPartitionKeysRunBelowTheWindowAndOthersAbove() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("salary"));
        DataFrame df = t().withColumn("r", rank().over(w))
                .where(col("dept").gt(lit(1)).and(col("r").le(lit(3))).and(col("salary").gt(lit(10.0))));
        assertThat(PlanPrinter.print(df.optimizedPlan())).isEqualTo("""
                Filter: r <= 3 AND salary > 10.0
                  Window: partition by [dept] order by [salary ASC]: rank() AS r
                    Scan: t (0 rows, 0 partitions) filters=[dept > 1]
                """);
    }

    @Test
    void unreadWindowsArePrunedAndTheirInputsWithThem() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("d"));
        DataFrame df = t().withColumn("r", rank().over(w)).withColumn("l", lag(col("name")).over(w))
                .select(col("salary"), col("r"));
        assertThat(PlanPrinter.print(df.optimizedPlan())).isEqualTo("""
                Project: salary, r
                  Window: partition by [dept] order by [d ASC]: rank() AS r
                    Scan: t (0 rows, 0 partitions) columns=[dept, salary, d]
                """);
        DataFrame none = t().withColumn("r", rank().over(w)).select(col("salary"));
        assertThat(PlanPrinter.print(none.optimizedPlan())).isEqualTo("""
                Scan: t (0 rows, 0 partitions) columns=[salary]
                """);
    }

    @Test
    void windowsAreRefusedInWhereAndAggAndWithoutOver() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("salary"));
        assertThatThrownBy(() -> t().where(rank().over(w).le(lit(3))))
                .isInstanceOf(PlanException.class).hasMessageContaining("not allowed in a filter (where)")
                .hasMessageContaining("withColumn");
        assertThatThrownBy(() -> t().groupBy("dept").agg(col("salary").sum().over(w)))
                .isInstanceOf(PlanException.class).hasMessageContaining("not allowed in agg(...)");
        assertThatThrownBy(() -> t().agg(rank().over(w).sum()))
                .isInstanceOf(PlanException.class).hasMessageContaining("not allowed in agg(...)");
        assertThatThrownBy(() -> t().select(rank()))
                .isInstanceOf(PlanException.class).hasMessageContaining("rank() is a window function")
                .hasMessageContaining(".over(");
        assertThatThrownBy(() -> t().select(col("salary").sum().over(Window.orderBy(rank().over(w)))))
                .isInstanceOf(PlanException.class).hasMessageContaining("cannot be nested");
        assertThatThrownBy(() -> t().select(col("salary").sum().over(w.rangeBetween(-1, 1).orderBy(col("name")))))
                .isInstanceOf(PlanException.class).hasMessageContaining("does not apply to the order key name");
        assertThatThrownBy(() -> Window.orderBy(col("salary")).rowsBetween(2, 1))
                .isInstanceOf(PlanException.class).hasMessageContaining("must not be after");
    }
}
