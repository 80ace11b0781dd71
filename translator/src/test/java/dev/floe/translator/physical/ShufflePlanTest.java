package dev.floe.translator.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical plans of shuffles as text: two-phase aggregation, join strategies, range sorts, top-N. */
class ShufflePlanTest {
    private static final Schema ORDERS = Schema.of(Field.of("o_key", DataType.int64()),
            Field.of("o_cust", DataType.int64()), Field.of("o_price", DataType.float64()));
    private static final Schema CUSTOMERS = Schema.of(Field.of("c_key", DataType.int64()),
            Field.of("c_name", DataType.string()));
    private static final Scan O = Scan.of(new InMemorySource("orders", ORDERS, List.of(List.of())));
    private static final Scan C = Scan.of(new InMemorySource("customers", CUSTOMERS, List.of(List.of())));

    private static String plan(LogicalPlan p, int parallelism, long broadcastBytes) {
        return PhysicalPlanner.print(new PhysicalPlanner(parallelism, broadcastBytes).plan(p));
    }

    private static Expr sum(String c) {
        return AggExpr.of(AggFunction.SUM, new Column(c));
    }

    @Test
    void groupByIsPartialThenHashExchangeThenFinal() {
        LogicalPlan p = Aggregate.of(O, List.of(new Column("o_cust")), List.of(new Alias(sum("o_price"), "total")));
        assertThat(plan(p, 4, 0)).isEqualTo("""
                FinalAggregate: sum(o_price) AS total by o_cust  [parallelism 4]
                  Exchange: hash(o_cust) to 4 partitions (blocking)
                    Scan: orders (0 rows, 1 partitions) -> Project: o_cust, o_price -> PartialAggregate: sum(o_price) AS total by o_cust -> HashSplit: o_cust into 4  [parallelism 4]
                """);
    }

    /** Issue 15 item 6: plan lines show the user's keys and values, not internal __k0 / __a0 names. */
    @Test
    void aggregationLinesShowTheUsersExpressionsNotInternalNames() {
        Expr bucket = new dev.floe.api.expr.Binary(dev.floe.api.expr.BinaryOp.MOD, new Column("o_cust"),
                new dev.floe.api.expr.Literal(10L, DataType.int64()));
        Expr doubled = new dev.floe.api.expr.Binary(dev.floe.api.expr.BinaryOp.MUL, new Column("o_price"),
                new dev.floe.api.expr.Literal(2.0, DataType.float64()));
        LogicalPlan p = Aggregate.of(O, List.of(new Alias(bucket, "bucket")), List.of(new Alias(sum("o_price"), "total"),
                new Alias(AggExpr.of(AggFunction.MAX, doubled), "top")));
        assertThat(plan(p, 4, 0)).isEqualTo("""
                FinalAggregate: sum(o_price) AS total, max(o_price * 2.0) AS top by o_cust % 10 AS bucket  [parallelism 4]
                  Exchange: hash("o_cust % 10") to 4 partitions (blocking)
                    Scan: orders (0 rows, 1 partitions) -> Project: o_cust % 10, o_price, o_price * 2.0 -> PartialAggregate: sum(o_price) AS total, max(o_price * 2.0) AS top by o_cust % 10 AS bucket -> HashSplit: "o_cust % 10" into 4  [parallelism 4]
                """);
    }

    @Test
    void globalAggregationGathersItsPartials() {
        LogicalPlan p = Aggregate.of(O, List.of(), List.of(sum("o_price")));
        assertThat(plan(p, 4, 0)).isEqualTo("""
                FinalAggregate: sum(o_price)  [parallelism 1]
                  Exchange: gather to 1 partition (blocking)
                    Scan: orders (0 rows, 1 partitions) -> Project: o_price -> PartialAggregate: sum(o_price)  [parallelism 4]
                """);
    }

    @Test
    void countDistinctShufflesRawRowsAndAggregatesOnce() {
        LogicalPlan p = Aggregate.of(O, List.of(new Column("o_cust")),
                List.of(AggExpr.of(AggFunction.COUNT_DISTINCT, new Column("o_key"))));
        assertThat(plan(p, 2, 0)).isEqualTo("""
                Aggregate: count_distinct(o_key) by o_cust  [parallelism 2]
                  Exchange: hash(o_cust) to 2 partitions (blocking)
                    Scan: orders (0 rows, 1 partitions) -> Project: o_cust, o_key -> HashSplit: o_cust into 2  [parallelism 2]
                """);
    }

    @Test
    void smallSideIsBroadcastUnderAutoAndTiesBroadcastTheRight() {
        LogicalPlan p = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), JoinType.INNER,
                JoinStrategy.AUTO);
        assertThat(plan(p, 4, 10 << 20)).isEqualTo("""
                Join: INNER on o_cust = c_key [broadcast, build right]  [parallelism 4]
                  Exchange: broadcast to 4 partitions (blocking)
                    Scan: customers (0 rows, 1 partitions)  [parallelism 4]
                  Scan: orders (0 rows, 1 partitions)  [parallelism 4]
                """);
    }

    /**
     * Issue 15 item 6: a join's plan line shows the user's column names, not the wide batch's internal
     * __right0 names; a join whose output is its wide batch needs no projection at all.
     */
    @Test
    void joinLinesShowTheUsersColumnNamesNotInternalNames() {
        LogicalPlan plain = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), JoinType.INNER,
                JoinStrategy.BROADCAST);
        assertThat(plan(plain, 4, 0).lines().findFirst().orElseThrow())
                .isEqualTo("Join: INNER on o_cust = c_key strategy=BROADCAST [broadcast, build right]  [parallelism 4]");
        Schema payments = Schema.of(Field.of("o_key", DataType.int64()), Field.of("o_price", DataType.float64()));
        Scan p = Scan.of(new InMemorySource("payments", payments, List.of(List.of())));
        LogicalPlan clash = Join.of(O, p, List.of(new Column("o_key")), List.of(new Column("o_key")), JoinType.LEFT,
                JoinStrategy.HASH);
        String printed = plan(clash, 4, 0);
        assertThat(printed.lines().findFirst().orElseThrow()).isEqualTo("Join: LEFT on o_key = o_key strategy=HASH"
                + " [hash, build right] -> Project: o_key, o_cust, o_price, \"right.o_price\"  [parallelism 4]");
        assertThat(printed).doesNotContain("__right");
    }

    @Test
    void consecutiveBroadcastJoinsShareTheProbeSidesOperator() {
        Schema nations = Schema.of(Field.of("n_key", DataType.int64()), Field.of("n_name", DataType.string()));
        Scan n = Scan.of(new InMemorySource("nations", nations, List.of(List.of())));
        LogicalPlan first = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), JoinType.INNER,
                JoinStrategy.BROADCAST);
        LogicalPlan p = Join.of(first, n, List.of(new Column("c_key")), List.of(new Column("n_key")), JoinType.LEFT,
                JoinStrategy.BROADCAST);
        PhysicalPlan physical = new PhysicalPlanner(4, 10 << 20).plan(p);
        assertThat(physical).isInstanceOf(BroadcastJoinStage.class);
        assertThat(((BroadcastJoinStage) physical).builds()).hasSize(2);
        assertThat(PhysicalPlanner.print(physical)).isEqualTo("""
                Join: INNER on o_cust = c_key strategy=BROADCAST [broadcast, build right] -> Join: LEFT on c_key = n_key strategy=BROADCAST [broadcast, build right]  [parallelism 4]
                  Exchange: broadcast to 4 partitions (blocking)
                    Scan: customers (0 rows, 1 partitions)  [parallelism 4]
                  Exchange: broadcast to 4 partitions (blocking)
                    Scan: nations (0 rows, 1 partitions)  [parallelism 4]
                  Scan: orders (0 rows, 1 partitions)  [parallelism 4]
                """);
    }

    @Test
    void hashJoinShufflesBothSidesAndAnAggregationOnTheKeyReusesThePartitioning() {
        LogicalPlan join = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), JoinType.LEFT,
                JoinStrategy.HASH);
        LogicalPlan p = Aggregate.of(join, List.of(new Column("o_cust")), List.of(sum("o_price")));
        assertThat(plan(p, 4, 10 << 20)).isEqualTo("""
                Join: LEFT on o_cust = c_key strategy=HASH [hash, build right] -> Project: o_cust, o_price -> Aggregate: sum(o_price) by o_cust (complete, input already partitioned)  [parallelism 4]
                  Exchange: hash(c_key) to 4 partitions (blocking)
                    Scan: customers (0 rows, 1 partitions) -> HashSplit: c_key into 4  [parallelism 4]
                  Exchange: hash(o_cust) to 4 partitions (blocking)
                    Scan: orders (0 rows, 1 partitions) -> HashSplit: o_cust into 4  [parallelism 4]
                """);
    }

    @Test
    void aggregationAfterAJoinReusesOnlyTheKeysEveryRowIsPartitionedOn() {
        // OUTER: right-only rows carry a null o_cust but sit in the partition of their c_key
        assertThat(plan(groupByAfterJoin(JoinType.OUTER, "o_cust"), 4, 0)).contains("FinalAggregate")
                .doesNotContain("input already partitioned");
        assertThat(plan(groupByAfterJoin(JoinType.RIGHT, "o_cust"), 4, 0)).contains("FinalAggregate");
        // RIGHT keeps every right row where its right key sent it
        assertThat(plan(groupByAfterJoin(JoinType.RIGHT, "c_key"), 4, 0)).contains("input already partitioned")
                .doesNotContain("FinalAggregate");
        assertThat(plan(groupByAfterJoin(JoinType.INNER, "o_cust"), 4, 0)).contains("input already partitioned");
        // a merged OUTER key is coalesce(left, right): every row sits in the partition of its value
        Schema renamed = Schema.of(Field.of("o_cust", DataType.int64()), Field.of("c_name", DataType.string()));
        Scan c = Scan.of(new InMemorySource("customers", renamed, List.of(List.of())));
        LogicalPlan merged = Join.of(O, c, List.of(new Column("o_cust")), List.of(new Column("o_cust")),
                JoinType.OUTER, JoinStrategy.HASH);
        assertThat(plan(Aggregate.of(merged, List.of(new Column("o_cust")), List.of(sum("o_price"))), 4, 0))
                .contains("input already partitioned");
    }

    private static LogicalPlan groupByAfterJoin(JoinType type, String key) {
        LogicalPlan join = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), type,
                JoinStrategy.HASH);
        return Aggregate.of(join, List.of(new Column(key)), List.of(sum("o_price")));
    }

    @Test
    void outerJoinsAreNeverBroadcast() {
        LogicalPlan p = Join.of(O, C, List.of(new Column("o_cust")), List.of(new Column("c_key")), JoinType.OUTER,
                JoinStrategy.AUTO);
        assertThat(plan(p, 2, Long.MAX_VALUE)).contains("[hash, build right]").doesNotContain("broadcast");
    }

    @Test
    void sortRangePartitionsAndSortLimitIsTopN() {
        LogicalPlan sort = new Sort(O, List.of(new SortKey(new Column("o_price"), true, true)));
        assertThat(plan(sort, 4, 0)).isEqualTo("""
                Sort: o_price DESC  [parallelism 4]
                  Exchange: range(o_price DESC) to 4 partitions (sampled boundaries, blocking)
                    Scan: orders (0 rows, 1 partitions)  [parallelism 4]
                """);
        assertThat(plan(new Limit(sort, 10), 4, 0)).isEqualTo("""
                TopN: 10 by o_price DESC  [parallelism 1]
                  Exchange: gather to 1 partition (blocking)
                    Scan: orders (0 rows, 1 partitions) -> TopN: 10 by o_price DESC  [parallelism 4]
                """);
    }

    @Test
    void blockingStagesClaimManagedMemoryAndStreamingOnesDoNot() {
        LogicalPlan agg = Aggregate.of(O, List.of(new Column("o_cust")), List.of(new Alias(sum("o_price"), "total")));
        PhysicalPlan finalStage = new PhysicalPlanner(4, 0).plan(agg);
        PhysicalPlan partialStage = finalStage.children().get(0).children().get(0);
        assertThat(finalStage.managedMemoryWeight()).isPositive();
        assertThat(partialStage.managedMemoryWeight()).isZero();
        PhysicalPlan join = new PhysicalPlanner(4, 0).plan(Join.of(O, C, List.of(new Column("o_cust")),
                List.of(new Column("c_key")), JoinType.INNER, JoinStrategy.HASH));
        assertThat(join.managedMemoryWeight()).isPositive();
        assertThat(join.children().get(0).managedMemoryWeight()).isZero();
    }
}
