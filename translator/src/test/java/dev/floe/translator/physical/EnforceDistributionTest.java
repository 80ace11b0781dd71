package dev.floe.translator.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Column;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Explode;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EnforceDistribution alone: node trees before and after, with each node's output partitioning. */
class EnforceDistributionTest {
    private static final Scan T = Scan.of(new InMemorySource("t", Schema.of(Field.of("k", DataType.int64()),
            Field.of("v", DataType.float64())), List.of(List.of())));
    private static final Scan U = Scan.of(new InMemorySource("u", Schema.of(Field.of("k2", DataType.int64())),
            List.of(List.of())));

    private static String enforce(LogicalPlan logical) {
        return PhysicalNode.print(EnforceDistribution.apply(new PhysicalPlanner(4, 0).nodes(logical)));
    }

    @Test
    void anExchangeGoesWhereTheInputDoesNotMeetTheRequirement() {
        LogicalPlan p = Aggregate.of(T, List.of(new Column("k")), List.of(AggExpr.of(AggFunction.SUM, new Column("v"))));
        assertThat(enforce(p)).isEqualTo("""
                FinalAggregate: sum(v) by k  [hash(k) into 4]
                  Exchange: Hashed[k into 4]  [hash(k) into 4]
                    PartialAggregate: sum(v) by k  [unknown(4)]
                      Project: k, v  [unknown(4)]
                        Scan: t (0 rows, 1 partitions)  [unknown(4)]
                """);
    }

    @Test
    void doesNotFireWhereThePartitioningAlreadyHolds() {
        LogicalPlan hashed = new Repartition(T, 4, List.of(new Column("k")));
        LogicalPlan p = Join.of(hashed, U, List.of(new Column("k")), List.of(new Column("k2")), JoinType.LEFT,
                JoinStrategy.HASH);
        // the left side was hashed on k into 4 by the user: only the right side moves
        assertThat(enforce(p)).isEqualTo("""
                Join: LEFT on k = k2 strategy=HASH [hash]  [hash(k) into 4]
                  Exchange: Hashed[k2 into 4]  [hash(k2) into 4]
                    Scan: u (0 rows, 1 partitions)  [unknown(4)]
                  Exchange: Hashed[k into 4]  [hash(k) into 4]
                    Scan: t (0 rows, 1 partitions)  [unknown(4)]
                """);
    }

    @Test
    void aStepKeepsThePartitioningOnTheColumnsItPassesThrough() {
        Scan lists = Scan.of(new InMemorySource("l", Schema.of(Field.of("k", DataType.int64()),
                Field.of("xs", DataType.list(DataType.int64()))), List.of(List.of())));
        LogicalPlan exploded = Explode.of(new Repartition(lists, 4, List.of(new Column("k"))), List.of("xs"));
        // explode repeats rows with their k: the aggregation on k runs in place, with no exchange
        assertThat(enforce(Aggregate.of(exploded, List.of(new Column("k")),
                List.of(AggExpr.of(AggFunction.SUM, new Column("xs")))))).isEqualTo("""
                Aggregate: sum(xs) by k (complete, input already partitioned)  [unknown(4)]
                  Project: k, xs  [unknown(4)]
                    Explode: xs  [hash(k) into 4]
                      Exchange: Hashed[k into 4]  [hash(k) into 4]
                        Scan: l (0 rows, 1 partitions)  [unknown(4)]
                """);
    }
}
