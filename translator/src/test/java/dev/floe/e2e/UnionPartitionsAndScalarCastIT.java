package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.time.LocalDate;
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
 * Issue 11, two failures the differential fuzzer found, compared with DuckDB at parallelism 1 and 2:
 * <ul>
 * <li>seed 40 query 1038: a union with a {@code repartition} right under it failed with "batch
 * tagged for partition 4 of 1": the exchange was read directly by whatever read the union (the
 * collect sink with one subtask, a sort's sampler with the first input's parallelism);</li>
 * <li>seed 42 query 771: a set operation widening an int32 column to int64 failed with a
 * NullPointerException in the cast when the column was a {@code when(lit(false))} whose other
 * branch is a literal (one scalar for the whole batch).</li>
 * </ul>
 */
class UnionPartitionsAndScalarCastIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> t0;
    private static Map<String, List<?>> t1;
    private static Map<String, List<?>> t2;
    private static Map<String, List<?>> w;
    private static Map<String, List<?>> r;

    @BeforeAll
    static void setUp() {
        List<Long> k = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        for (long i = 0; i < 60; i++) {
            k.add(i % 11 == 0 ? null : i % 7);
            v.add(i);
        }
        t0 = columns("k", k, "v", v);
        t1 = columns("k", List.of(100L), "v", List.of(-1L));
        t2 = columns("c", Arrays.asList(1L, 2L, null, 2L));
        w = columns("k", Arrays.asList(250000L, 250000L, 5L, null, 250000L));
        r = columns("d", List.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"),
                LocalDate.parse("2024-01-03"), LocalDate.parse("2024-01-04"), LocalDate.parse("2024-01-05")));
        duck = new DuckOracle();
        duck.execute("CREATE TABLE t0 (k BIGINT, v BIGINT)");
        duck.execute("CREATE TABLE t1 (k BIGINT, v BIGINT)");
        duck.execute("CREATE TABLE t2 (c BIGINT)");
        duck.execute("CREATE TABLE w (k BIGINT)");
        duck.execute("CREATE TABLE r (d DATE)");
        duck.insert("t0", 2, SetOperationsIT.rows(t0));
        duck.insert("t1", 2, SetOperationsIT.rows(t1));
        duck.insert("t2", 1, SetOperationsIT.rows(t2));
        duck.insert("w", 1, SetOperationsIT.rows(w));
        duck.insert("r", 1, SetOperationsIT.rows(r));
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static Map<String, List<?>> columns(Object... nameThenValues) {
        Map<String, List<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            m.put((String) nameThenValues[i], (List<?>) nameThenValues[i + 1]);
        }
        return m;
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    /** Each union below failed before at both parallelisms; the grouped one checks the partitioning it keeps. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aRepartitionRightUnderAUnionIsReadAtItsOwnPartitions(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame a = floe.fromColumns(t0);
            DataFrame one = floe.fromColumns(t1);
            DataFrame c = floe.fromColumns(t2);
            // the fuzzer's shape: a broadcast anti join, into 5 partitions, then one side of one partition
            DataFrame anti = a.join(c, List.of(col("k")), List.of(col("c")), JoinType.ANTI, JoinStrategy.BROADCAST)
                    .intoPartitions(5).concat(one);
            Rows.assertSameRows(run(anti), duck.query("SELECT * FROM t0 WHERE NOT EXISTS (SELECT 1 FROM t2"
                    + " WHERE t0.k = t2.c) UNION ALL SELECT * FROM t1"));
            // a sort of the union: the range exchange samples what the union reads
            DataFrame sorted = a.select("v", "k").intoPartitions(3).concat(one.select("v", "k")).sort(col("v").desc());
            Rows.assertSameOrderedRows(run(sorted), duck.query("SELECT v, k FROM t0 UNION ALL SELECT v, k FROM t1"
                    + " ORDER BY v DESC"), 1);
            // both sides hashed on k the same way: the union is too, and grouping on k may use that
            DataFrame grouped = a.repartition(2, col("k")).concat(one.repartition(2, col("k"))).groupBy(col("k"))
                    .agg(count(), col("v").sum());
            Rows.assertSameRows(run(grouped), duck.query("SELECT k, count(*), CAST(sum(v) AS BIGINT) FROM"
                    + " (SELECT * FROM t0 UNION ALL SELECT * FROM t1) GROUP BY k"));
            DataFrame except = a.intoPartitions(3).exceptAll(a.where(col("v").lt(20L)).intoPartitions(2));
            Rows.assertSameRows(run(except), duck.query("SELECT * FROM t0 EXCEPT ALL SELECT * FROM t0 WHERE v < 20"));
        }
    }

    /** The right side's int32 column is one literal per batch; the set operation widens it to int64. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aSetOperationWidensAConditionalThatIsOneLiteral(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame left = floe.fromColumns(w);
            DataFrame right = floe.fromColumns(r);
            Expression folded = when(lit(false)).then(col("d").dt().dayOfWeek()).otherwise(lit(250000));
            Expression none = when(lit(false)).then(col("d").dt().dayOfWeek()).otherwise(lit(null));
            DataFrame all = left.intersectAll(right.select(folded.alias("k"))).withColumn("q", lit("ia"))
                    .concat(left.union(right.select(folded.alias("k"))).withColumn("q", lit("un")))
                    .concat(left.exceptAll(right.select(none.alias("k"))).withColumn("q", lit("ea")));
            String folds = "CASE WHEN FALSE THEN isodow(d) - 1 ELSE 250000 END";
            String nulls = "CASE WHEN FALSE THEN isodow(d) - 1 ELSE NULL END";
            Rows.assertSameRows(run(all), duck.query(
                    "SELECT *, 'ia' AS q FROM (SELECT k FROM w INTERSECT ALL SELECT " + folds + " FROM r)"
                    + " UNION ALL SELECT *, 'un' FROM (SELECT k FROM w UNION SELECT " + folds + " FROM r)"
                    + " UNION ALL SELECT *, 'ea' FROM (SELECT k FROM w EXCEPT ALL SELECT " + nulls + " FROM r)"));
        }
    }
}
