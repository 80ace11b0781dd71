package dev.floe.api.optimizer.rules;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.frame;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Offset;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Union;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Set operations and the row methods in the optimizer: {@link PushFilterThroughUnion},
 * {@link PruneColumns} over a union (both sides keep the same positions),
 * {@link PushOffsetThroughProject}, and the standard optimizer's whole plans (plan snapshots).
 */
class SetOperationPlansTest {
    private static Scan typed(String name, Field... fields) {
        return Scan.of(new InMemorySource(name, Schema.of(fields), List.of()));
    }

    private static String optimized(DataFrame df) {
        LogicalPlan out = df.optimizedPlan();
        assertThat(out.schema()).isEqualTo(df.schema());
        return PlanPrinter.print(out);
    }

    @Test
    void aFilterOverAUnionFiltersBothSidesByPosition() {
        LogicalPlan u = new Union(scan("l", "a", "b"), scan("r", "x", "y"));
        assertRewrites(new PushFilterThroughUnion(), new Filter(u, RuleTester.gt(new Column("b"), RuleTester.lit(1))), """
                Union: all by position (right: x, y)
                  Filter: b > 1
                    Scan: l (0 rows, 0 partitions)
                  Filter: y > 1
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void swappedNamesAreRenamedAtOnce() {
        LogicalPlan u = new Union(scan("l", "a", "b"), scan("r", "b", "a"));
        LogicalPlan p = new Filter(u, RuleTester.gt(new Column("a"), new Column("b")));
        assertRewrites(new PushFilterThroughUnion(), p, """
                Union: all by position (right: b, a)
                  Filter: a > b
                    Scan: l (0 rows, 0 partitions)
                  Filter: b > a
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWithoutAUnion() {
        assertDoesNotFire(new PushFilterThroughUnion(), new Filter(scan(), RuleTester.gt(new Column("a"), RuleTester.lit(1))));
    }

    @Test
    void pruningKeepsTheSamePositionsOnBothSides() {
        LogicalPlan u = new Union(scan("l", "a", "b", "c"), scan("r", "x", "y", "z"));
        assertRewrites(new PruneColumns(), Project.of(u, List.of(new Column("c"), new Column("a"))), """
                Project: c, a
                  Union: all by position (right: x, z)
                    Scan: l (0 rows, 0 partitions) columns=[a, c]
                    Scan: r (0 rows, 0 partitions) columns=[x, z]
                """);
    }

    @Test
    void aSideThatCannotDropAColumnIsProjectedOntoTheKeptPositions() {
        // the right side's sample hashes every column, so it keeps y: a projection realigns it
        DataFrame r = frame(scan("r", "x", "y")).sample(0.5, false, 1);
        DataFrame u = frame(scan("l", "a", "b")).union(r).select("a");
        // union (distinct) reads every column: nothing below the aggregation is pruned
        assertThat(optimized(u)).contains("Scan: l (0 rows").contains("Scan: r (0 rows");
        LogicalPlan concat = Project.of(new Union(scan("l", "a", "b"), r.plan()), List.of(new Column("a")));
        assertRewrites(new PruneColumns(), concat, """
                Project: a
                  Union: all by position (right: x)
                    Scan: l (0 rows, 0 partitions) columns=[a]
                    Project: x
                      Sample: 0.5, seed 1
                        Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void concatFiltersAndPrunesBothScans() {
        DataFrame l = frame(scan("l", "a", "b", "c"));
        DataFrame r = frame(scan("r", "a", "b", "c"));
        DataFrame q = l.concat(r).where(col("b").gt(lit(10L))).select("a");
        assertThat(optimized(q)).isEqualTo("""
                Union: all
                  Scan: l (0 rows, 0 partitions) columns=[a] filters=[b > 10]
                  Scan: r (0 rows, 0 partitions) columns=[a] filters=[b > 10]
                """);
    }

    @Test
    void intersectFiltersReachBothInputsThroughTheAggregation() {
        DataFrame l = frame(scan("l", "a", "b"));
        DataFrame r = frame(scan("r", "x", "y"));
        assertThat(optimized(l.intersectAll(r).where(col("a").eq(lit(3L))))).isEqualTo("""
                Replicate: __floe_times times
                  Project: a, b, if_else(__floe_left < __floe_right, __floe_left, __floe_right) AS __floe_times
                    Filter: __floe_left > 0 AND __floe_right > 0
                      Aggregate: sum(__floe_left) AS __floe_left, sum(__floe_right) AS __floe_right by a, b
                        Union: all
                          Project: a, b, 1 AS __floe_left, 0 AS __floe_right
                            Scan: l (0 rows, 0 partitions) filters=[a = 3]
                          Project: x AS a, y AS b, 0 AS __floe_left, 1 AS __floe_right
                            Scan: r (0 rows, 0 partitions) filters=[x = 3]
                """);
    }

    @Test
    void unionByNameFillsMissingColumnsWithTypedNulls() {
        DataFrame l = frame(typed("l", Field.of("a", DataType.int32()), Field.of("b", DataType.string())));
        DataFrame r = frame(typed("r", Field.of("c", DataType.float64()), Field.of("a", DataType.int64())));
        DataFrame u = l.unionByName(r, true);
        assertThat(u.schema()).isEqualTo(Schema.of(Field.of("a", DataType.int64()), Field.of("b", DataType.string()),
                Field.of("c", DataType.float64())));
        assertThat(PlanPrinter.print(u.plan())).isEqualTo("""
                Union: all
                  Project: cast(a AS int64) AS a, b, cast(null AS float64) AS c
                    Scan: l (0 rows, 0 partitions)
                  Project: a, cast(null AS string) AS b, c
                    Scan: r (0 rows, 0 partitions)
                """);
        assertThatThrownBy(() -> l.unionByName(r, false)).isInstanceOf(PlanException.class)
                .hasMessageContaining("[b] are only on the left").hasMessageContaining("[c] only on the right");
    }

    @Test
    void positionalSetOperationsCoerceTypesOrNameBothColumns() {
        DataFrame l = frame(typed("l", Field.of("a", DataType.int32()), Field.of("b", DataType.string())));
        DataFrame r = frame(typed("r", Field.of("x", DataType.float64()), Field.of("y", DataType.string())));
        assertThat(l.union(r).schema()).isEqualTo(Schema.of(Field.of("a", DataType.float64()),
                Field.of("b", DataType.string())));
        DataFrame bad = frame(typed("r", Field.of("x", DataType.date()), Field.of("y", DataType.string())));
        assertThatThrownBy(() -> l.except(bad)).isInstanceOf(PlanException.class)
                .hasMessageContaining("except column 1: left 'a' is int32 and right 'x' is date");
        assertThatThrownBy(() -> l.concat(r)).isInstanceOf(PlanException.class)
                .hasMessageContaining("concat column 1: left 'a' int32 but right 'x' float64");
        assertThatThrownBy(() -> l.intersect(frame(scan("r", "x")))).isInstanceOf(PlanException.class)
                .hasMessageContaining("intersect needs the same number of columns");
    }

    @Test
    void anOffsetMovesBelowAProjectionOntoItsSort() {
        LogicalPlan sorted = new Sort(scan(), List.of(SortKey.of(new Column("a"))));
        LogicalPlan p = new Offset(Project.of(sorted, List.of(new Column("c"))), 5);
        assertRewrites(new PushOffsetThroughProject(), p, """
                Project: c
                  Offset: 5
                    Sort: a ASC
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void rowMethodsBuildTheirPlans() {
        DataFrame t = frame(scan());
        assertThat(PlanPrinter.print(t.dropNull("a", "c").plan())).startsWith("Filter: a IS NOT NULL AND c IS NOT NULL");
        assertThat(t.withColumnsRenamed(java.util.Map.of("a", "b2", "b", "a")).columnNames())
                .containsExactly("b2", "a", "c", "d");
        assertThat(t.transform(df -> df.select("a")).columnNames()).containsExactly("a");
        assertThat(t.describe("a", "c").columnNames()).containsExactly("statistic", "a", "c");
        assertThat(t.dropDuplicates("c").plan().describe()).isEqualTo("Deduplicate: c");
        assertThatThrownBy(() -> t.dropDuplicates("nope")).isInstanceOf(PlanException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> t.sample(1.5, false, 1)).isInstanceOf(PlanException.class);
        assertThatThrownBy(() -> t.offset(-1)).isInstanceOf(PlanException.class);
    }
}
