package dev.floe.api.optimizer.rules;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Subqueries.scalar;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.SubqueryTables.L;
import static dev.floe.api.optimizer.rules.SubqueryTables.O;
import static dev.floe.api.optimizer.rules.SubqueryTables.OC;
import static dev.floe.api.optimizer.rules.SubqueryTables.OK;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.PlanException;
import dev.floe.api.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

/** {@link ScalarSubqueryToJoin}: cross joins with one row, left joins with grouped aggregates, the count bug. */
class ScalarSubqueryToJoinTest {
    private final ScalarSubqueryToJoin rule = new ScalarSubqueryToJoin();

    @Test
    void anUncorrelatedAggregateIsACrossJoinWithItsRow() {
        assertRewrites(rule, O.where(col("oc").gt(scalar(L.agg(col("lq").mean().alias("m"))))).plan(), """
                Project: ok, oc
                  Filter: oc > __sq1_v
                    CrossJoin
                      Scan: o (0 rows, 0 partitions)
                      Project: m AS __sq1_v
                        Aggregate: mean(lq) AS m
                          Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void conjunctsWithoutASubqueryFilterTheInputBelowTheJoin() {
        // TPC-DS Q81: a comma join's keys beside a scalar subquery; above the subquery's join they
        // left the comma join a cross join of two of its tables
        assertRewrites(rule, O.where(col("ok").eq(lit(1L)).and(col("oc").gt(scalar(L.agg(col("lq").mean().alias("m")))))).plan(), """
                Project: ok, oc
                  Filter: oc > __sq1_v
                    CrossJoin
                      Filter: ok = 1
                        Scan: o (0 rows, 0 partitions)
                      Project: m AS __sq1_v
                        Aggregate: mean(lq) AS m
                          Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void aCorrelatedCountIsGroupedLeftJoinedAndZeroWithoutRows() {
        assertRewrites(rule, O.select(col("ok"), scalar(L.where(col("lk").eq(OK)).agg(count())).alias("n")).plan(), """
                Project: ok, if_else(__sq1_k1 IS NULL, 0, __sq1_v) AS n
                  Join: LEFT on ok = __sq1_k1
                    Scan: o (0 rows, 0 partitions)
                    Project: count AS __sq1_v, __sq1_g0 AS __sq1_k1
                      Aggregate: count(*) by lk AS __sq1_g0
                        Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void aComparisonWithACorrelatedAverageKeepsNullWithoutRows() {
        var avg = L.where(col("lk").eq(OK)).agg(col("lq").mean().alias("a")).select(col("a").mul(lit(2)));
        assertRewrites(rule, O.where(col("oc").lt(scalar(avg))).plan(), """
                Project: ok, oc
                  Filter: oc < __sq1_v
                    Join: LEFT on ok = __sq1_k1
                      Scan: o (0 rows, 0 partitions)
                      Project: a AS __sq1_v, __sq1_g0 AS __sq1_k1
                        Project: a * 2, __sq1_g0
                          Aggregate: mean(lq) AS a by lk AS __sq1_g0
                            Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void withoutAnAggregationTheRowCountIsCheckedAtRunTime() {
        assertRewrites(rule, O.select(col("ok"), scalar(L.where(col("lk").eq(OK)).select(col("lq"))).alias("q")).plan(), """
                Project: ok, __sq1_v AS q
                  Join: LEFT on ok = __sq1_k0
                    Scan: o (0 rows, 0 partitions)
                    Filter: at_most_one_row(__sq2_rows)
                      Aggregate: any_value(__sq1_v) AS __sq1_v, count(*) AS __sq2_rows by __sq1_k0
                        Project: lq AS __sq1_v, lk AS __sq1_k0
                          Project: lq, lk
                            Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void anInequalityBelowAnAggregationIsAnErrorNamingIt() {
        var q = O.where(col("oc").lt(scalar(L.where(col("lk").gt(OK)).agg(count()))));
        assertThatThrownBy(() -> Optimizer.applyEverywhere(rule, q.plan()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("the correlated condition lk > outer(ok) below an aggregation");
    }

    @Test
    void aCorrelatedEqualityInEveryBranchOfADisjunctionBecomesAKey() {
        var branches = col("lk").eq(OK).and(col("lq").gt(lit(1))).or(col("lk").eq(OK).and(col("lc").lt(lit(2))));
        assertRewrites(rule, O.where(scalar(L.where(branches).agg(count())).gt(lit(0))).plan(), """
                Project: ok, oc
                  Filter: if_else(__sq1_k1 IS NULL, 0, __sq1_v) > 0
                    Join: LEFT on ok = __sq1_k1
                      Scan: o (0 rows, 0 partitions)
                      Project: count AS __sq1_v, __sq1_g0 AS __sq1_k1
                        Aggregate: count(*) by lk AS __sq1_g0
                          Filter: lq > 1 OR lc < 2
                            Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void doesNotFireWithoutAScalarSubquery() {
        assertDoesNotFire(rule, O.where(col("oc").gt(OC.add(lit(0)).neg().neg().sub(col("oc")).add(col("oc")))).plan());
    }
}
