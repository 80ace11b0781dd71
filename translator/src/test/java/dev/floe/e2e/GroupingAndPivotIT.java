package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.grouping;
import static dev.floe.api.Functions.groupingId;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rollup, cube and groupingSets against DuckDB's ROLLUP, CUBE, GROUPING SETS and GROUPING(), pivot
 * and unpivot against its PIVOT and UNPIVOT INCLUDE NULLS, at parallelism 1 and 4, over keys and
 * pivot values with nulls (a null key and a rolled-up key differ in grouping()), duplicates, one
 * skewed key value, a repeated grouping set and empty inputs. Where Floe keeps Spark's rule (a
 * pivot cell without rows is null, also for a count) the DuckDB query says so with
 * {@code nullif(count(*), 0)}.
 */
class GroupingAndPivotIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> data;

    @BeforeAll
    static void setUp() {
        List<Long> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // skew: half the rows have a = 1; every 7th a and every 5th b is null
            Long ai = i % 7 == 0 ? null : i % 2 == 0 ? 1L : (long) (i % 13);
            String bi = i % 5 == 0 ? null : "b" + (i % 4);
            Long vi = i % 11 == 0 ? null : (long) (i * 37 % 101);
            Double wi = i % 3 == 0 ? null : i / 8.0;
            a.add(ai);
            b.add(bi);
            v.add(vi);
            w.add(wi);
            rows.add(Arrays.asList(ai, bi, vi, wi));
        }
        data = new LinkedHashMap<>();
        data.put("a", a);
        data.put("b", b);
        data.put("v", v);
        data.put("w", w);
        duck = new DuckOracle();
        duck.execute("CREATE TABLE t (a BIGINT, b VARCHAR, v BIGINT, w DOUBLE)");
        duck.insert("t", 4, rows);
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
    void rollupCubeAndGroupingSetsMatchDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(data);
            Expression[] aggs = {col("v").sum(), count(), col("w").mean(), grouping(col("a")), grouping(col("b")),
                    groupingId()};
            String sqlAggs = "sum(v), count(*), avg(w), grouping(a), grouping(b), grouping(a, b)";

            Rows.assertSameRows(run(t.rollup(col("a"), col("b")).agg(aggs)),
                    duck.query("SELECT a, b, " + sqlAggs + " FROM t GROUP BY ROLLUP (a, b)"));
            Rows.assertSameRows(run(t.cube(col("a"), col("b")).agg(aggs)),
                    duck.query("SELECT a, b, " + sqlAggs + " FROM t GROUP BY CUBE (a, b)"));
            // a set listed twice gives its rows twice; keys in order of first appearance: b, then a
            Rows.assertSameRows(run(t.groupingSets(List.of(List.of(col("b"), col("a")), List.of(col("b")), List.of(),
                            List.of(col("b")))).agg(col("v").max(), col("b").countDistinct().alias("nb"), groupingId())),
                    duck.query("SELECT b, a, max(v), count(DISTINCT b), grouping(b, a) FROM t"
                            + " GROUP BY GROUPING SETS ((b, a), (b), (), (b))"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void computedKeysAndExpressionsOverAggregations(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(data);
            // an aggregation of a key column reads its values, not the rolled-up nulls
            Rows.assertSameRows(run(t.rollup(col("a").mod(lit(3L)).alias("m"), col("b"))
                            .agg(col("a").sum().alias("sa"), col("v").sum().div(count()).alias("avg_v"),
                                    grouping(col("m")).mul(lit(10)).add(grouping(col("b"))).alias("g"))),
                    duck.query("SELECT a % 3 AS m, b, sum(a), sum(v) / count(*), grouping(a % 3) * 10 + grouping(b)"
                            + " FROM t GROUP BY ROLLUP (a % 3, b)"));
            // filters above and below the grouping: on a key above keeps rolled-up rows apart
            Rows.assertSameRows(run(t.where(col("v").gt(lit(20L))).rollup(col("a")).agg(count())
                            .where(col("a").isNull())),
                    duck.query("SELECT * FROM (SELECT a, count(*) AS c FROM t WHERE v > 20 GROUP BY ROLLUP (a))"
                            + " WHERE a IS NULL"));
            // over no rows DuckDB (and the SQL standard) still gives the () set's row; Floe, like Spark
            // before SPARK-53565, gives no rows; every other grouping set is empty in both
            DataFrame empty = t.where(col("v").lt(lit(-1L)));
            List<List<Object>> none = run(empty.cube(col("a"), col("b")).agg(col("v").sum(), count(), groupingId()));
            assertThat(none).isEmpty();
            Rows.assertSameRowsAllowEmpty(none, duck.query("SELECT a, b, sum(v), count(*), grouping(a, b) FROM t"
                    + " WHERE v < -1 GROUP BY CUBE (a, b) HAVING grouping(a, b) <> 3"));
        }
    }


    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void pivotMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(data);
            // a value no row has ('zz') and the null value; groups without any listed value stay
            DataFrame one = t.groupBy("a").pivot("b", Arrays.asList("b0", "b2", "zz", null)).agg(col("v").sum());
            assertThat(one.columnNames()).containsExactly("a", "b0", "b2", "zz", "null");
            Rows.assertSameRows(run(one),
                    duck.query("PIVOT t ON b IN ('b0', 'b2', 'zz', NULL) USING sum(v) GROUP BY a"));

            DataFrame two = t.groupBy(col("a")).pivot("b", List.of("b1", "b3")).agg(col("w").max(), count());
            assertThat(two.columnNames()).containsExactly("a", "b1_w", "b1_count", "b3_w", "b3_count");
            Rows.assertSameRows(run(two), duck.query(
                    "PIVOT t ON b IN ('b1', 'b3') USING max(w) AS w, nullif(count(*), 0) AS count GROUP BY a"));

            // values found by a first job: ascending, null last; an int64 column pivoted by Integer values
            DataFrame found = t.where(col("a").le(lit(4L)).or(col("a").isNull())).groupBy("b").pivot("a")
                    .agg(col("v").mean());
            assertThat(found.columnNames()).containsExactly("b", "0", "1", "2", "3", "4", "null");
            Rows.assertSameRows(run(found), duck.query(
                    "PIVOT (SELECT * FROM t WHERE a <= 4 OR a IS NULL) ON a IN (0, 1, 2, 3, 4, NULL) USING avg(v) GROUP BY b"));

            // Integer values on an int64 column; no rows, no groups
            DataFrame empty = t.where(col("v").lt(lit(0L))).groupBy("b").pivot("a", List.of(1, 4)).agg(col("v").sum());
            assertThat(empty.columnNames()).containsExactly("b", "1", "4");
            assertThat(run(empty)).isEmpty();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void unpivotMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = floe.fromColumns(data);
            // int64 and float64 values coerce to float64; nulls are kept
            DataFrame u = t.unpivot(List.of("a", "b"), List.of("v", "w"), "k", "val");
            assertThat(u.schema().toString()).isEqualTo("a: int64\nb: string\nk: string\nval: float64");
            Rows.assertSameRows(run(u.where(col("a").ge(lit(2L)).or(col("val").isNull()))), duck.query(
                    "SELECT a, b, k, val::DOUBLE FROM t UNPIVOT INCLUDE NULLS (val FOR k IN (v, w))"
                            + " WHERE a >= 2 OR val IS NULL"));
            // no value columns given: every column that is not an id; melt is the same
            Rows.assertSameRows(run(t.select("a", "v").melt(List.of("a"), List.of(), "variable", "value")
                            .groupBy("variable").agg(col("value").sum(), count())),
                    duck.query("SELECT 'v', sum(v), count(*) FROM t"));
            DataFrame empty = t.where(col("v").lt(lit(0L)));
            assertThat(run(empty.unpivot(List.of("a"), List.of("v", "w"), "k", "val"))).isEmpty();
        }
    }
}
