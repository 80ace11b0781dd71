package dev.floe.api.optimizer.rules;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Subqueries.exists;
import static dev.floe.api.Subqueries.in;
import static dev.floe.api.Subqueries.notIn;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.SubqueryTables.L;
import static dev.floe.api.optimizer.rules.SubqueryTables.O;
import static dev.floe.api.optimizer.rules.SubqueryTables.OK;

import org.junit.jupiter.api.Test;

/** {@link SubqueryToMarkJoin}: EXISTS and IN outside conjuncts as left joins read as three-valued booleans. */
class SubqueryToMarkJoinTest {
    private final SubqueryToMarkJoin rule = new SubqueryToMarkJoin();

    @Test
    void notInCountsRowsAndNullsOfTheSubquery() {
        assertRewrites(rule, O.where(notIn(col("ok"), L.select(col("lk")))).plan(), """
                Project: ok, oc
                  Filter: NOT if_else(__sq1_v IS NOT NULL, true, if_else(__sq2_n IS NULL OR __sq2_n = 0, false, \
                if_else(ok IS NULL OR __sq2_nn < __sq2_n, null, false)))
                    CrossJoin
                      Join: LEFT on ok = __sq1_v
                        Scan: o (0 rows, 0 partitions)
                        Distinct: __sq1_v
                          Project: lk AS __sq1_v
                            Project: lk
                              Scan: l (0 rows, 0 partitions)
                      Aggregate: count(*) AS __sq2_n, count(__sq1_v) AS __sq2_nn
                        Project: lk AS __sq1_v
                          Project: lk
                            Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void aCorrelatedInInSelectCountsPerKey() {
        assertRewrites(rule, O.select(col("ok"), in(col("oc"), L.where(col("lk").eq(OK)).select(col("lq"))).alias("m")).plan(), """
                Project: ok, if_else(__sq1_v IS NOT NULL, true, if_else(__sq2_n IS NULL OR __sq2_n = 0, false, \
                if_else(oc IS NULL OR __sq2_nn < __sq2_n, null, false))) AS m
                  Join: LEFT on ok = __sq2_s0
                    Join: LEFT on ok = __sq1_k0 AND oc = __sq1_v
                      Scan: o (0 rows, 0 partitions)
                      Distinct: __sq1_k0, __sq1_v
                        Project: lq AS __sq1_v, lk AS __sq1_k0
                          Project: lq, lk
                            Scan: l (0 rows, 0 partitions)
                    Aggregate: count(*) AS __sq2_n, count(__sq1_v) AS __sq2_nn by __sq1_k0 AS __sq2_s0
                      Project: lq AS __sq1_v, lk AS __sq1_k0
                        Project: lq, lk
                          Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void existsUnderOrMarksMatchedKeys() {
        assertRewrites(rule, O.where(exists(L.where(col("lk").eq(OK))).or(col("oc").gt(lit(3)))).plan(), """
                Project: ok, oc
                  Filter: __sq1_k0 IS NOT NULL OR oc > 3
                    Join: LEFT on ok = __sq1_k0
                      Scan: o (0 rows, 0 partitions)
                      Distinct: __sq1_k0
                        Project: lk AS __sq1_k0
                          Scan: l (0 rows, 0 partitions)
                """);
    }
}
