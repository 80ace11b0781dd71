package dev.floe.api.reshape;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.grouping;
import static dev.floe.api.Functions.groupingId;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grouping sets, pivot and unpivot through the standard optimizer: plan snapshots of what filters
 * and pruning do around their Expand and aggregations, and the plan-time errors.
 */
class GroupingPlansTest {
    private static final Schema T = Schema.of(Field.of("a", DataType.int64()), Field.of("b", DataType.string()),
            Field.of("v", DataType.int64()), Field.of("w", DataType.float64()), Field.of("c", DataType.string()));

    private static DataFrame t() {
        return PlanOnly.frame(T);
    }

    private static String optimized(DataFrame df) {
        assertThat(df.optimizedPlan().schema()).isEqualTo(df.schema());
        return PlanPrinter.print(df.optimizedPlan());
    }

    @Test
    void rollupIsOneExpandUnderOneAggregateAndReadsOnlyWhatItUses() {
        DataFrame r = t().rollup(col("a"), col("b")).agg(col("v").sum(), grouping(col("b")), groupingId())
                .where(col("a").gt(lit(1L)));
        assertThat(r.columnNames()).containsExactly("a", "b", "v", "grouping(b)", "grouping_id()");
        assertThat(r.schema().field(3).type()).isEqualTo(DataType.int32());
        assertThat(r.schema().field(4).type()).isEqualTo(DataType.int64());
        // a filter on a key stays above: below the Expand it would also drop rows from the rolled-up totals
        assertThat(optimized(r)).isEqualTo("""
                Project: a, b, __agg0 AS v, cast(__gid % 2 AS int32) AS "grouping(b)", __gid AS "grouping_id()"
                  Filter: a > 1
                    Aggregate: sum(v) AS __agg0 by __gk0 AS a, __gk1 AS b, __gid
                      Expand: 3 rows per row, __gk0 = [a, a, null], __gk1 = [b, null, null], __gid = [0, 1, 3]; keeps v
                        Scan: t (0 rows, 0 partitions) columns=[a, b, v]
                """);
    }

    @Test
    void cubeAndRepeatedGroupingSets() {
        DataFrame c = t().where(col("w").gt(lit(0.5))).cube(col("a"), col("b").alias("bb")).agg(count());
        assertThat(optimized(c)).isEqualTo("""
                Project: a, bb, __agg0 AS count
                  Aggregate: count(*) AS __agg0 by __gk0 AS a, __gk1 AS bb, __gid
                    Expand: 4 rows per row, __gk0 = [a, a, null, null], __gk1 = [b, null, b, null], __gid = [0, 1, 2, 3]
                      Scan: t (0 rows, 0 partitions) columns=[a, b] filters=[w > 0.5]
                """);
        // a set listed twice keeps its rows apart by its position; keys in order of first appearance
        DataFrame g = t().groupingSets(List.of(List.of(col("b")), List.of(col("a"), col("b")), List.of(col("b"))))
                .agg(col("v").max(), grouping(col("a")).add(lit(1)).alias("g"));
        assertThat(g.columnNames()).containsExactly("b", "a", "v", "g");
        assertThat(optimized(g)).isEqualTo("""
                Project: b, a, __agg0 AS v, cast(__gid % 2 AS int32) + 1 AS g
                  Aggregate: max(v) AS __agg0 by __gk0 AS b, __gk1 AS a, __gid, __gpos
                    Expand: 3 rows per row, __gk0 = [b, b, b], __gk1 = [null, a, null], __gid = [1, 0, 1], \
                __gpos = [0, 1, 2]; keeps v
                      Scan: t (0 rows, 0 partitions) columns=[a, b, v]
                """);
    }

    @Test
    void onlyTheEmptySetIsAGlobalAggregation() {
        DataFrame g = t().rollup().agg(col("v").sum().add(lit(1L)).alias("s1"), groupingId());
        assertThat(optimized(g)).isEqualTo("""
                Project: __agg0 + 1 AS s1, 0 AS "grouping_id()"
                  Aggregate: sum(v) AS __agg0
                    Scan: t (0 rows, 0 partitions) columns=[v]
                """);
        assertThat(optimized(t().groupingSets(List.of(List.of())).agg(groupingId()))).isEqualTo("""
                Project: 0 AS "grouping_id()"
                  Aggregate: count(*) AS __agg0
                    Scan: t (0 rows, 0 partitions) columns=[]
                """);
    }

    @Test
    void groupingOutsideGroupingSetsOrOfAnUnknownKeyFails() {
        assertThatThrownBy(() -> t().groupBy("a").agg(grouping(col("a"))))
                .isInstanceOf(PlanException.class).hasMessageContaining("only allowed in agg(...) after rollup(...)");
        assertThatThrownBy(() -> t().select(groupingId()))
                .isInstanceOf(PlanException.class).hasMessageContaining("grouping_id() is only allowed");
        assertThatThrownBy(() -> t().rollup(col("a")).agg(grouping(col("b"))))
                .isInstanceOf(PlanException.class).hasMessageContaining("b is not a grouping key; the keys are a");
        assertThatThrownBy(() -> t().rollup(col("a")).agg(col("v")))
                .isInstanceOf(PlanException.class).hasMessageContaining("v is not an aggregation");
        assertThatThrownBy(() -> t().rollup(col("nope")))
                .isInstanceOf(PlanException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> t().rollup(col("a")).pivot("b", List.of("x")))
                .isInstanceOf(PlanException.class).hasMessageContaining("pivot(...) follows groupBy(...) only");
    }

    @Test
    void filtersOnPassedThroughColumnsGoBelowAnUnpivotAndUnreadValuesAreNotRead() {
        DataFrame u = t().unpivot(List.of("a", "b"), List.of("v", "w"), "k", "val")
                .where(col("a").gt(lit(1L)).and(col("val").gt(lit(2.0))));
        assertThat(optimized(u)).isEqualTo("""
                Filter: val > 2.0
                  Expand: 2 rows per row, k = ['v', 'w'], val = [cast(v AS float64), w]; keeps a, b
                    Scan: t (0 rows, 0 partitions) columns=[a, b, v, w] filters=[a > 1]
                """);
        DataFrame names = t().melt(List.of("a", "b"), List.of("v", "w"), "k", "val").select("a", "k");
        assertThat(optimized(names)).isEqualTo("""
                Expand: 2 rows per row, k = ['v', 'w']; keeps a
                  Scan: t (0 rows, 0 partitions) columns=[a]
                """);
        // counting rows reads no column but keeps one per copy
        DataFrame counted = t().unpivot(List.of("a"), List.of("v", "w"), "k", "val").agg(count());
        assertThat(optimized(counted)).isEqualTo("""
                Aggregate: count(*)
                  Expand: 2 rows per row, val = [cast(v AS float64), w]
                    Scan: t (0 rows, 0 partitions) columns=[v, w]
                """);
    }

    @Test
    void unpivotNeedsOneValueTypeAndDistinctNames() {
        assertThatThrownBy(() -> t().unpivot(List.of("a"), List.of("v", "b"), "k", "val"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("value columns must coerce to one type, but 'v' is int64 and 'b' is string");
        assertThatThrownBy(() -> t().unpivot(List.of("a"), List.of(), "k", "val"))
                .isInstanceOf(PlanException.class).hasMessageContaining("'b' is string and 'v' is int64");
        assertThatThrownBy(() -> t().unpivot(List.of("a"), List.of("v", "w"), "a", "val"))
                .isInstanceOf(PlanException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> t().unpivot(List.of("a"), List.of("vv"), "k", "val"))
                .isInstanceOf(PlanException.class).hasMessageContaining("vv");
    }

    @Test
    void filtersOnKeysGoBelowBothAggregationsOfAPivot() {
        DataFrame p = t().groupBy("a").pivot("b", List.of("x", "y")).agg(col("v").sum(), count())
                .where(col("a").gt(lit(1L)));
        assertThat(p.columnNames()).containsExactly("a", "x_v", "x_count", "y_v", "y_count");
        assertThat(optimized(p)).isEqualTo("""
                Aggregate: any_value(if_else(__pivot = 'x', __pv0, null)) AS x_v, any_value(if_else(__pivot = 'x', \
                __pv1, null)) AS x_count, any_value(if_else(__pivot = 'y', __pv0, null)) AS y_v, \
                any_value(if_else(__pivot = 'y', __pv1, null)) AS y_count by a
                  Aggregate: sum(v) AS __pv0, count(*) AS __pv1 by a, b AS __pivot
                    Scan: t (0 rows, 0 partitions) columns=[a, b, v] filters=[a > 1]
                """);
        DataFrame one = t().groupBy("c").pivot("a", java.util.Arrays.asList(1, null)).agg(col("w").max()).select("c", "1");
        assertThat(optimized(one)).isEqualTo("""
                Aggregate: any_value(if_else(__pivot = 1, __pv0, null)) AS "1" by c
                  Aggregate: max(w) AS __pv0 by c, a AS __pivot
                    Scan: t (0 rows, 0 partitions) columns=[a, w, c]
                """);
    }

    @Test
    void pivotValuesMustCompareWithTheColumnAndComeOnce() {
        assertThatThrownBy(() -> t().groupBy("a").pivot("b", List.of(1)))
                .isInstanceOf(PlanException.class).hasMessageContaining("pivot value 1 does not compare with column 'b'");
        assertThatThrownBy(() -> t().groupBy("a").pivot("b", List.of("x", "x")))
                .isInstanceOf(PlanException.class).hasMessageContaining("lists 'x' twice");
        assertThatThrownBy(() -> t().groupBy("a").pivot("b", List.of("x")).agg(col("v").sum(), col("v").max()))
                .isInstanceOf(PlanException.class).hasMessageContaining("x_v");
    }
}
