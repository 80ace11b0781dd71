package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.Expression;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 item 6: joins on arbitrary conditions and as-of joins against DuckDB on the same rows,
 * at parallelism 1 and 4. The data has null keys and values, duplicate and skewed keys (half the
 * rows share one key), and each condition is checked for every join type, with an equality (hash
 * join plus residual) and without one (nested loop), and with an empty side.
 */
class ConditionJoinIT {
    private static final String[] L = {"id", "k", "t", "v"};
    private static final String[] R = {"rid", "k", "lo", "hi", "w"};
    private static final String[] Q = {"k", "t", "x"};
    private static final String[] P = {"k", "t", "val"};

    private static DuckOracle duck;
    private static List<List<Object>> left;
    private static List<List<Object>> right;
    private static List<List<Object>> trades;
    private static List<List<Object>> quotes;

    @BeforeAll
    static void setUp() {
        Random random = new Random(13);
        left = new ArrayList<>();
        for (long i = 0; i < 160; i++) {
            left.add(List.of(i, key(random), random.nextInt(12) == 0 ? "null" : (long) random.nextInt(100),
                    random.nextInt(9) == 0 ? "null" : random.nextInt(50) / 2.0));
        }
        right = new ArrayList<>();
        for (long i = 0; i < 90; i++) {
            long lo = random.nextInt(90);
            right.add(List.of(i, key(random), random.nextInt(15) == 0 ? "null" : lo, lo + random.nextInt(20),
                    random.nextInt(7) == 0 ? "null" : random.nextInt(50) / 2.0));
        }
        trades = new ArrayList<>();
        for (long i = 0; i < 150; i++) {
            trades.add(List.of(key(random), random.nextInt(15) == 0 ? "null" : (long) random.nextInt(400), i));
        }
        quotes = new ArrayList<>();
        // unique times, so that the greatest time at most the left one names exactly one row
        List<Long> times = new ArrayList<>();
        for (long t = 0; t < 400; t += 3) {
            times.add(t + random.nextInt(3));
        }
        java.util.Collections.shuffle(times, random);
        for (int i = 0; i < 100; i++) {
            quotes.add(List.of(key(random), i % 17 == 0 ? "null" : times.get(i), i * 10.0));
        }
        duck = new DuckOracle();
        duck.execute("CREATE TABLE l (id BIGINT, k BIGINT, t BIGINT, v DOUBLE)");
        duck.execute("CREATE TABLE r (rid BIGINT, k BIGINT, lo BIGINT, hi BIGINT, w DOUBLE)");
        duck.execute("CREATE TABLE q (k BIGINT, t BIGINT, x BIGINT)");
        duck.execute("CREATE TABLE p (k BIGINT, t BIGINT, val DOUBLE)");
        duck.insert("l", 4, nulls(left));
        duck.insert("r", 5, nulls(right));
        duck.insert("q", 3, nulls(trades));
        duck.insert("p", 3, nulls(quotes));
        duck.execute("CREATE TABLE p0 AS SELECT * FROM p WHERE false");
    }

    /** Skewed: half the rows have key 1, some null, the rest spread over 20 keys. */
    private static Object key(Random random) {
        int r = random.nextInt(20);
        return r < 10 ? (Object) 1L : r == 10 ? "null" : (Object) (long) random.nextInt(20);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> nulls(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                r.add("null".equals(v) ? null : v);
            }
            out.add(r);
        }
        return out;
    }

    private static DataFrame frame(Floe floe, String[] names, List<List<Object>> rows, boolean empty) {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        List<List<Object>> values = nulls(rows);
        for (int c = 0; c < names.length; c++) {
            List<Object> column = new ArrayList<>();
            for (List<Object> row : values) {
                column.add(row.get(c));
            }
            columns.put(names[c], column);
        }
        DataFrame df = floe.fromColumns(columns);
        return empty ? df.where(col(names[0]).lt(-1)) : df;
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    private static String sqlJoin(JoinType type, String left, String right, String on) {
        return switch (type) {
            case SEMI -> "SELECT l.* FROM " + left + " l WHERE EXISTS (SELECT 1 FROM " + right + " r WHERE " + on + ")";
            case ANTI -> "SELECT l.* FROM " + left + " l WHERE NOT EXISTS (SELECT 1 FROM " + right + " r WHERE " + on
                    + ")";
            default -> "SELECT l.*, r.* FROM " + left + " l " + (type == JoinType.OUTER ? "FULL OUTER" : type.name())
                    + " JOIN "
                    + right + " r ON " + on;
        };
    }

    /** Floe's condition and DuckDB's, on the same rows. */
    private record Condition(String name, Function<Void, Expression> floe, String sql) {
    }

    private static final List<Condition> CONDITIONS = List.of(
            new Condition("equality and range residual",
                    v -> col("k").eq(col("right.k")).and(col("t").lt(col("hi"))), "l.k = r.k AND l.t < r.hi"),
            new Condition("a computed equality and a residual over nullable values",
                    v -> col("right.k").eq(col("k")).and(col("t").mod(10).eq(col("lo").mod(10)))
                            .and(col("v").gt(col("w"))),
                    "l.k = r.k AND l.t % 10 = r.lo % 10 AND l.v > r.w"),
            new Condition("range only (nested loop)",
                    v -> col("t").between(col("lo"), col("hi")), "l.t BETWEEN r.lo AND r.hi"),
            new Condition("disjunction (nested loop)",
                    v -> col("k").eq(col("right.k")).and(col("t").lt(20)).or(col("t").eq(col("lo"))),
                    "(l.k = r.k AND l.t < 20) OR l.t = r.lo"));

    @ParameterizedTest(name = "{0} join at parallelism {1}")
    @CsvSource({"INNER, 4", "LEFT, 4", "RIGHT, 4", "OUTER, 4", "SEMI, 4", "ANTI, 4", "INNER, 1", "OUTER, 1"})
    void everyConditionMatchesDuckDb(JoinType type, int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame l = frame(floe, L, left, false);
            DataFrame r = frame(floe, R, right, false);
            // one job: every condition's join tagged with its index, concatenated
            DataFrame all = null;
            List<List<Object>> expected = new ArrayList<>();
            for (int i = 0; i < CONDITIONS.size(); i++) {
                Condition c = CONDITIONS.get(i);
                List<List<Object>> rows = duck.query(sqlJoin(type, "l", "r", c.sql()));
                assertThat(rows).as(c.name()).isNotEmpty();
                for (List<Object> row : rows) {
                    List<Object> tagged = new ArrayList<>(row);
                    tagged.add(i);
                    expected.add(tagged);
                }
                DataFrame joined = l.join(r, c.floe().apply(null), type).withColumn("condition", lit(i));
                all = all == null ? joined : all.concat(joined);
            }
            String difference = Rows.difference(run(all), expected, 0);
            assertThat(difference).as(type + " join (last column: the index of the condition)").isNull();
        }
    }

    /** An empty right side (hash build or broadcast build), or an empty left side (probe). */
    @ParameterizedTest(name = "{0} join on condition {1}, empty {2} side")
    @CsvSource({"LEFT, 0, right", "ANTI, 2, right", "OUTER, 2, right", "RIGHT, 0, left", "OUTER, 0, left",
            "SEMI, 2, left"})
    void anEmptySideMatchesDuckDb(JoinType type, int condition, String emptySide) {
        try (Floe floe = SharedCluster.floe(4)) {
            boolean rightEmpty = emptySide.equals("right");
            DataFrame l = frame(floe, L, left, !rightEmpty);
            DataFrame r = frame(floe, R, right, rightEmpty);
            duck.execute("CREATE OR REPLACE VIEW le AS SELECT * FROM l" + (rightEmpty ? "" : " WHERE false"));
            duck.execute("CREATE OR REPLACE VIEW re AS SELECT * FROM r" + (rightEmpty ? " WHERE false" : ""));
            Condition c = CONDITIONS.get(condition);
            String sql = sqlJoin(type, "le", "re", c.sql());
            Rows.assertSameRowsAllowEmpty(run(l.join(r, c.floe().apply(null), type)), duck.query(sql));
        }
    }

    @ParameterizedTest(name = "as-of join at parallelism {0}")
    @CsvSource({"1", "4"})
    void asofJoinMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame q = frame(floe, Q, trades, false);
            DataFrame p = frame(floe, P, quotes, false);
            Rows.assertSameRows(run(q.joinAsof(p, "t", "t", "k")),
                    duck.query("SELECT q.k, q.t, q.x, p.t, p.val FROM q ASOF LEFT JOIN p ON q.k = p.k AND q.t >= p.t"));
            Rows.assertSameRows(run(q.joinAsof(p, "t", "t")),
                    duck.query("SELECT q.k, q.t, q.x, p.k, p.t, p.val FROM q ASOF LEFT JOIN p ON q.t >= p.t"));
            Rows.assertSameRows(run(q.joinAsof(frame(floe, P, quotes, true), "t", "t", "k")),
                    duck.query("SELECT q.k, q.t, q.x, p.t, p.val FROM q ASOF LEFT JOIN p0 p ON q.k = p.k AND q.t >= p.t"));
        }
    }

    @Test
    void asofJoinExplainsItsPartitioning() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame q = frame(floe, Q, trades, false);
            DataFrame p = frame(floe, P, quotes, false);
            assertThat(joinLine(q.joinAsof(p, "t", "t").explain(true)))
                    .startsWith("AsofJoin: LEFT on t >= t (one task: no by columns) [hash, build right]")
                    .endsWith("[parallelism 1]");
            assertThat(joinLine(q.joinAsof(p, "t", "t", "k").explain(true)))
                    .startsWith("AsofJoin: LEFT by k = k on t >= t [hash, build right]")
                    .endsWith("[parallelism 4]");
            assertThat(q.joinAsof(p, "t", "t", "k").columnNames()).containsExactly("k", "t", "x", "right.t", "val");
        }
    }

    /** The physical plan's line of the as-of join stage. */
    private static String joinLine(String explain) {
        String physical = explain.substring(explain.indexOf("== Physical Plan =="));
        return physical.lines().map(String::strip).filter(line -> line.startsWith("AsofJoin")).findFirst().orElseThrow();
    }

    @Test
    void aNestedLoopJoinOverItsSizeLimitNamesTheSetting() {
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.join.nested-loop-max-bytes", "1kb").config("restart-strategy.type", "none").build()) {
            DataFrame l = frame(floe, L, left, false);
            DataFrame r = frame(floe, R, right, false);
            assertThatThrownBy(() -> run(l.join(r, col("t").between(col("lo"), col("hi")), JoinType.LEFT)))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("has 90 rows")
                    .hasMessageContaining("more than floe.join.nested-loop-max-bytes = 1024 bytes");
            // an equality makes it a hash join, which the limit does not bound
            assertThat(run(l.join(r, col("k").eq(col("right.k")).and(col("t").lt(col("hi"))), JoinType.LEFT)))
                    .isNotEmpty();
        }
    }
}
