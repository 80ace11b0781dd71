package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.plan.PlanPrinter;
import org.junit.jupiter.api.Test;

/**
 * Subqueries through the binder: each form becomes the api's subquery expression (correlated names
 * resolved in the enclosing query become outer references), and the optimizer's decorrelated plan
 * holds joins only.
 */
class SqlSubqueryTest {
    private static void plans(String sql, String bound, String optimized) {
        var df = SqlTesting.frontend().sql(sql);
        assertThat(PlanPrinter.print(df.plan()).strip()).isEqualTo(bound.stripIndent().strip());
        assertThat(PlanPrinter.print(df.optimizedPlan()).strip()).isEqualTo(optimized.stripIndent().strip());
    }

    @Test
    void correlatedExistsIsASemiJoin() {
        plans("SELECT a FROM t WHERE EXISTS (SELECT * FROM u WHERE u.a = t.a AND c > b)", """
                Project: a
                  Filter: EXISTS (Project: a, c)
                    Subquery: EXISTS correlated on a, b
                      Project: a, c
                        Filter: a = outer(a) AND c > outer(b)
                          Scan: u (0 rows, 0 partitions)
                    Scan: t (0 rows, 0 partitions)
                """, """
                Project: a
                  Join: SEMI on a = __sq1_k0 AND __sq1_c1 > b
                    Scan: t (0 rows, 0 partitions) columns=[a, b]
                    Project: a AS __sq1_k0, c AS __sq1_c1
                      Scan: u (0 rows, 0 partitions)
                """);
    }

    @Test
    void notInAndAScalarSubquery() {
        plans("SELECT a, (SELECT max(c) FROM u WHERE u.a = t.a) AS m FROM t WHERE b NOT IN (SELECT c FROM u)", """
                Project: a, scalar(Project: "max(c)") AS m
                  Subquery: SCALAR correlated on a
                    Project: "max(c)"
                      Aggregate: max(c) AS "max(c)"
                        Filter: a = outer(a)
                          Scan: u (0 rows, 0 partitions)
                  Filter: NOT b IN (Project: c)
                    Subquery: IN
                      Project: c
                        Scan: u (0 rows, 0 partitions)
                    Scan: t (0 rows, 0 partitions)
                """, """
                Project: a, __sq1_v AS m
                  Join: LEFT on a = __sq1_k1
                    Project: a
                      Filter: NOT if_else(__sq1_v IS NOT NULL, true, if_else(__sq2_n IS NULL OR __sq2_n = 0, false, \
                if_else(b IS NULL OR __sq2_nn < __sq2_n, null, false)))
                        CrossJoin
                          Join: LEFT on b = __sq1_v
                            Scan: t (0 rows, 0 partitions) columns=[a, b]
                            Distinct: __sq1_v
                              Project: c AS __sq1_v
                                Scan: u (0 rows, 0 partitions) columns=[c]
                          Aggregate: count(*) AS __sq2_n, count(__sq1_v) AS __sq2_nn
                            Project: c AS __sq1_v
                              Scan: u (0 rows, 0 partitions) columns=[c]
                    Project: "max(c)" AS __sq1_v, __sq1_g0 AS __sq1_k1
                      Aggregate: max(c) AS "max(c)" by a AS __sq1_g0
                        Scan: u (0 rows, 0 partitions)
                """);
    }
}
