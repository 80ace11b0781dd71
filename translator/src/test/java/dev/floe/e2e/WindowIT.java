package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.cumeDist;
import static dev.floe.api.Functions.denseRank;
import static dev.floe.api.Functions.firstValue;
import static dev.floe.api.Functions.lag;
import static dev.floe.api.Functions.lastValue;
import static dev.floe.api.Functions.lead;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.nthValue;
import static dev.floe.api.Functions.ntile;
import static dev.floe.api.Functions.percentRank;
import static dev.floe.api.Functions.rank;
import static dev.floe.api.Functions.rowNumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.arrow.Table;
import dev.floe.operators.spill.SpillDirectory;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions against DuckDB at parallelism 1 and 4: every function, ties and nulls in the
 * order keys, null partition keys, ROWS and RANGE frames at partition edges, sliding frames,
 * default frames with and without an order, several windows in one select and windows over an
 * aggregation. Functions that depend on the order among ties (row numbers, lag/lead, ROWS frames,
 * first/last values) order by a unique id last; peer-aware ones (ranks, RANGE frames) order by keys
 * with many ties and nulls.
 */
class WindowIT {
    private static final int ROWS = 3000;
    private static final List<String> COLUMNS = List.of("id", "g", "k", "v", "q", "s", "d", "ts");
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute("""
                CREATE OR REPLACE TABLE t AS SELECT
                  i::BIGINT AS id,
                  CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 7) % 13 END::BIGINT AS g,
                  CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 31) % 17 END::BIGINT AS k,
                  CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 104729) % 1000) / 8.0 END::DOUBLE AS v,
                  CASE WHEN i % 19 = 0 THEN NULL ELSE (i * 37) % 100 END::INTEGER AS q,
                  CASE WHEN i % 29 = 0 THEN NULL ELSE 's' || ((i * 17) % 50)::VARCHAR END AS s,
                  CASE WHEN i % 31 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i * 13) % 400)::INTEGER END AS d,
                  CASE WHEN i % 37 = 0 THEN NULL
                       ELSE TIMESTAMP '2021-03-01 00:00:00' + to_seconds(((i * 7919) % 500000)::BIGINT) END AS ts
                FROM range(0, ROWS) r(i)""".replace("ROWS", Integer.toString(ROWS)));
        List<List<Object>> rows = duck.query("SELECT " + String.join(", ", COLUMNS) + " FROM t");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(v != null && COLUMNS.get(c).equals("q") ? (Object) ((Number) v).intValue() : v);
            }
            columns.put(COLUMNS.get(c), values);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static Floe session(int parallelism) {
        return Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(parallelism).build();
    }

    private static void check(int parallelism, java.util.function.Function<DataFrame, DataFrame> query, String sql) {
        try (Floe floe = session(parallelism); Table t = query.apply(floe.fromColumns(columns)).toTable()) {
            List<List<Object>> expected = duck.query(sql);
            assertThat(expected).isNotEmpty();
            Rows.assertSameRows(t.toRows(), expected);
        }
    }

    private static final String BY_G_ID = "PARTITION BY g ORDER BY id";

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void rankingOverTiesAndNulls(int parallelism) {
        WindowSpec w = Window.partitionBy("g").orderBy(col("k"));
        WindowSpec desc = Window.partitionBy("g").orderBy(col("k").desc(), col("q"));
        check(parallelism, t -> t.select(col("id"), rank().over(w).alias("r"), denseRank().over(w).alias("dr"),
                percentRank().over(w).alias("pr"), cumeDist().over(w).alias("cd"), rank().over(desc).alias("r2"),
                denseRank().over(desc).alias("dr2"), cumeDist().over(desc).alias("cd2")),
                "SELECT id, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w,"
                        + " rank() OVER w2, dense_rank() OVER w2, cume_dist() OVER w2 FROM t"
                        + " WINDOW w AS (PARTITION BY g ORDER BY k), w2 AS (PARTITION BY g ORDER BY k DESC NULLS FIRST, q)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void rowNumberNtileLagAndLead(int parallelism) {
        WindowSpec w = Window.partitionBy("g").orderBy(col("id"));
        check(parallelism, t -> t.select(col("id"), rowNumber().over(w).alias("rn"), ntile(4).over(w).alias("n4"),
                ntile(7).over(w).alias("n7"), lag(col("v")).over(w).alias("l1"),
                lag(col("v"), 2, lit(0.0)).over(w).alias("l2"), lead(col("q"), 1).over(w).alias("d1"),
                lead(col("s"), 3, lit("none")).over(w).alias("d3"), lag(col("d"), 1, col("d")).over(w).alias("ld")),
                "SELECT id, row_number() OVER w, ntile(4) OVER w, ntile(7) OVER w, lag(v) OVER w,"
                        + " lag(v, 2, 0.0) OVER w, lead(q, 1) OVER w, lead(s, 3, 'none') OVER w, lag(d, 1, d) OVER w"
                        + " FROM t WINDOW w AS (" + BY_G_ID + ")");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void firstLastAndNthValueOverDefaultAndRowsFrames(int parallelism) {
        WindowSpec w = Window.partitionBy("g").orderBy(col("id"));
        WindowSpec sliding = w.rowsBetween(-2, 2);
        WindowSpec whole = Window.partitionBy("g").orderBy(col("k"), col("id"))
                .rowsBetween(Window.UNBOUNDED_PRECEDING, Window.UNBOUNDED_FOLLOWING);
        check(parallelism, t -> t.select(col("id"), firstValue(col("v")).over(w).alias("f"),
                lastValue(col("v")).over(w).alias("l"), nthValue(col("s"), 3).over(w).alias("n3"),
                firstValue(col("q")).over(sliding).alias("fs"), lastValue(col("q")).over(sliding).alias("ls"),
                nthValue(col("q"), 2).over(sliding).alias("ns"), lastValue(col("s")).over(whole).alias("lw")),
                "SELECT id, first_value(v) OVER w, last_value(v) OVER w, nth_value(s, 3) OVER w,"
                        + " first_value(q) OVER w2, last_value(q) OVER w2, nth_value(q, 2) OVER w2, last_value(s) OVER w3"
                        + " FROM t WINDOW w AS (" + BY_G_ID + "), w2 AS (" + BY_G_ID + " ROWS BETWEEN 2 PRECEDING AND"
                        + " 2 FOLLOWING), w3 AS (PARTITION BY g ORDER BY k, id ROWS BETWEEN UNBOUNDED PRECEDING AND"
                        + " UNBOUNDED FOLLOWING)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void runningAggregatesWithPeersAndWholePartitionsWithoutOrder(int parallelism) {
        WindowSpec running = Window.partitionBy("g").orderBy(col("k"));
        WindowSpec whole = Window.partitionBy("g");
        check(parallelism, t -> t.select(col("id"), col("v").sum().over(running).alias("sv"),
                count().over(running).alias("c"), col("v").count().over(running).alias("cv"),
                col("q").min().over(running).alias("mq"), col("s").max().over(running).alias("ms"),
                col("v").mean().over(running).alias("av"), col("q").sum().over(whole).alias("tq"),
                col("v").stddev().over(whole).alias("sd"), count().over(Window.partitionBy()).alias("all"),
                col("q").countDistinct().over(running).alias("dq")),
                "SELECT id, sum(v) OVER w, count(*) OVER w, count(v) OVER w, min(q) OVER w, max(s) OVER w,"
                        + " avg(v) OVER w, sum(q) OVER (PARTITION BY g)::BIGINT, stddev_samp(v) OVER (PARTITION BY g),"
                        + " count(*) OVER (), count(DISTINCT q) OVER w"
                        + " FROM t WINDOW w AS (PARTITION BY g ORDER BY k)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void slidingRowsFramesAtPartitionEdges(int parallelism) {
        WindowSpec w = Window.partitionBy("g").orderBy(col("id"));
        check(parallelism, t -> t.select(col("id"), col("v").sum().over(w.rowsBetween(-2, 1)).alias("a"),
                col("q").min().over(w.rowsBetween(-3, 0)).alias("b"), col("q").max().over(w.rowsBetween(-3, 3)).alias("c"),
                col("v").mean().over(w.rowsBetween(1, 3)).alias("d"), count().over(w.rowsBetween(-3, -1)).alias("e"),
                col("q").sum().over(w.rowsBetween(0, Window.UNBOUNDED_FOLLOWING)).alias("f"),
                col("s").min().over(w.rowsBetween(Window.UNBOUNDED_PRECEDING, -1)).alias("h")),
                "SELECT id, sum(v) OVER (" + BY_G_ID + " ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING),"
                        + " min(q) OVER (" + BY_G_ID + " ROWS BETWEEN 3 PRECEDING AND CURRENT ROW),"
                        + " max(q) OVER (" + BY_G_ID + " ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING),"
                        + " avg(v) OVER (" + BY_G_ID + " ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING),"
                        + " count(*) OVER (" + BY_G_ID + " ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING),"
                        + " sum(q) OVER (" + BY_G_ID + " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)::BIGINT,"
                        + " min(s) OVER (" + BY_G_ID + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM t");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void rangeFramesWithOffsetsOverNumbersDatesAndTimestamps(int parallelism) {
        WindowSpec byK = Window.partitionBy("g").orderBy(col("k"));
        WindowSpec byKDesc = Window.partitionBy("g").orderBy(col("k").desc());
        WindowSpec byD = Window.partitionBy("g").orderBy(col("d"));
        WindowSpec byV = Window.partitionBy("g").orderBy(col("v"));
        WindowSpec byTs = Window.partitionBy("g").orderBy(col("ts"));
        check(parallelism, t -> t.select(col("id"), col("q").sum().over(byK.rangeBetween(-2, 2)).alias("a"),
                count().over(byKDesc.rangeBetween(-1, 0)).alias("b"),
                col("q").max().over(byD.rangeBetween(Period.ofDays(-10), Period.ofDays(0))).alias("c"),
                count().over(byD.rangeBetween(Period.ofMonths(-1), Window.CURRENT_ROW)).alias("c2"),
                count().over(byV.rangeBetween(-5.5, 5.5)).alias("e"),
                count().over(byTs.rangeBetween(Duration.ofHours(-12), Duration.ofHours(1))).alias("f"),
                col("q").sum().over(byK.rangeBetween(1, Window.UNBOUNDED_FOLLOWING)).alias("h")),
                "SELECT id, sum(q) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING)::BIGINT,"
                        + " count(*) OVER (PARTITION BY g ORDER BY k DESC NULLS FIRST RANGE BETWEEN 1 PRECEDING AND CURRENT ROW),"
                        + " max(q) OVER (PARTITION BY g ORDER BY d RANGE BETWEEN INTERVAL 10 DAY PRECEDING AND CURRENT ROW),"
                        + " count(*) OVER (PARTITION BY g ORDER BY d RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND CURRENT ROW),"
                        + " count(*) OVER (PARTITION BY g ORDER BY v RANGE BETWEEN 5.5 PRECEDING AND 5.5 FOLLOWING),"
                        + " count(*) OVER (PARTITION BY g ORDER BY ts RANGE BETWEEN INTERVAL 12 HOUR PRECEDING AND"
                        + " INTERVAL 1 HOUR FOLLOWING),"
                        + " sum(q) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)::BIGINT"
                        + " FROM t");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void severalWindowsAndExpressionsOverThemInOneSelect(int parallelism) {
        WindowSpec a = Window.partitionBy("g").orderBy(col("id"));
        WindowSpec b = Window.partitionBy(col("q").mod(3)).orderBy(col("v").desc(), col("id"));
        check(parallelism, t -> t.withColumn("share", col("v").div(col("v").sum().over(Window.partitionBy("g"))))
                .withColumn("rn", rowNumber().over(a).add(100))
                .withColumn("r3", rank().over(b))
                .select(col("id"), col("share"), col("rn"), col("r3"), col("v").sum().over(b).alias("sb")),
                "SELECT id, v / sum(v) OVER (PARTITION BY g), row_number() OVER (" + BY_G_ID + ") + 100,"
                        + " rank() OVER (PARTITION BY q % 3 ORDER BY v DESC NULLS FIRST, id),"
                        + " sum(v) OVER (PARTITION BY q % 3 ORDER BY v DESC NULLS FIRST, id) FROM t");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void windowsOverAnAggregation(int parallelism) {
        check(parallelism, t -> t.groupBy("g", "k").agg(col("v").sum().alias("sv"), count().alias("n"))
                .withColumn("r", rank().over(Window.partitionBy("g").orderBy(col("sv").desc())))
                .withColumn("share", col("sv").div(col("sv").sum().over(Window.partitionBy("g"))))
                .withColumn("cum", col("n").sum().over(Window.orderBy(col("g"), col("k")))),
                "SELECT g, k, sum(v), count(*), rank() OVER (PARTITION BY g ORDER BY sum(v) DESC NULLS FIRST),"
                        + " sum(v) / sum(sum(v)) OVER (PARTITION BY g),"
                        + " sum(count(*)) OVER (ORDER BY g, k)::BIGINT FROM t GROUP BY g, k");
    }

    /**
     * One unpartitioned window (a single task) over 300 000 rows against a 1 MiB budget: the sort
     * spills sorted runs, the window step streams the partition in pieces, and the result still
     * equals DuckDB's.
     */
    @Test
    void aWindowLargerThanTheBudgetSpillsItsSortAndStreams() {
        int rows = 300_000;
        duck.execute("CREATE OR REPLACE TABLE big AS SELECT i::BIGINT AS id, ((i * 7919) % 1000)::BIGINT AS k,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE ((i * 104729) % 1000003) / 7.0 END::DOUBLE AS v"
                + " FROM range(0, " + rows + ") r(i)");
        List<List<Object>> data = duck.query("SELECT id, k, v FROM big");
        Map<String, List<?>> big = new LinkedHashMap<>();
        for (int c = 0; c < 3; c++) {
            List<Object> values = new ArrayList<>(rows);
            for (List<Object> r : data) {
                values.add(r.get(c));
            }
            big.put(List.of("id", "k", "v").get(c), values);
        }
        long files = SpillDirectory.totalFilesCreated();
        long bytes = SpillDirectory.totalBytesWritten();
        WindowSpec w = Window.orderBy(col("k"));
        try (Floe floe = Floe.builder().remote("127.0.0.1", SharedCluster.restPort()).parallelism(2)
                .config("floe.operator.memory-budget", "1mb").build()) {
            DataFrame df = floe.fromColumns(big).select(col("id"), rank().over(w).alias("r"),
                    denseRank().over(w).alias("dr"), col("v").sum().over(w).alias("s"), count().over(w).alias("c"))
                    .where(col("id").mod(500).eq(0));
            System.out.println(df.explain(true));
            try (Table t = df.toTable()) {
                Rows.assertSameRows(t.toRows(), duck.query("SELECT * FROM (SELECT id, rank() OVER w, dense_rank() OVER w,"
                        + " sum(v) OVER w, count(*) OVER w FROM big WINDOW w AS (ORDER BY k)) WHERE id % 500 = 0"));
            }
        }
        long spilledFiles = SpillDirectory.totalFilesCreated() - files;
        long spilledBytes = SpillDirectory.totalBytesWritten() - bytes;
        System.out.printf("window over %d rows at a 1 MiB budget spilled %d files, %d bytes%n", rows, spilledFiles,
                spilledBytes);
        assertThat(spilledFiles).as("spill files written").isPositive();
        assertThat(spilledBytes).as("bytes spilled").isGreaterThan(1L << 20);
        assertThat(SpillDirectory.liveFiles()).as("spill files left behind").isZero();
    }
}
