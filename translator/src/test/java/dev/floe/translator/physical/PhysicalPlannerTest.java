package dev.floe.translator.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical plans as text: fusion of stateless steps into the scan stage, gathers for global limits. */
class PhysicalPlannerTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("a", DataType.int64()), Field.of("b", DataType.float64()), Field.of("c", DataType.string()));
    private static final Scan SCAN = Scan.of(new InMemorySource("t", SCHEMA, List.of(List.of())));

    private static String plan(LogicalPlan p, int parallelism) {
        return PhysicalPlanner.print(new PhysicalPlanner(parallelism).plan(p));
    }

    @Test
    void statelessNodesFuseIntoTheScanStage() {
        LogicalPlan p = Project.of(
                new Filter(SCAN, new Binary(BinaryOp.GT, new Column("a"), new Literal(1L, DataType.int64()))),
                List.of(new Column("b")));
        assertThat(plan(p, 4)).isEqualTo("""
                Scan: t (0 rows, 1 partitions) -> Filter: a > 1 -> Project: b  [parallelism 4]
                """);
    }

    @Test
    void scanPushdownsBecomeStepsOfTheScanStage() {
        Scan pushed = SCAN.withFilters(List.of(new Binary(BinaryOp.GT, new Column("b"), new Literal(2.0, DataType.float64()))))
                .withProjection(List.of("a")).withLimit(10L);
        assertThat(plan(pushed, 2)).isEqualTo("""
                Scan: t (0 rows, 1 partitions) -> Filter: b > 2.0 -> Project: a -> Limit: 10  [parallelism 2]
                """);
    }

    @Test
    void globalLimitGathersToOnePartitionAfterALocalLimit() {
        LogicalPlan p = new Limit(SCAN, 5);
        assertThat(plan(p, 4)).isEqualTo("""
                Limit: 5  [parallelism 1]
                  Exchange: gather to 1 partition (blocking)
                    Scan: t (0 rows, 1 partitions) -> Limit: 5  [parallelism 4]
                """);
    }

    @Test
    void limitAtParallelismOneNeedsNoExchange() {
        LogicalPlan p = Project.of(new Limit(SCAN, 5), List.of(new Column("c")));
        assertThat(plan(p, 1)).isEqualTo("""
                Scan: t (0 rows, 1 partitions) -> Limit: 5 -> Project: c  [parallelism 1]
                """);
    }

    @Test
    void stepsAfterAGatherJoinTheSingleStage() {
        LogicalPlan p = Project.of(new Limit(SCAN, 5), List.of(new Column("c")));
        assertThat(plan(p, 3)).isEqualTo("""
                Limit: 5 -> Project: c  [parallelism 1]
                  Exchange: gather to 1 partition (blocking)
                    Scan: t (0 rows, 1 partitions) -> Limit: 5  [parallelism 3]
                """);
    }
}
