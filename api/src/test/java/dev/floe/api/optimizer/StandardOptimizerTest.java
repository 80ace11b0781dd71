package dev.floe.api.optimizer;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import dev.floe.api.Executor;
import dev.floe.api.JoinType;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Table;
import java.time.LocalDate;
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

    private static final Schema CUSTOMER = Schema.of(
            Field.of("c_custkey", DataType.int64()), Field.of("c_name", DataType.string()),
            Field.of("c_mktsegment", DataType.string()), Field.of("c_comment", DataType.string()));
    private static final Schema LINEITEM = Schema.of(
            Field.of("l_orderkey", DataType.int64()), Field.of("l_quantity", DataType.float64()),
            Field.of("l_extendedprice", DataType.float64()), Field.of("l_discount", DataType.float64()),
            Field.of("l_shipdate", DataType.date()), Field.of("l_comment", DataType.string()));
    private static final Schema ORDERS_Q3 = Schema.of(
            Field.of("o_orderkey", DataType.int64()), Field.of("o_custkey", DataType.int64()),
            Field.of("o_totalprice", DataType.float64()), Field.of("o_orderdate", DataType.date()),
            Field.of("o_shippriority", DataType.int32()), Field.of("o_comment", DataType.string()));

    /** TPC-H Q3 as a user writes it: join everything, filter on top, aggregate, top 10. */
    @Test
    void q3FiltersAndPrunesEveryScan() {
        NoExecutor executor = new NoExecutor();
        DataFrame customer = DataFrame.of(executor, Scan.of(new InMemorySource("customer", CUSTOMER, List.of())));
        DataFrame orders = DataFrame.of(executor, Scan.of(new InMemorySource("orders", ORDERS_Q3, List.of())));
        DataFrame lineitem = DataFrame.of(executor, Scan.of(new InMemorySource("lineitem", LINEITEM, List.of())));
        LocalDate day = LocalDate.of(1995, 3, 15);
        DataFrame q3 = customer
                .join(orders, List.of(col("c_custkey")), List.of(col("o_custkey")), JoinType.INNER)
                .join(lineitem, List.of(col("o_orderkey")), List.of(col("l_orderkey")), JoinType.INNER)
                .where(col("c_mktsegment").eq(lit("BUILDING")).and(col("o_orderdate").lt(lit(day)))
                        .and(col("l_shipdate").gt(lit(day))))
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(col("l_extendedprice").mul(lit(1).sub(col("l_discount"))).sum().alias("revenue"))
                .sort(col("revenue").desc(), col("o_orderdate"))
                .limit(10);
        LogicalPlan optimized = q3.optimizedPlan();
        assertThat(PlanPrinter.print(optimized)).isEqualTo("""
                Limit: 10
                  Sort: revenue DESC, o_orderdate ASC
                    Aggregate: sum(l_extendedprice * (1 - l_discount)) AS revenue by l_orderkey, o_orderdate, o_shippriority
                      Join: INNER on o_orderkey = l_orderkey
                        Join: INNER on c_custkey = o_custkey
                          Scan: customer (0 rows, 0 partitions) columns=[c_custkey] filters=[c_mktsegment = 'BUILDING']
                          Scan: orders (0 rows, 0 partitions) columns=[o_orderkey, o_custkey, o_orderdate, o_shippriority] \
                filters=[o_orderdate < 1995-03-15]
                        Scan: lineitem (0 rows, 0 partitions) columns=[l_orderkey, l_extendedprice, l_discount] \
                filters=[l_shipdate > 1995-03-15]
                """);
        assertThat(optimized.schema()).isEqualTo(q3.schema());
    }

    /**
     * The same query written with cross joins and the join conditions in the filter becomes inner joins,
     * in the order ReorderJoins chose (empty tables: lineitem and orders tie on size and filter guesses,
     * plan text breaks the tie; customer's equality filter makes it the smallest).
     */
    @Test
    void q3WithCrossJoinsBecomesInnerJoins() {
        NoExecutor executor = new NoExecutor();
        DataFrame customer = DataFrame.of(executor, Scan.of(new InMemorySource("customer", CUSTOMER, List.of())));
        DataFrame orders = DataFrame.of(executor, Scan.of(new InMemorySource("orders", ORDERS_Q3, List.of())));
        DataFrame lineitem = DataFrame.of(executor, Scan.of(new InMemorySource("lineitem", LINEITEM, List.of())));
        LocalDate day = LocalDate.of(1995, 3, 15);
        DataFrame q3 = customer.crossJoin(orders).crossJoin(lineitem)
                .where(col("c_mktsegment").eq(lit("BUILDING")).and(col("c_custkey").eq(col("o_custkey")))
                        .and(col("l_orderkey").eq(col("o_orderkey"))).and(col("o_orderdate").lt(lit(day)))
                        .and(col("l_shipdate").gt(lit(day))))
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(col("l_extendedprice").mul(lit(1).sub(col("l_discount"))).sum().alias("revenue"));
        LogicalPlan optimized = q3.optimizedPlan();
        assertThat(PlanPrinter.print(optimized)).isEqualTo("""
                Aggregate: sum(l_extendedprice * (1 - l_discount)) AS revenue by l_orderkey, o_orderdate, o_shippriority
                  Project: o_orderdate, o_shippriority, l_orderkey, l_extendedprice, l_discount
                    Join: INNER on o_custkey = c_custkey
                      Join: INNER on l_orderkey = o_orderkey
                        Scan: lineitem (0 rows, 0 partitions) columns=[l_orderkey, l_extendedprice, l_discount] \
                filters=[l_shipdate > 1995-03-15]
                        Scan: orders (0 rows, 0 partitions) columns=[o_orderkey, o_custkey, o_orderdate, o_shippriority] \
                filters=[o_orderdate < 1995-03-15]
                      Scan: customer (0 rows, 0 partitions) columns=[c_custkey] filters=[c_mktsegment = 'BUILDING']
                """);
        assertThat(optimized.schema()).isEqualTo(q3.schema());
    }

    /** Same-named columns: the cross join's {@code "right.k"} survives as a copy of {@code k}. */
    @Test
    void crossJoinOnSameNamedColumnsKeepsItsColumns() {
        NoExecutor executor = new NoExecutor();
        Schema ls = Schema.of(Field.of("k", DataType.int64()), Field.of("a", DataType.string()));
        Schema rs = Schema.of(Field.of("k", DataType.int64()), Field.of("a", DataType.string()),
                Field.of("b", DataType.int64()));
        DataFrame l = DataFrame.of(executor, Scan.of(new InMemorySource("l", ls, List.of())));
        DataFrame r = DataFrame.of(executor, Scan.of(new InMemorySource("r", rs, List.of())));
        DataFrame all = l.crossJoin(r).where(col("k").eq(col("right.k")).and(col("right.a").eq(lit("x"))));
        assertThat(PlanPrinter.print(all.optimizedPlan())).isEqualTo("""
                Project: k, a, k AS "right.k", "right.a", b
                  Join: INNER on k = k
                    Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions) filters=[a = 'x']
                """);
        assertThat(all.optimizedPlan().schema()).isEqualTo(all.schema());
        DataFrame some = all.select("right.k", "b");
        assertThat(PlanPrinter.print(some.optimizedPlan())).isEqualTo("""
                Project: k AS "right.k", b
                  Join: INNER on k = k
                    Scan: l (0 rows, 0 partitions) columns=[k]
                    Scan: r (0 rows, 0 partitions) columns=[k, b] filters=[a = 'x']
                """);
        assertThat(some.optimizedPlan().schema()).isEqualTo(some.schema());
    }
}
