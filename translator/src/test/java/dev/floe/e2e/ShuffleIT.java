package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregations, distinct, joins and sorts on the shared MiniCluster at parallelism 1 and 4,
 * compared row by row with DuckDB over the same generated data (nulls in every column).
 */
class ShuffleIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        columns = TestData.create(duck);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupByWithEveryDecomposableAggregation(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns).groupBy("status").agg(
                    col("qty").sum().alias("sum_qty"), col("price").sum().alias("sum_price"),
                    col("amount").sum().alias("sum_amount"), col("price").mean().alias("avg_price"),
                    col("odate").min().alias("min_date"), col("status").max().alias("max_status"),
                    col("id").count().alias("n_id"), count(), col("price").stddev().alias("sd"),
                    col("qty").variance().alias("var_qty"), col("flag").anyValue().alias("dummy"));
            Rows.assertSameRows(run(df.exclude("dummy")), duck.query("""
                    SELECT status, sum(qty)::BIGINT, sum(price), sum(amount), avg(price), min(odate), max(status), count(id),
                           count(*), stddev_samp(price), var_samp(qty)
                    FROM t GROUP BY status"""));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void expressionsOverAggregationsAreComputedAfterTheAggregate(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns).groupBy("status").agg(
                    col("price").sum().div(count()).alias("avg_all"),
                    col("qty").max().sub(col("qty").min()).alias("spread"),
                    col("price").sum());
            assertThat(df.columnNames()).containsExactly("status", "avg_all", "spread", "price");
            Rows.assertSameRows(run(df), duck.query(
                    "SELECT status, sum(price) / count(*), max(qty) - min(qty), sum(price) FROM t GROUP BY status"));
            Rows.assertSameRows(run(floe.fromColumns(columns).agg(col("amount").sum().mul(2).alias("twice"))),
                    duck.query("SELECT sum(amount) * 2 FROM t"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void multiKeyGroupByOnStringDateAndDecimalKeysWithCountDistinct(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns)
                    .groupBy(col("status"), col("flag"), col("amount").floor().alias("amt"))
                    .agg(col("qty").countDistinct().alias("dq"), col("id").max().alias("max_id"));
            Rows.assertSameRows(run(df), duck.query("""
                    SELECT status, flag, floor(amount) AS amt, count(DISTINCT qty), max(id)
                    FROM t GROUP BY status, flag, floor(amount)"""));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void globalAggregationAndEmptyInputGiveOneRow(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            Rows.assertSameRows(run(t.agg(col("price").sum(), count(), col("qty").min(), col("id").countDistinct())),
                    duck.query("SELECT sum(price), count(*), min(qty), count(DISTINCT id) FROM t"));
            Rows.assertSameRows(run(t.where(col("qty").gt(100_000)).agg(col("price").sum(), count(), col("qty").max())),
                    duck.query("SELECT sum(price), count(*), max(qty) FROM t WHERE qty > 100000"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void distinctTreatsNullsAsEqual(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns).select("status", "flag").distinct();
            Rows.assertSameRows(run(df), duck.query("SELECT DISTINCT status, flag FROM t"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void everyJoinTypeWithHashAndBroadcast(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            DataFrame left = t.select(col("id"), col("qty"), col("status"));
            DataFrame right = t.where(col("id").mod(3).eq(0)).select(col("qty").alias("rqty"), col("price"),
                    col("status"));
            duck.execute("CREATE OR REPLACE TABLE l AS SELECT id, qty, status FROM t");
            duck.execute("CREATE OR REPLACE TABLE r AS SELECT qty AS rqty, price, status FROM t WHERE id % 3 = 0");
            for (JoinStrategy strategy : List.of(JoinStrategy.HASH, JoinStrategy.BROADCAST)) {
                for (JoinType type : JoinType.values()) {
                    if (strategy == JoinStrategy.BROADCAST && type == JoinType.OUTER) {
                        continue;
                    }
                    DataFrame joined = left.join(right, List.of(col("qty")), List.of(col("rqty")), type, strategy);
                    String sql = switch (type) {
                        case INNER -> "SELECT l.*, r.* FROM l JOIN r ON qty = rqty";
                        case LEFT -> "SELECT l.*, r.* FROM l LEFT JOIN r ON qty = rqty";
                        case RIGHT -> "SELECT l.*, r.* FROM l RIGHT JOIN r ON qty = rqty";
                        case OUTER -> "SELECT l.*, r.* FROM l FULL JOIN r ON qty = rqty";
                        case SEMI -> "SELECT * FROM l WHERE EXISTS (SELECT 1 FROM r WHERE qty = rqty)";
                        case ANTI -> "SELECT * FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE qty = rqty)";
                    };
                    if (type != JoinType.SEMI && type != JoinType.ANTI) {
                        assertThat(joined.columnNames()).containsExactly("id", "qty", "status", "rqty", "price",
                                "right.status");
                    }
                    List<List<Object>> actual = run(joined);
                    List<List<Object>> expected = duck.query(sql);
                    org.assertj.core.api.Assertions.assertThatCode(() -> Rows.assertSameRows(actual, expected))
                            .as(type + " " + strategy).doesNotThrowAnyException();
                }
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void broadcastJoinsChainedAfterAScanAndAfterAHashJoinRunInOneOperator(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            DataFrame fact = t.select(col("id"), col("qty"), col("status"), col("price"));
            DataFrame other = t.where(col("id").mod(2).eq(0)).select(col("id").alias("oid"), col("amount"));
            DataFrame byQty = t.where(col("id").mod(7).eq(0)).groupBy("qty").agg(count().alias("n7"));
            DataFrame byStatus = t.groupBy("status").agg(col("price").max().alias("max_price"))
                    .withColumnRenamed("status", "s");
            DataFrame afterHash = fact
                    .join(other, List.of(col("id")), List.of(col("oid")), JoinType.INNER, JoinStrategy.HASH)
                    .join(byQty, List.of(col("qty")), List.of(col("qty")), JoinType.LEFT, JoinStrategy.BROADCAST)
                    .join(byStatus, List.of(col("status")), List.of(col("s")), JoinType.SEMI, JoinStrategy.BROADCAST)
                    .select("id", "qty", "status", "amount", "n7");
            String sql = """
                    SELECT t1.id, t1.qty, t1.status, o.amount, q.n7 FROM t t1
                    JOIN (SELECT id AS oid, amount FROM t WHERE id % 2 = 0) o ON t1.id = o.oid
                    LEFT JOIN (SELECT qty, count(*) AS n7 FROM t WHERE id % 7 = 0 GROUP BY qty) q ON t1.qty = q.qty
                    WHERE t1.status IN (SELECT status FROM t)""";
            Rows.assertSameRows(run(afterHash), duck.query(sql));
            DataFrame afterScan = fact
                    .join(byQty, List.of(col("qty")), List.of(col("qty")), JoinType.INNER, JoinStrategy.BROADCAST)
                    .join(byStatus, List.of(col("status")), List.of(col("s")), JoinType.ANTI, JoinStrategy.BROADCAST)
                    .select("id", "n7");
            Rows.assertSameRows(run(afterScan), duck.query("""
                    SELECT t1.id, q.n7 FROM t t1
                    JOIN (SELECT qty, count(*) AS n7 FROM t WHERE id % 7 = 0 GROUP BY qty) q ON t1.qty = q.qty
                    WHERE t1.status IS NULL"""));
            String hashPlan = afterHash.explain(true);
            String fused = hashPlan.lines().filter(l -> l.contains("[hash, build")).findFirst().orElseThrow();
            assertThat(fused).contains("[broadcast, build right]").contains("SEMI on status = s");
            String scanPlan = afterScan.explain(true);
            assertThat(scanPlan.lines().filter(l -> l.contains("[broadcast, build right]")).findFirst().orElseThrow())
                    .contains("INNER on qty = qty").contains("ANTI on status = s");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sameNamedKeysMergeAndOuterJoinCoalescesThem(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            DataFrame a = t.where(col("id").mod(2).eq(0)).select("id", "status");
            DataFrame b = t.where(col("id").mod(3).eq(0)).select("id", "price");
            DataFrame joined = a.join(b, List.of(col("id")), List.of(col("id")), JoinType.OUTER);
            assertThat(joined.columnNames()).containsExactly("id", "status", "price");
            duck.execute("CREATE OR REPLACE TABLE a AS SELECT id, status FROM t WHERE id % 2 = 0");
            duck.execute("CREATE OR REPLACE TABLE b AS SELECT id, price FROM t WHERE id % 3 = 0");
            Rows.assertSameRows(run(joined), duck.query(
                    "SELECT coalesce(a.id, b.id), status, price FROM a FULL JOIN b ON a.id = b.id"));
            Rows.assertSameRows(run(a.join(b, "id")), duck.query(
                    "SELECT a.id, status, price FROM a JOIN b ON a.id = b.id"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void globalSortWithEveryKeyOption(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            List<List<Object>> actual = run(t.sort(col("status").desc(), col("price"), col("id").nullsFirst())
                    .select("status", "price", "id"));
            Rows.assertSameOrderedRows(actual, duck.query(
                    "SELECT status, price, id FROM t ORDER BY status DESC NULLS FIRST, price ASC NULLS LAST, id ASC NULLS FIRST"),
                    3);
            List<List<Object>> byDate = run(t.sort(col("odate").desc().nullsLast(), col("amount")).select("odate", "amount"));
            Rows.assertSameOrderedRows(byDate, duck.query(
                    "SELECT odate, amount FROM t ORDER BY odate DESC NULLS LAST, amount ASC NULLS LAST"), 2);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void collectKeepsTheOrderOfASortedResult(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame sorted = floe.fromColumns(columns).sort(col("price").desc(), col("id")).select("price", "id")
                    .collect();
            String sql = "SELECT price, id FROM t ORDER BY price DESC NULLS FIRST, id";
            Rows.assertSameOrderedRows(run(sorted), duck.query(sql), 2);
            Rows.assertSameOrderedRows(run(sorted.where(col("id").mod(2).eq(0))), duck.query(
                    "SELECT price, id FROM t WHERE id % 2 = 0 ORDER BY price DESC NULLS FIRST, id"), 2);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void topNIsTheFirstRowsInOrder(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            Expression key = col("price").desc();
            List<List<Object>> actual = run(t.where(col("price").notNull()).sort(key, col("id")).limit(25)
                    .select("price", "id"));
            Rows.assertSameOrderedRows(actual, duck.query(
                    "SELECT price, id FROM t WHERE price IS NOT NULL ORDER BY price DESC, id LIMIT 25"), 2);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aggregationAfterAJoinOnItsKeysNeedsNoSecondShuffle(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(columns);
            DataFrame a = t.select("id", "qty");
            DataFrame b = t.select("id", "price");
            DataFrame df = a.join(b, List.of(col("id")), List.of(col("id")), JoinType.INNER, JoinStrategy.HASH)
                    .groupBy("id").agg(col("price").sum(), col("qty").max());
            Rows.assertSameRows(run(df), duck.query(
                    "SELECT t1.id, sum(t2.price), max(t1.qty) FROM t t1 JOIN t t2 ON t1.id = t2.id GROUP BY t1.id"));
            if (parallelism > 1) {
                String physical = df.explain(true);
                assertThat(physical).contains("(complete, input already partitioned)");
            }
        }
    }
}
