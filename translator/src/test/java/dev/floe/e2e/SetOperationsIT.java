package dev.floe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 item 1: concat, unionByName, union, intersect(All) and except(All) against DuckDB's
 * UNION ALL [BY NAME], UNION, INTERSECT [ALL], EXCEPT [ALL], at parallelism 1 and 4, over the same
 * rows: nulls in every column (nulls compare equal), duplicates, one skewed row repeated 60 times
 * on the left and 25 times on the right, NaN, and an empty input on either side.
 */
class SetOperationsIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> left;
    private static Map<String, List<?>> right;
    private static Map<String, List<?>> empty;

    @BeforeAll
    static void setUp() {
        left = table(0, 200, 60);
        right = table(3, 120, 25);
        empty = table(0, 0, 0);
        duck = new DuckOracle();
        for (String t : List.of("l", "r", "e")) {
            duck.execute("CREATE TABLE " + t + " (a BIGINT, b VARCHAR, c DOUBLE)");
        }
        duck.insert("l", 3, rows(left));
        duck.insert("r", 3, rows(right));
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    /** n rows from {@code shift}, nulls and repeats in every column, then {@code skew} copies of one row. */
    static Map<String, List<?>> table(int shift, int n, int skew) {
        List<Long> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i + shift;
            a.add(k % 7 == 0 ? null : (long) (k % 13));
            b.add(k % 5 == 0 ? null : "s" + (k % 4));
            c.add(k % 3 == 0 ? null : k % 11 == 1 ? Double.NaN : (k % 6) * 0.5);
        }
        for (int i = 0; i < skew; i++) {
            a.add(1L);
            b.add("hot");
            c.add(null);
        }
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("c", c);
        return m;
    }

    static List<List<Object>> rows(Map<String, List<?>> columns) {
        List<List<Object>> out = new ArrayList<>();
        int n = columns.values().iterator().next().size();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<?> col : columns.values()) {
                row.add(col.get(i));
            }
            out.add(row);
        }
        return out;
    }

    static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    /** Each operation on (l, r), (r, l), (l, l), (l, e) and (e, r), compared with DuckDB. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void everySetOperationMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            Map<String, DataFrame> frames = Map.of("l", floe.fromColumns(left), "r", floe.fromColumns(right),
                    "e", floe.fromColumns(empty).select(dev.floe.api.Functions.col("a").cast(
                            dev.floe.api.types.DataType.int64()).alias("a"),
                            dev.floe.api.Functions.col("b").cast(dev.floe.api.types.DataType.string()).alias("b"),
                            dev.floe.api.Functions.col("c").cast(dev.floe.api.types.DataType.float64()).alias("c")));
            Map<String, BiFunction<DataFrame, DataFrame, DataFrame>> ops = new LinkedHashMap<>();
            ops.put("UNION ALL", DataFrame::concat);
            ops.put("UNION", DataFrame::union);
            ops.put("INTERSECT", DataFrame::intersect);
            ops.put("INTERSECT ALL", DataFrame::intersectAll);
            ops.put("EXCEPT", DataFrame::except);
            ops.put("EXCEPT ALL", DataFrame::exceptAll);
            // one job: every result tagged with its query, all concatenated
            DataFrame all = null;
            StringBuilder sql = new StringBuilder();
            for (String[] pair : new String[][] {{"l", "r"}, {"r", "l"}, {"l", "l"}, {"l", "e"}, {"e", "r"}}) {
                for (Map.Entry<String, BiFunction<DataFrame, DataFrame, DataFrame>> op : ops.entrySet()) {
                    String q = pair[0] + " " + op.getKey() + " " + pair[1];
                    DataFrame result = op.getValue().apply(frames.get(pair[0]), frames.get(pair[1]))
                            .withColumn("q", dev.floe.api.Functions.lit(q));
                    all = all == null ? result : all.concat(result);
                    sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT *, '").append(q)
                            .append("' AS q FROM (SELECT * FROM ").append(pair[0]).append(' ').append(op.getKey())
                            .append(" SELECT * FROM ").append(pair[1]).append(')');
                }
            }
            Rows.assertSameRows(run(all), duck.query(sql.toString()));
        }
    }

    /**
     * By name: the right's columns in another order and type, one missing on each side (null-filled
     * with allowMissing); positional union coerces int32 to int64; a filter on top reaches both sides.
     */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void unionByNameAndCoercionMatchDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame l = floe.fromColumns(left);
            Map<String, List<?>> other = new LinkedHashMap<>();
            other.put("d", Arrays.asList("x", null, "y"));
            other.put("a", Arrays.asList(5, null, 1));
            other.put("c", Arrays.asList(0.5, 2.0, null));
            DataFrame r = floe.fromColumns(other);
            duck.execute("CREATE OR REPLACE TABLE o (d VARCHAR, a INTEGER, c DOUBLE)");
            duck.insert("o", 3, rows(other));
            Rows.assertSameRows(run(l.unionByName(r, true)),
                    duck.query("SELECT * FROM l UNION ALL BY NAME SELECT * FROM o"));
            Rows.assertSameRows(run(l.select("a", "c").unionByName(r.select("c", "a"), false)),
                    duck.query("SELECT a, c FROM l UNION ALL BY NAME SELECT c, a FROM o"));
            Rows.assertSameRows(run(r.select("a").union(l.select("a"))),
                    duck.query("SELECT a FROM o UNION SELECT a FROM l"));
            Rows.assertSameRows(run(l.intersect(l.union(r.select("a", "d", "c"))
                            .where(dev.floe.api.Functions.col("a").gt(3L)))),
                    duck.query("SELECT * FROM l INTERSECT (SELECT * FROM (SELECT * FROM l UNION"
                            + " SELECT a, d, c FROM o) WHERE a > 3)"));
        }
    }
}
