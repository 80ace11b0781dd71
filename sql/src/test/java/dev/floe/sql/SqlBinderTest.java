package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans the binder builds, as the DataFrame API would build them. */
class SqlBinderTest {

    private static void plans(String sql, String expected) {
        assertThat(SqlTesting.plan(sql).strip()).isEqualTo(expected.stripIndent().strip());
    }

    @Test
    void aggregationWithOrderByAlias() {
        plans("SELECT o_orderpriority, count(*) AS n, sum(o_totalprice) AS revenue FROM orders"
                + " WHERE o_orderdate >= DATE '1995-01-01' GROUP BY o_orderpriority ORDER BY revenue DESC", """
                Sort: revenue DESC NULLS LAST
                  Project: o_orderpriority, "count(*)" AS n, "sum(o_totalprice)" AS revenue
                    Aggregate: count(*) AS "count(*)", sum(o_totalprice) AS "sum(o_totalprice)" by o_orderpriority
                      Filter: o_orderdate >= 1995-01-01
                        Scan: orders (0 rows, 0 partitions)
                """);
    }

    @Test
    void selfJoinRenamesTheSecondCopyByItsAlias() {
        plans("SELECT n1.n_name, n2.n_name AS other FROM nation n1, nation n2"
                + " WHERE n1.n_regionkey = n2.n_regionkey AND n1.n_nationkey < n2.n_nationkey", """
                Project: n_name, "n2.n_name" AS other
                  Filter: n_regionkey = "n2.n_regionkey" AND n_nationkey < "n2.n_nationkey"
                    CrossJoin
                      Scan: nation (0 rows, 0 partitions)
                      Project: n_nationkey AS "n2.n_nationkey", n_name AS "n2.n_name", n_regionkey AS "n2.n_regionkey"
                        Scan: nation (0 rows, 0 partitions)
                """);
    }

    @Test
    void usingJoinShowsTheKeyOnce() {
        plans("SELECT * FROM t JOIN u USING (a)", """
                Project: a, b, s, c
                  Join: INNER on a = "u.a"
                    Scan: t (0 rows, 0 partitions)
                    Project: a AS "u.a", c
                      Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void onConditionWithANonEquiPart() {
        plans("SELECT t.*, u.c FROM t LEFT JOIN u ON t.a = u.a AND t.b > u.c", """
                Project: a, b, s, c
                  Join: LEFT on a = "u.a" AND b > c
                    Scan: t (0 rows, 0 partitions)
                    Project: a AS "u.a", c
                      Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void orderByAColumnNotSelected() {
        plans("SELECT a, b FROM t ORDER BY s NULLS FIRST LIMIT 3 OFFSET 1", """
                Limit: 3
                  Offset: 1
                    Project: a, b
                      Sort: __order0 ASC NULLS FIRST
                        Project: a, b, s AS __order0
                          Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void windowOverAnAggregate() {
        plans("SELECT a, rank() OVER (ORDER BY sum(b) DESC) AS r FROM t GROUP BY a", """
                Project: a, r
                  Window: partition by [] order by ["sum(b)" DESC NULLS LAST]: rank() AS r
                    Aggregate: sum(b) AS "sum(b)" by a
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void cteReadTwice() {
        plans("WITH x AS (SELECT a, b FROM t WHERE b > 1) SELECT x1.a FROM x x1 JOIN x x2 ON x1.a = x2.b", """
                Project: a
                  Join: INNER on a = "x2.b"
                    Project: a, b
                      Filter: b > 1
                        Scan: t (0 rows, 0 partitions)
                    Project: a AS "x2.a", b AS "x2.b"
                      Project: a, b
                        Filter: b > 1
                          Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void expressionsOfTheSelectList() {
        plans("SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' END AS size, a IN (1, 2, 3) AS small,"
                + " s LIKE 'a%' AS l, b BETWEEN 1 AND 2 AS btw, coalesce(a, b) AS c, CAST(a AS DOUBLE) AS d FROM t", """
                Project: if_else(a > 1, 'big', 'small') AS size, a IN (1, 2, 3) AS small, like(s, 'a%') AS l, b BETWEEN 1 AND 2 AS btw, coalesce(a, b) AS c, cast(a AS float64) AS d
                  Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void resultColumnsKeepTheSpellingOfAliasOrColumn() {
        DataFrame df = SqlTesting.frontend().sql("SELECT A, b AS \"Total B\", S AS Shout, a + 1 FROM T");
        assertThat(df.columnNames()).isEqualTo(List.of("a", "Total B", "Shout", "a + 1"));
    }

    /** JSqlParser 5.3 parses {@code x IN (...) AND y OR z} as {@code x IN ((...) AND y OR z)}: repaired. */
    @Test
    void inListsBindTighterThanAndAndOr() {
        plans("SELECT a FROM t WHERE b = 1 AND s NOT IN ('x', 'y') AND a < 3 OR a IN (1, 2) AND (b IN (3) OR b = 4)", """
                Project: a
                  Filter: b = 1 AND NOT s IN ('x', 'y') AND a < 3 OR a IN (1, 2) AND (b IN (3) OR b = 4)
                    Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void distinctAggregatesOverDifferentColumnsBesidePlainOnes() {
        plans("SELECT a, count(DISTINCT b), sum(DISTINCT c), sum(b) FROM t JOIN u USING (a) GROUP BY a", """
                Project: a, "count(DISTINCT b)", "sum(DISTINCT c)", "sum(b)"
                  Aggregate: count(if_else(__dset = 2, __dist0, null)) AS "count(DISTINCT b)", sum(if_else(__dset = 1, __dist1, null)) AS "sum(DISTINCT c)", first(if_else(__dset = 3, __reg0, null), ignore_nulls) AS "sum(b)" by a
                    Project: a, __dist0, __dist1, __agg0 AS __reg0, cast(cast(__gid // 2 % 2 AS int32) AS int64) * 1 + cast(cast(__gid % 2 AS int32) AS int64) * 2 AS __dset
                      Aggregate: sum(b) AS __agg0 by __gk0 AS a, __gk1 AS __dist0, __gk2 AS __dist1, __gid
                        Expand: 3 rows per row, __gk0 = [a, a, a], __gk1 = [null, __dist0, null], __gk2 = [null, null, __dist1], __gid = [3, 1, 2]; keeps a, b, s, u.a, c, __dist0, __dist1
                          Project: a, b, s, "u.a", c, b AS __dist0, c AS __dist1
                            Join: INNER on a = "u.a"
                              Scan: t (0 rows, 0 partitions)
                              Project: a AS "u.a", c
                                Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void oneDistinctArgumentWithoutPlainAggregatesIsDeduplicatedThenAggregated() {
        plans("SELECT a, count(DISTINCT b), avg(DISTINCT b) FROM t GROUP BY a", """
                Project: a, "count(DISTINCT b)", "mean(DISTINCT b)" AS "avg(DISTINCT b)"
                  Aggregate: count(__dist0) AS "count(DISTINCT b)", mean(__dist0) AS "mean(DISTINCT b)" by a
                    Distinct: a, __dist0
                      Project: a, __dist0
                        Project: a, b, s, b AS __dist0
                          Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void distinctAggregatesUnderRollup() {
        plans("SELECT a, s, count(DISTINCT b), count(*) FROM t GROUP BY ROLLUP (a, s)", """
                Project: a, s, "count(DISTINCT b)", "count(*)"
                  Project: a, s, "count(DISTINCT b)", "count(*)"
                    Aggregate: count(if_else(__dset = 0, __dist0, null)) AS "count(DISTINCT b)", first(if_else(__dset = 1, __reg0, null), ignore_nulls) AS "count(*)" by a, s, __kid
                      Project: a, s, __dist0, __agg0 AS __reg0, cast(cast(__gid % 2 AS int32) AS int64) * 1 AS __dset, 0 + cast(cast(__gid // 4 % 2 AS int32) AS int64) * 2 + cast(cast(__gid // 2 % 2 AS int32) AS int64) * 1 AS __kid
                        Aggregate: count(*) AS __agg0 by __gk0 AS a, __gk1 AS s, __gk2 AS __dist0, __gid
                          Expand: 6 rows per row, __gk0 = [a, a, a, a, null, null], __gk1 = [s, s, null, null, null, null], __gk2 = [null, __dist0, null, __dist0, null, __dist0], __gid = [1, 0, 3, 2, 7, 6]; keeps a, b, s, __dist0
                            Project: a, b, s, b AS __dist0
                              Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void aRefinedWindowTakesThePartitionOfTheNamedOne() {
        plans("SELECT a, sum(b) OVER (w ORDER BY b ROWS 1 PRECEDING) AS s FROM t WINDOW w AS (PARTITION BY a)", """
                Project: a, __win0 AS s
                  Window: partition by [a] order by [b ASC]: sum(b) ROWS BETWEEN 1 PRECEDING AND CURRENT ROW AS __win0
                    Scan: t (0 rows, 0 partitions)
                """);
    }
}
