package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shuffle coverage against DuckDB at parallelism 1 and 4: group-by on every key type (skewed
 * int64, an all-null key, strings, dates, decimals, booleans, doubles with NaN/-0.0/±Infinity,
 * multi-key) with every aggregation function, global aggregation over empty input, distinct, the
 * grouped shortcuts, chained joins of every type and strategy on string, date, decimal, multi-column
 * and double keys, cross joins, sorts with every key option, top-N, repartition and intoPartitions.
 * The table is generated in DuckDB and handed to Floe as Java columns, so both see the same rows.
 */
class ShuffleCoverageIT {
    static final int ROWS = 20_000;

    /** Filter that keeps only rows of the first in-memory slice: at parallelism 4, three partitions are empty. */
    private static final String FEW = "(SELECT * FROM c WHERE id < 400)";

    private static final String CREATE_C = """
            CREATE OR REPLACE TABLE c AS
            WITH base AS (
              SELECT i, (i * 2654435761 // 4096) % 1000003 AS h,
                     ((i * 40503 + 12345) * 2654435761 // 65536) % 999983 AS h2
              FROM range(0, ROWS) r(i)),
            gen AS (SELECT i, h, h2, h % 300 AS g FROM base)
            SELECT
              CASE WHEN i % 89 = 0 THEN NULL ELSE i END::BIGINT AS id,
              CASE WHEN i % 41 = 0 THEN NULL WHEN i % 2 = 0 THEN 0 ELSE 1 + h % 997 END::BIGINT AS skew,
              NULL::BIGINT AS nk,
              CASE WHEN i % 37 = 0 THEN NULL WHEN g % 60 = 0 THEN ''
                   ELSE (CASE WHEN g % 3 = 0 THEN 'é' ELSE 'k' END) || (g % 60)::VARCHAR END AS s,
              CASE WHEN i % 43 = 0 THEN NULL ELSE DATE '1969-12-01' + ((g % 50) * 11)::INTEGER END AS d,
              CASE WHEN i % 47 = 0 THEN NULL
                   WHEN g % 40 = 39 THEN 9999999999.99::DECIMAL(12,2)
                   WHEN g % 40 = 38 THEN (-9999999999.99)::DECIMAL(12,2)
                   ELSE (((g % 40) * 137 - 2600) / 100.0)::DECIMAL(12,2) END AS amt,
              CASE WHEN i % 53 = 0 THEN NULL ELSE h2 % 3 = 0 END AS b,
              CASE WHEN i % 59 = 0 THEN NULL
                   WHEN h2 % 97 = 1 THEN 'NaN'::DOUBLE
                   WHEN h2 % 97 = 2 THEN '-0.0'::DOUBLE
                   WHEN h2 % 97 = 3 THEN 0.0::DOUBLE
                   WHEN h2 % 97 = 4 THEN 'Infinity'::DOUBLE
                   WHEN h2 % 97 = 5 THEN '-Infinity'::DOUBLE
                   ELSE ((h2 % 400) - 200) / 4.0 END::DOUBLE AS x,
              CASE WHEN i % 61 = 0 THEN NULL ELSE ((h % 2000) - 1000) / 4.0 END::DOUBLE AS y,
              CASE WHEN i % 67 = 0 THEN NULL ELSE (h2 % 10000) - 3000 END::BIGINT AS v,
              CASE WHEN i % 71 = 0 THEN NULL ELSE h % 100 END::INTEGER AS q
            FROM gen
            """.replace("ROWS", Integer.toString(ROWS));

    private static final List<String> COLUMNS = List.of("id", "skew", "nk", "s", "d", "amt", "b", "x", "y", "v", "q");

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute(CREATE_C);
        List<List<Object>> rows = duck.query("SELECT " + String.join(", ", COLUMNS) + " FROM c");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            String name = COLUMNS.get(c);
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                Object v = r.get(c);
                if (v != null && name.equals("amt")) {
                    v = ((BigDecimal) v).setScale(2);
                } else if (v != null && name.equals("q")) {
                    v = ((Long) v).intValue();
                }
                values.add(v);
            }
            columns.put(name, values);
        }
        // sanity of the generated data: the special values are really there
        assertThat(duck.query("""
                SELECT count(*) FILTER (WHERE isnan(x)), count(*) FILTER (WHERE x = 0 AND signbit(x)),
                       count(*) FILTER (WHERE isinf(x)), count(*) FILTER (WHERE skew = 0), count(nk)
                FROM c""").get(0)).satisfies(r -> {
            assertThat((Long) r.get(0)).isPositive();
            assertThat((Long) r.get(1)).isPositive();
            assertThat((Long) r.get(2)).isPositive();
            assertThat((Long) r.get(3)).isGreaterThan(ROWS / 2 - ROWS / 40);
            assertThat((Long) r.get(4)).isZero();
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    /** The table in Floe; the all-null column arrives as nullType and is cast to int64. */
    private static DataFrame table(Floe floe) {
        DataFrame t = floe.fromColumns(columns);
        assertThat(t.schema().toString()).contains("nk: " + DataType.nullType());
        return t.withColumn("nk", col("nk").cast(DataType.int64()));
    }

    /**
     * The rows with id < 400 (DuckDB: {@link #FEW}); at parallelism 4 they all sit in the first
     * in-memory partition. nk is re-made as a typed all-null column above the filter, because a
     * filter pushed into the scan of a raw nullType column fails (see
     * {@link #filterOverARawNullTypeColumn}).
     */
    private static DataFrame few(DataFrame t) {
        return t.where(col("id").lt(400)).withColumn("nk", lit(null).cast(DataType.int64()));
    }

    // ---- comparing ---------------------------------------------------------------------------

    /** Normalized value: -0.0 becomes 0.0 (equal to it as a key), DuckDB lists become Java lists. */
    private static Object canon(Object v) {
        if (v instanceof java.sql.Array a) {
            try {
                v = Arrays.asList((Object[]) a.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(canon(e));
            }
            return out;
        }
        Object n = Rows.normalize(v);
        if (n instanceof Double d && d == 0.0) {
            return 0.0;
        }
        return n;
    }

    private static List<List<Object>> canonAll(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> c = new ArrayList<>(r.size());
            for (Object v : r) {
                c.add(canon(v));
            }
            out.add(c);
        }
        return out;
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return canonAll(t.toRows());
        }
    }

    /** DuckDB's rows for the query (one JDBC connection: one query at a time). */
    private static List<List<Object>> sql(String query) {
        synchronized (duck) {
            return canonAll(duck.query(query));
        }
    }

    /** Ascending, nulls last, NaN above every other double (DuckDB's list_sort order). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> VALUE_ORDER = (a, b) -> {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return ((Comparable) a).compareTo(b);
    };

    /**
     * Runs checks two at a time (each is one or a few Flink jobs, mostly waiting on scheduling) and
     * reports all failures together, each with its label and root cause.
     */
    private static final class Checks {
        private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        private final List<Map.Entry<String, java.util.concurrent.Future<String>>> results = new ArrayList<>();

        void check(String label, Runnable check) {
            results.add(Map.entry(label, pool.submit(() -> failure(label, check))));
        }

        private static String failure(String label, Runnable check) {
            try {
                check.run();
                return null;
            } catch (AssertionError | RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                StringBuilder msg = new StringBuilder("[" + label + "] " + e);
                if (root != e) {
                    msg.append("\n  root cause: ").append(root);
                    StackTraceElement[] frames = root.getStackTrace();
                    for (int i = 0; i < Math.min(8, frames.length); i++) {
                        msg.append("\n    at ").append(frames[i]);
                    }
                }
                return msg.toString();
            }
        }

        void done() {
            List<String> failures = new ArrayList<>();
            try {
                for (Map.Entry<String, java.util.concurrent.Future<String>> r : results) {
                    String f = r.getValue().get();
                    if (f != null) {
                        failures.add(f);
                    }
                }
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdownNow();
            }
            if (!failures.isEmpty()) {
                fail(failures.size() + " check(s) failed:\n" + String.join("\n\n", failures));
            }
        }
    }

    // ---- aggregations ------------------------------------------------------------------------

    private enum AggKind { PLAIN, ANY_VALUE, LIST }

    private record Agg(Expression floe, String sql, AggKind kind) {
        static Agg plain(Expression floe, String sql) {
            return new Agg(floe, sql, AggKind.PLAIN);
        }
    }

    private static List<Agg> everyAggregation() {
        List<Agg> aggs = new ArrayList<>();
        aggs.add(Agg.plain(col("v").sum().alias("sum_v"), "sum(v)::BIGINT"));
        aggs.add(Agg.plain(col("q").sum().alias("sum_q"), "sum(q)::BIGINT"));
        aggs.add(Agg.plain(col("amt").sum().alias("sum_amt"), "sum(amt)"));
        aggs.add(Agg.plain(col("y").sum().alias("sum_y"), "sum(y)"));
        aggs.add(Agg.plain(col("x").sum().alias("sum_x"), "sum(x)"));
        aggs.add(Agg.plain(col("nk").sum().alias("sum_nk"), "sum(nk)::BIGINT"));
        aggs.add(Agg.plain(col("b").sum().alias("sum_b"), "sum(b::INTEGER)::BIGINT"));
        aggs.add(Agg.plain(col("v").mean().alias("mean_v"), "avg(v)"));
        aggs.add(Agg.plain(col("q").mean().alias("mean_q"), "avg(q)"));
        aggs.add(Agg.plain(col("amt").mean().alias("mean_amt"), "avg(amt)"));
        aggs.add(Agg.plain(col("x").mean().alias("mean_x"), "avg(x)"));
        for (String c : List.of("skew", "s", "d", "amt", "b", "x", "y", "q", "nk")) {
            aggs.add(Agg.plain(col(c).min().alias("min_" + c), "min(" + c + ")"));
            aggs.add(Agg.plain(col(c).max().alias("max_" + c), "max(" + c + ")"));
        }
        for (String c : List.of("s", "x", "amt", "nk", "b")) {
            aggs.add(Agg.plain(col(c).count().alias("n_" + c), "count(" + c + ")"));
        }
        aggs.add(Agg.plain(count(), "count(*)"));
        for (String c : List.of("s", "d", "amt", "b", "x", "nk", "skew")) {
            aggs.add(Agg.plain(col(c).countDistinct().alias("nd_" + c), "count(DISTINCT " + c + ")"));
        }
        aggs.add(Agg.plain(col("y").stddev().alias("sd_y"), "stddev_samp(y)"));
        aggs.add(Agg.plain(col("v").variance().alias("var_v"), "var_samp(v)"));
        aggs.add(Agg.plain(col("q").stddev().alias("sd_q"), "stddev_samp(q)"));
        aggs.add(Agg.plain(col("nk").variance().alias("var_nk"), "var_samp(nk)"));
        for (String c : List.of("s", "d", "amt", "x", "nk")) {
            aggs.add(new Agg(col(c).anyValue().alias("any_" + c),
                    "list(DISTINCT " + c + ") FILTER (WHERE " + c + " IS NOT NULL)", AggKind.ANY_VALUE));
        }
        for (String c : List.of("amt", "x", "s", "d")) {
            aggs.add(new Agg(col(c).aggList().alias("list_" + c), "list_sort(list(" + c + "), 'ASC', 'NULLS LAST')",
                    AggKind.LIST));
        }
        return aggs;
    }

    /**
     * groupBy(keys).agg(every aggregation) on {@code input} against the same query over
     * {@code from} in DuckDB. anyValue becomes "is one of the group's non-null values, or null
     * when there is none"; aggList is sorted and compared with DuckDB's sorted list.
     */
    private static void assertGroupBy(DataFrame input, String from, List<String> keys, List<Agg> aggs) {
        Expression[] floeAggs = aggs.stream().map(Agg::floe).toArray(Expression[]::new);
        DataFrame df = keys.isEmpty() ? input.agg(floeAggs) : input.groupBy(keys.toArray(String[]::new)).agg(floeAggs);
        String keyList = String.join(", ", keys);
        String select = (keys.isEmpty() ? "" : keyList + ", ")
                + aggs.stream().map(Agg::sql).collect(Collectors.joining(", "));
        List<List<Object>> expected = sql("SELECT " + select + " FROM " + from
                + (keys.isEmpty() ? "" : " GROUP BY " + keyList));
        List<List<Object>> actual = run(df);
        int k = keys.size();
        Map<List<Object>, List<Object>> expectedByKey = new HashMap<>();
        for (List<Object> e : expected) {
            expectedByKey.put(e.subList(0, k), e);
        }
        List<List<Object>> actualChecked = new ArrayList<>();
        for (List<Object> a : actual) {
            List<Object> e = expectedByKey.get(a.subList(0, k));
            List<Object> row = new ArrayList<>(a);
            for (int i = 0; i < aggs.size(); i++) {
                Object v = a.get(k + i);
                switch (aggs.get(i).kind()) {
                    case ANY_VALUE -> {
                        if (e != null) {
                            List<?> values = (List<?>) e.get(k + i);
                            boolean ok = values == null ? v == null : values.contains(v);
                            row.set(k + i, ok ? "anyValue ok" : "anyValue " + v + " not in " + values);
                        }
                    }
                    case LIST -> {
                        if (v != null) {
                            List<Object> sorted = new ArrayList<>((List<?>) v);
                            sorted.sort(VALUE_ORDER);
                            row.set(k + i, sorted);
                        }
                    }
                    default -> { }
                }
            }
            actualChecked.add(row);
        }
        List<List<Object>> expectedChecked = new ArrayList<>();
        for (List<Object> e : expected) {
            List<Object> row = new ArrayList<>(e);
            for (int i = 0; i < aggs.size(); i++) {
                if (aggs.get(i).kind() == AggKind.ANY_VALUE) {
                    row.set(k + i, "anyValue ok");
                }
            }
            expectedChecked.add(row);
        }
        Rows.assertSameRows(actualChecked, expectedChecked);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupByEveryKeyTypeWithEveryAggregation(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            for (String keys : List.of("skew", "nk", "s", "d", "amt", "b", "x", "q", "s,d,amt")) {
                checks.check("groupBy " + keys,
                        () -> assertGroupBy(t, "c", List.of(keys.split(",")), everyAggregation()));
            }
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupByAndGlobalAggregationWithEmptyPartitionsAndEmptyInput(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            checks.check("groupBy skew over few rows", () -> assertGroupBy(few(t), FEW,
                    List.of("skew"), everyAggregation()));
            checks.check("global over few rows", () -> assertGroupBy(few(t), FEW,
                    List.of(), everyAggregation()));
            checks.check("global over all rows", () -> assertGroupBy(t, "c", List.of(), everyAggregation()));
            checks.check("global over empty input", () -> assertGroupBy(t.where(col("v").gt(1_000_000)),
                    "(SELECT * FROM c WHERE v > 1000000)", List.of(), everyAggregation()));
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void distinctOnSeveralColumnsTreatsNaNAndSignedZerosAndNullsAsEqual(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            checks.check("x, b, nk", () -> Rows.assertSameRows(run(t.select("x", "b", "nk").distinct()),
                    sql("SELECT DISTINCT x, b, nk FROM c")));
            checks.check("s, d, amt, b", () -> Rows.assertSameRows(run(t.select("s", "d", "amt", "b").distinct()),
                    sql("SELECT DISTINCT s, d, amt, b FROM c")));
            checks.check("skew, x over few rows", () -> Rows.assertSameRows(
                    run(few(t).select("skew", "x").distinct()),
                    sql("SELECT DISTINCT skew, x FROM " + FEW)));
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void groupedShortcuts(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            checks.check("count", () -> Rows.assertSameRows(run(t.groupBy("d").count()),
                    sql("SELECT d, count(*) FROM c GROUP BY d")));
            checks.check("sum", () -> Rows.assertSameRows(run(t.groupBy(col("s"), col("b")).sum("v", "q", "amt", "y")),
                    sql("SELECT s, b, sum(v)::BIGINT, sum(q)::BIGINT, sum(amt), sum(y) FROM c GROUP BY s, b")));
            checks.check("mean", () -> Rows.assertSameRows(run(t.groupBy("amt").mean("v", "y", "q", "x")),
                    sql("SELECT amt, avg(v), avg(y), avg(q), avg(x) FROM c GROUP BY amt")));
            checks.check("min", () -> Rows.assertSameRows(run(t.groupBy("skew").min("s", "d", "amt", "b", "x", "v")),
                    sql("SELECT skew, min(s), min(d), min(amt), min(b), min(x), min(v) FROM c GROUP BY skew")));
            checks.check("max", () -> Rows.assertSameRows(run(t.groupBy("x").max("s", "d", "amt", "b", "y", "v")),
                    sql("SELECT x, max(s), max(d), max(amt), max(b), max(y), max(v) FROM c GROUP BY x")));
            checks.done();
        }
    }

    // ---- joins -------------------------------------------------------------------------------

    /** One join of a chain: the right side (same rows in DuckDB table {@code table}) and its keys. */
    private record Step(DataFrame right, String table, List<String> rightColumns, List<String> leftKeys,
                        List<String> rightKeys) {
    }

    private static String q(String name) {
        return "\"" + name + "\"";
    }

    /**
     * The DuckDB query for {@code l} joined with every step in turn, and the output column names
     * Floe must produce: left columns (merged same-named keys: left value, right value for RIGHT,
     * coalesce for OUTER), then right columns minus merged keys, prefixed {@code right.} on clashes.
     */
    private static Map.Entry<String, List<String>> chainSql(JoinType type, List<String> leftColumns, List<Step> steps) {
        List<String> cols = leftColumns;
        String query = "SELECT " + cols.stream().map(ShuffleCoverageIT::q).collect(Collectors.joining(", ")) + " FROM l";
        for (Step step : steps) {
            Set<String> merged = new HashSet<>();
            List<String> cond = new ArrayList<>();
            for (int i = 0; i < step.leftKeys().size(); i++) {
                if (step.leftKeys().get(i).equals(step.rightKeys().get(i))) {
                    merged.add(step.leftKeys().get(i));
                }
                cond.add("a." + q(step.leftKeys().get(i)) + " = r." + q(step.rightKeys().get(i)));
            }
            String on = String.join(" AND ", cond);
            List<String> select = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (String c : cols) {
                String e = "a." + q(c);
                if (merged.contains(c)) {
                    e = switch (type) {
                        case RIGHT -> "r." + q(c);
                        case OUTER -> "coalesce(a." + q(c) + ", r." + q(c) + ")";
                        default -> e;
                    };
                }
                select.add(e + " AS " + q(c));
                out.add(c);
            }
            if (type == JoinType.SEMI || type == JoinType.ANTI) {
                query = "SELECT " + String.join(", ", select) + " FROM (" + query + ") a WHERE "
                        + (type == JoinType.ANTI ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + step.table()
                        + " r WHERE " + on + ")";
            } else {
                for (String rc : step.rightColumns()) {
                    if (merged.contains(rc)) {
                        continue;
                    }
                    String name = cols.contains(rc) ? "right." + rc : rc;
                    select.add("r." + q(rc) + " AS " + q(name));
                    out.add(name);
                }
                String kw = switch (type) {
                    case INNER -> "JOIN";
                    case LEFT -> "LEFT JOIN";
                    case RIGHT -> "RIGHT JOIN";
                    default -> "FULL JOIN";
                };
                query = "SELECT " + String.join(", ", select) + " FROM (" + query + ") a " + kw + " " + step.table()
                        + " r ON " + on;
            }
            cols = out;
        }
        return Map.entry(query, cols);
    }

    private static List<Expression> cols(List<String> names) {
        return names.stream().map(n -> col(n)).toList();
    }

    /**
     * Creates DuckDB table {@code name} from {@code query} over c and returns the same rows as a
     * Floe DataFrame (small join inputs travel as their own in-memory tables, not the whole of c).
     */
    private static DataFrame load(Floe floe, String name, String query) {
        duck.execute("CREATE OR REPLACE TABLE " + name + " AS " + query);
        List<String> names = duck.query("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                + name + "' ORDER BY ordinal_position").stream().map(r -> (String) r.get(0)).toList();
        List<List<Object>> rows = duck.query("SELECT * FROM " + name);
        Map<String, List<?>> cols = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(v instanceof BigDecimal bd ? bd.setScale(2) : v);
            }
            cols.put(names.get(c), values);
        }
        return floe.fromColumns(cols);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void chainedJoinsOfEveryTypeAndStrategyOnStringDateDecimalMultiAndDoubleKeys(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame l = load(floe, "l", "SELECT id AS lid, s, d, amt, x, b FROM c WHERE id % 10 = 0");
            // each right side has about one row per key value (some keys none, some several)
            List<Step> steps = List.of(
                    new Step(load(floe, "rs", "SELECT s, b, id AS sid FROM c WHERE id % 500 = 7"),
                            "rs", List.of("s", "b", "sid"), List.of("s"), List.of("s")),
                    new Step(load(floe, "rd", "SELECT d, id AS did, v AS dv FROM c WHERE id % 600 = 11"),
                            "rd", List.of("d", "did", "dv"), List.of("d"), List.of("d")),
                    new Step(load(floe, "ra", "SELECT amt, id AS aid, x AS ax FROM c WHERE id % 750 = 13"),
                            "ra", List.of("amt", "aid", "ax"), List.of("amt"), List.of("amt")),
                    new Step(load(floe, "rm", "SELECT s AS ms, d, amt AS mamt, id AS mid FROM c WHERE id % 100 = 17"),
                            "rm", List.of("ms", "d", "mamt", "mid"), List.of("s", "d", "amt"),
                            List.of("ms", "d", "mamt")),
                    new Step(load(floe, "rx", "SELECT x, id AS xid FROM c WHERE id % 75 = 3"),
                            "rx", List.of("x", "xid"), List.of("x"), List.of("x")));
            Checks checks = new Checks();
            for (JoinType type : JoinType.values()) {
                for (JoinStrategy strategy : JoinStrategy.values()) {
                    if ((strategy == JoinStrategy.BROADCAST && type == JoinType.OUTER)
                            || (strategy == JoinStrategy.SORT_MERGE && type != JoinType.INNER)) {
                        continue;
                    }
                    checks.check(type + " " + strategy, () -> {
                        DataFrame df = l;
                        for (Step step : steps) {
                            df = df.join(step.right(), cols(step.leftKeys()), cols(step.rightKeys()), type, strategy);
                        }
                        Map.Entry<String, List<String>> expected =
                                chainSql(type, List.of("lid", "s", "d", "amt", "x", "b"), steps);
                        assertThat(df.columnNames()).containsExactlyElementsOf(expected.getValue());
                        Rows.assertSameRows(run(df), sql(expected.getKey()));
                    });
                }
            }
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void filterOverARawNullTypeColumn(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            Rows.assertSameRows(run(floe.fromColumns(columns).where(col("id").lt(400)).select("id", "nk")
                            .withColumn("nk", col("nk").cast(DataType.int64()))),
                    sql("SELECT id, nk FROM " + FEW));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void nullKeysNeverMatchAndSortMergeIsForInnerJoinsOnly(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            DataFrame a = t.select("id", "s");
            DataFrame b = t.select("s", "d");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.join(b, List.of(col("s")), List.of(col("s")),
                    JoinType.LEFT, JoinStrategy.SORT_MERGE)).isInstanceOf(dev.floe.api.PlanException.class);
            // a small join on a key that is null in every row: nothing matches, ANTI keeps every row
            DataFrame left = few(t).select("id", "nk");
            DataFrame right = t.withColumn("nk", lit(null).cast(DataType.int64())).select(col("nk").alias("rnk"),
                    col("s"));
            Checks checks = new Checks();
            checks.check("null keys ANTI BROADCAST", () -> Rows.assertSameRows(
                    run(left.join(right, List.of(col("nk")), List.of(col("rnk")), JoinType.ANTI, JoinStrategy.BROADCAST)),
                    sql("SELECT a.id, a.nk FROM " + FEW + " a WHERE NOT EXISTS (SELECT 1 FROM c r WHERE a.nk = r.nk)")));
            checks.check("null keys LEFT HASH", () -> Rows.assertSameRows(
                    run(left.join(right.where(col("s").eq("k1")), List.of(col("nk")), List.of(col("rnk")),
                            JoinType.LEFT, JoinStrategy.HASH)),
                    sql("SELECT a.id, a.nk, r.nk, r.s FROM " + FEW
                            + " a LEFT JOIN (SELECT * FROM c WHERE s = 'k1') r ON a.nk = r.nk")));
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void crossJoinOfTwoSmallFramesPrefixesClashingNames(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            DataFrame a = t.where(col("id").lt(40)).select("id", "s", "x");
            DataFrame b = t.where(col("id").between(100, 120)).select("id", "d", "amt", "x");
            DataFrame cross = a.crossJoin(b);
            assertThat(cross.columnNames()).containsExactly("id", "s", "x", "right.id", "d", "amt", "right.x");
            Rows.assertSameRows(run(cross), sql("""
                    SELECT a.id, a.s, a.x, b.id, b.d, b.amt, b.x
                    FROM (SELECT * FROM c WHERE id < 40) a CROSS JOIN (SELECT * FROM c WHERE id BETWEEN 100 AND 120) b"""));
        }
    }

    // ---- sorting -----------------------------------------------------------------------------

    private enum Order {
        ASC(e -> e, "ASC NULLS LAST"),
        DESC(Expression::desc, "DESC NULLS FIRST"),
        ASC_NULLS_FIRST(Expression::nullsFirst, "ASC NULLS FIRST"),
        ASC_NULLS_LAST(e -> e.asc().nullsLast(), "ASC NULLS LAST"),
        DESC_NULLS_FIRST(e -> e.desc().nullsFirst(), "DESC NULLS FIRST"),
        DESC_NULLS_LAST(e -> e.desc().nullsLast(), "DESC NULLS LAST");

        final UnaryOperator<Expression> floe;
        final String sql;

        Order(UnaryOperator<Expression> floe, String sql) {
            this.floe = floe;
            this.sql = sql;
        }
    }

    private static final List<String> SORT_KEYS = List.of("b", "skew", "s", "d", "amt", "x", "nk");

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sortOnEveryKeyTypeWithEveryOption(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            Order[] orders = Order.values();
            Map<String, Set<Order>> covered = new HashMap<>();
            // job j: the keys rotated to start at key j, key number t gets option (t + j) mod 6, so over
            // the 7 jobs every key type comes first once and gets every option
            for (int j = 0; j < SORT_KEYS.size(); j++) {
                List<Expression> keys = new ArrayList<>();
                List<String> sqlKeys = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < SORT_KEYS.size(); i++) {
                    int k = (j + i) % SORT_KEYS.size();
                    Order o = orders[(k + j) % orders.length];
                    String name = SORT_KEYS.get(k);
                    covered.computeIfAbsent(name, n -> new HashSet<>()).add(o);
                    keys.add(o.floe.apply(col(name)));
                    sqlKeys.add(name + " " + o.sql);
                    names.add(name);
                }
                List<String> out = new ArrayList<>(names);
                out.add("id");
                out.add("y");
                DataFrame input = j == 3 ? few(t) : t;
                String from = j == 3 ? FEW : "c";
                checks.check("sort " + sqlKeys, () -> Rows.assertSameOrderedRows(
                        run(input.sort(keys.toArray(Expression[]::new)).select(out.toArray(String[]::new))),
                        sql("SELECT " + String.join(", ", out) + " FROM " + from + " ORDER BY "
                                + String.join(", ", sqlKeys)), names.size()));
            }
            for (String key : SORT_KEYS) {
                assertThat(covered.get(key)).as(key).containsExactlyInAnyOrder(orders);
            }
            checks.check("Daft-style sort(keys, descending)", () -> Rows.assertSameOrderedRows(
                    run(t.sort(List.of(col("x"), col("d")), List.of(true, false)).select("x", "d", "id")),
                    sql("SELECT x, d, id FROM c ORDER BY x DESC NULLS FIRST, d ASC NULLS LAST"), 2));
            checks.done();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void topNOnASkewedKeyAndOnDoublesWithNaN(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            // only the key columns are selected, so ties cannot make the expected rows ambiguous
            checks.check("skew asc, d desc limit 300 (inside the skewed value)", () -> Rows.assertSameOrderedRows(
                    run(t.sort(col("skew"), col("d").desc()).limit(300).select("skew", "d")),
                    sql("SELECT skew, d FROM c ORDER BY skew ASC NULLS LAST, d DESC NULLS FIRST LIMIT 300"), 2));
            checks.check("skew desc nulls last, s limit 40", () -> Rows.assertSameOrderedRows(
                    run(t.sort(col("skew").desc().nullsLast(), col("s")).limit(40).select("skew", "s")),
                    sql("SELECT skew, s FROM c ORDER BY skew DESC NULLS LAST, s ASC NULLS LAST LIMIT 40"), 2));
            checks.check("x desc nulls last limit 700 (NaN, then +Inf)", () -> Rows.assertSameOrderedRows(
                    run(t.sort(col("x").desc().nullsLast()).limit(700).select("x")),
                    sql("SELECT x FROM c ORDER BY x DESC NULLS LAST LIMIT 700"), 1));
            checks.check("few rows: x, amt desc limit 50", () -> Rows.assertSameOrderedRows(
                    run(few(t).sort(col("x"), col("amt").desc()).limit(50).select("x", "amt")),
                    sql("SELECT x, amt FROM " + FEW + " ORDER BY x ASC NULLS LAST, amt DESC NULLS FIRST LIMIT 50"), 2));
            checks.done();
        }
    }

    // ---- repartition -------------------------------------------------------------------------

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void repartitionThenGroupByAndIntoPartitionsThenCount(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame t = table(floe);
            Checks checks = new Checks();
            checks.check("repartition(4, s) groupBy s", () -> Rows.assertSameRows(
                    run(t.repartition(4, col("s")).groupBy("s").agg(count(), col("v").sum(), col("x").max())),
                    sql("SELECT s, count(*), sum(v)::BIGINT, max(x) FROM c GROUP BY s")));
            checks.check("repartition(4, nk) groupBy b", () -> Rows.assertSameRows(
                    run(t.repartition(4, col("nk")).groupBy("b").agg(col("s").countDistinct(), col("y").mean())),
                    sql("SELECT b, count(DISTINCT s), avg(y) FROM c GROUP BY b")));
            checks.check("intoPartitions(3) groupBy b", () -> Rows.assertSameRows(
                    run(t.intoPartitions(3).groupBy("b").agg(count(), col("amt").sum(), col("id").countDistinct())),
                    sql("SELECT b, count(*), sum(amt), count(DISTINCT id) FROM c GROUP BY b")));
            checks.check("intoPartitions(3) countRows", () -> Rows.assertSameRows(
                    List.<List<Object>>of(List.of(few(t).intoPartitions(3).countRows())),
                    sql("SELECT count(*) FROM " + FEW)));
            checks.done();
        }
    }
}
