package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinType;
import dev.floe.api.plan.PlanPrinter;
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
import org.junit.jupiter.api.Test;

/**
 * The join rewrites of issue 14 item 7 (disjunctions derived for each side, outer joins made
 * inner, filters copied across join keys, comma joins reordered) leave results unchanged:
 * each query runs in Floe and in DuckDB over the same tables, whose keys and values have nulls
 * (so outer joins pad rows, and null keys never match). A fact table f (several batches per
 * partition at parallelism 4) and three small dimensions d1, d2, d3.
 */
class JoinRewritesIT {
    private static final int FACT_ROWS = 3_000;
    private static DuckOracle duck;
    private static Floe floe;
    private static DataFrame f;
    private static DataFrame d1;
    private static DataFrame d2;
    private static DataFrame d3;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        floe = SharedCluster.floe(4);
        f = table("f", FACT_ROWS, List.of("fk1", "fk2", "fk3", "v"), (i, c) -> switch (c) {
            case 0 -> i % 17 == 0 ? null : Long.valueOf(i % 23);
            case 1 -> i % 13 == 0 ? null : Long.valueOf(i % 11);
            case 2 -> Long.valueOf(i % 7);
            default -> i % 19 == 0 ? null : Long.valueOf(i % 100);
        });
        d1 = table("d1", 25, List.of("k1", "a"), (i, c) -> c == 0 ? (i == 3 ? null : Long.valueOf(i))
                : i % 5 == 0 ? null : Long.valueOf(i % 4));
        d2 = table("d2", 9, List.of("k2", "b"), (i, c) -> c == 0 ? Long.valueOf(i)
                : i % 4 == 0 ? null : Long.valueOf(i % 3));
        d3 = table("d3", 7, List.of("k3", "c"), (i, c) -> Long.valueOf(c == 0 ? i : i * 10));
    }

    @AfterAll
    static void tearDown() throws Exception {
        floe.close();
        duck.close();
    }

    private interface Cell {
        Long value(int row, int column);
    }

    /** The same BIGINT table in DuckDB and in Floe (one partition per 400 rows). */
    private static DataFrame table(String name, int rows, List<String> columns, Cell cell) {
        duck.execute("CREATE TABLE " + name + " (" + String.join(" BIGINT, ", columns) + " BIGINT)");
        List<List<Object>> values = new ArrayList<>();
        Map<String, List<?>> data = new LinkedHashMap<>();
        List<List<Long>> cols = new ArrayList<>();
        for (String c : columns) {
            List<Long> list = new ArrayList<>();
            cols.add(list);
            data.put(c, list);
        }
        for (int i = 0; i < rows; i++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                Long v = cell.value(i, c);
                row.add(v);
                cols.get(c).add(v);
            }
            values.add(row);
        }
        duck.insert(name, columns.size(), values);
        return floe.fromColumns(data).repartition(Math.max(1, rows / 400));
    }

    private static void assertSame(DataFrame df, String sql) {
        List<List<Object>> expected = duck.query(sql);
        assertThat(expected).as("DuckDB's answer to %s", sql).isNotEmpty();
        try (Table t = df.toTable()) {
            Rows.assertSameRows(t.toRows(), expected);
        }
    }

    private static List<Expression> on(String column) {
        return List.of(col(column));
    }

    @Test
    void disjunctionsDerivedForEachSideKeepTheRows() {
        Expression branches = col("a").eq(lit(1)).and(col("v").lt(lit(10)))
                .or(col("a").eq(lit(2)).and(col("v").ge(lit(90))))
                .or(col("a").isNull().and(col("v").between(lit(40), lit(45))));
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.INNER).where(branches).select("fk1", "fk2", "v", "a"),
                "SELECT fk1, fk2, v, a FROM f JOIN d1 ON fk1 = k1 WHERE (a = 1 AND v < 10) OR (a = 2 AND v >= 90)"
                        + " OR (a IS NULL AND v BETWEEN 40 AND 45)");
        // d1's side is padded with nulls: only f may take its part (v < 10 OR v >= 90 OR v BETWEEN 40 AND 45)
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.LEFT).where(branches).select("fk1", "fk2", "v", "a"),
                "SELECT fk1, fk2, v, a FROM f LEFT JOIN d1 ON fk1 = k1 WHERE (a = 1 AND v < 10) OR (a = 2 AND v >= 90)"
                        + " OR (a IS NULL AND v BETWEEN 40 AND 45)");
        // the common conjunct (fk2 = 4) comes out of the disjunction
        Expression shared = col("fk2").eq(lit(4)).and(col("a").eq(lit(1)))
                .or(col("a").eq(lit(3)).and(col("fk2").eq(lit(4))).and(col("v").isNull()));
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.INNER).where(shared).select("fk1", "fk2", "v", "a"),
                "SELECT fk1, fk2, v, a FROM f JOIN d1 ON fk1 = k1 WHERE (fk2 = 4 AND a = 1) OR (a = 3 AND fk2 = 4"
                        + " AND v IS NULL)");
    }

    @Test
    void outerJoinsNarrowedUnderNullRejectingFiltersKeepTheRows() {
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.LEFT).where(col("a").add(lit(1)).gt(lit(2)))
                        .select("fk1", "v", "k1", "a"),
                "SELECT fk1, v, k1, a FROM f LEFT JOIN d1 ON fk1 = k1 WHERE a + 1 > 2");
        // FULL: rejecting d1's nulls leaves f's unmatched rows out (a RIGHT join), and the other way round
        assertSame(d1.join(f, on("k1"), on("fk1"), JoinType.OUTER).where(col("v").lt(lit(30)))
                        .select("k1", "a", "fk1", "v"),
                "SELECT k1, a, fk1, v FROM d1 FULL JOIN f ON k1 = fk1 WHERE v < 30");
        assertSame(d1.join(f, on("k1"), on("fk1"), JoinType.OUTER).where(col("a").isIn(0L, 1L, 2L))
                        .select("k1", "a", "fk1", "v"),
                "SELECT k1, a, fk1, v FROM d1 FULL JOIN f ON k1 = fk1 WHERE a IN (0, 1, 2)");
        // filters that keep padded rows leave the join outer
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.LEFT).where(col("a").isNull().or(col("a").eq(lit(2))))
                        .select("fk1", "v", "k1", "a"),
                "SELECT fk1, v, k1, a FROM f LEFT JOIN d1 ON fk1 = k1 WHERE a IS NULL OR a = 2");
    }

    @Test
    void keyFiltersCopiedAcrossJoinsKeepTheRows() {
        assertSame(f.join(d1, on("fk1"), on("k1"), JoinType.INNER).where(col("fk1").isIn(1L, 2L, 3L, 4L))
                        .select("fk1", "fk2", "v", "a"),
                "SELECT fk1, fk2, v, a FROM f JOIN d1 ON fk1 = k1 WHERE fk1 IN (1, 2, 3, 4)");
        // LEFT: f's filter may reach d1, d1's own filter must not reach f
        assertSame(f.where(col("fk1").lt(lit(6))).join(d1.where(col("k1").gt(lit(2))), on("fk1"), on("k1"),
                        JoinType.LEFT).select("fk1", "fk2", "v", "k1", "a"),
                "SELECT fk1, fk2, v, k1, a FROM (SELECT * FROM f WHERE fk1 < 6) LEFT JOIN (SELECT * FROM d1 WHERE"
                        + " k1 > 2) ON fk1 = k1");
        // ANTI: f's filter may reach d1 only
        assertSame(f.where(col("fk1").lt(lit(6))).join(d1.where(col("k1").gt(lit(2))), on("fk1"), on("k1"),
                        JoinType.ANTI).select("fk1", "fk2", "v"),
                "SELECT fk1, fk2, v FROM f WHERE fk1 < 6 AND NOT EXISTS (SELECT 1 FROM d1 WHERE k1 > 2 AND k1 = fk1)");
    }

    private static DataFrame commaJoin(List<DataFrame> from) {
        DataFrame df = from.get(0);
        for (DataFrame t : from.subList(1, from.size())) {
            df = df.crossJoin(t);
        }
        return df.where(col("fk1").eq(col("k1")).and(col("k2").eq(col("fk2"))).and(col("fk3").eq(col("k3")))
                        .and(col("a").isIn(1L, 3L)).and(col("c").lt(lit(50))))
                .select("fk1", "fk2", "fk3", "v", "a", "b", "c");
    }

    @Test
    void commaJoinsInAnyFromOrderGiveTheRowsOfOnePlan() {
        String sql = "SELECT fk1, fk2, fk3, v, a, b, c FROM d3, d2, f, d1 WHERE fk1 = k1 AND k2 = fk2 AND fk3 = k3"
                + " AND a IN (1, 3) AND c < 50";
        DataFrame factFirst = commaJoin(List.of(f, d1, d2, d3));
        DataFrame factLast = commaJoin(List.of(d3, d2, d1, f));
        assertThat(PlanPrinter.print(factFirst.optimizedPlan())).isEqualTo(PlanPrinter.print(factLast.optimizedPlan()));
        assertSame(factFirst, sql);
        assertSame(factLast, sql);
    }
}
