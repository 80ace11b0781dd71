package dev.floe.e2e;

import static dev.floe.api.Functions.coalesce;
import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.ifElse;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, the fuzzer's last Floe-only errors, compared with DuckDB. Seed 34 query 449: a later
 * coalesce argument, a when/ifElse branch and the right side of AND/OR are computed only on the
 * rows that need them, so {@code y * y} overflowing on rows that never use it is no error (before,
 * every argument ran on every row: "integer overflow in y * y"). Seed 33 query 2476: a where that
 * folds to false above a groupBy whose key overflows returns no row (before: "integer overflow in
 * a * (a + b)"); a global aggregation over such a where still gives one row.
 */
class ConditionalEvaluationIT {
    private static final long BIG = 4_000_000_000L;
    private static DuckOracle duck;
    private static Floe floe;
    private static DataFrame t;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute("CREATE TABLE t AS SELECT * FROM (VALUES (0, 1, 3, NULL), (1, -1, " + BIG + ", 7),"
                + " (2, NULL, 5, NULL), (3, 2, NULL, 8), (4, -2, " + BIG + ", 9), (5, 3, 6, NULL)) v(id, x, y, a)");
        floe = SharedCluster.floe(2);
        Map<String, List<?>> cols = new LinkedHashMap<>();
        cols.put("id", List.of(0L, 1L, 2L, 3L, 4L, 5L));
        cols.put("x", Arrays.asList(1L, -1L, null, 2L, -2L, 3L));
        cols.put("y", Arrays.asList(3L, BIG, 5L, null, BIG, 6L));
        cols.put("a", Arrays.asList(null, 7L, null, 8L, 9L, null));
        t = floe.fromColumns(cols);
    }

    @Test
    void aFalseWhereAboveAnOverflowingGroupKeyReturnsNoRow() {
        DataFrame grouped = t.groupBy(col("y").mul(col("y").add(col("x"))).alias("k"))
                .agg(col("x").count().alias("n")).groupBy(col("n"), col("k")).agg(count().alias("c"));
        Rows.assertSameRowsAllowEmpty(run(grouped.where(lit(1L).eq(lit(2L)))),
                duck.query("SELECT * FROM (SELECT n, k, count(*) AS c FROM (SELECT y * (y + x) AS k, count(x) AS n"
                        + " FROM t GROUP BY 1) q GROUP BY 1, 2) q2 WHERE 1 = 2"));
    }

    @Test
    void aGlobalAggregateOverAFalseWhereStillGivesOneRow() {
        DataFrame global = t.withColumn("k", sq()).where(lit(false)).agg(count().alias("c"), col("k").sum().alias("s"));
        Rows.assertSameRows(run(global), duck.query("SELECT count(*) AS c, sum(y * y) AS s FROM t WHERE false"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        floe.close();
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table out = df.toTable()) {
            return out.toRows();
        }
    }

    private static Expression sq() {
        return col("y").mul(col("y"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "coalesce | coalesce(a, y * y)",
        "coalesce of three | coalesce(a, y * y, 0)",
        "fuzz 34/449 | coalesce(abs(a), y * a)",
        "ifElse | CASE WHEN x > 0 THEN y * y ELSE -y END",
        "when | CASE WHEN x > 0 THEN y * y WHEN x < 0 THEN a * a ELSE y + 1 END",
        // DuckDB computes both sides of AND/OR in a SELECT (its WHERE short-circuits), so its overflow
        // is an error there; Floe short-circuits both (Spark too), compared here with the CASE DuckDB does not overflow in
        "and | CASE WHEN x > 0 IS FALSE THEN false ELSE x > 0 AND y * y > 10 END",
        "or | CASE WHEN x <= 0 IS TRUE THEN true ELSE x <= 0 OR y * y > 10 END",
        "nested | coalesce(CASE WHEN x > 0 THEN y * y END, a * 2)"})
    void laterArgumentsRunOnlyWhereNeeded(String name, String sql) {
        Expression e = switch (name) {
            case "coalesce" -> coalesce(col("a"), sq());
            case "coalesce of three" -> coalesce(col("a"), sq(), lit(0L));
            case "fuzz 34/449" -> coalesce(col("a").abs(), col("y").mul(col("a")));
            case "ifElse" -> ifElse(col("x").gt(0), sq(), col("y").neg());
            case "when" -> when(col("x").gt(0)).then(sq()).when(col("x").lt(0)).then(col("a").mul(col("a")))
                    .otherwise(col("y").add(1));
            case "and" -> col("x").gt(0).and(sq().gt(10));
            case "or" -> col("x").le(0).or(sq().gt(10));
            case "nested" -> coalesce(when(col("x").gt(0)).then(sq()).otherwise(lit(null)), col("a").mul(2));
            default -> throw new IllegalArgumentException(name);
        };
        Rows.assertSameRows(run(t.select(col("id"), e.alias("e"))), duck.query("SELECT id, " + sql + " AS e FROM t"));
    }

    @ParameterizedTest(name = "where {0}")
    @CsvSource(delimiter = '|', value = {"x > 0 AND y * y > 10", "x <= 0 OR y * y > 10"})
    void filtersShortCircuit(String sql) {
        Expression p = sql.contains("AND") ? col("x").gt(0).and(sq().gt(10)) : col("x").le(0).or(sq().gt(10));
        Rows.assertSameRows(run(t.where(p).select("id")), duck.query("SELECT id FROM t WHERE " + sql));
    }
}
