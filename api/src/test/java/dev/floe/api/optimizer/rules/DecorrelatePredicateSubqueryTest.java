package dev.floe.api.optimizer.rules;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Subqueries.exists;
import static dev.floe.api.Subqueries.in;
import static dev.floe.api.Subqueries.notExists;
import static dev.floe.api.Subqueries.notIn;
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

/** {@link DecorrelatePredicateSubquery}: EXISTS/IN conjuncts to SEMI joins, NOT EXISTS to ANTI joins. */
class DecorrelatePredicateSubqueryTest {
    private final DecorrelatePredicateSubquery rule = new DecorrelatePredicateSubquery();

    @Test
    void correlatedExistsIsASemiJoinOnTheCorrelatedEquality() {
        assertRewrites(rule, O.where(exists(L.where(col("lk").eq(OK).and(col("lq").gt(col("lc")))))
                .and(col("oc").gt(lit(1)))).plan(), """
                Filter: oc > 1
                  Join: SEMI on ok = __sq1_k0
                    Scan: o (0 rows, 0 partitions)
                    Project: lk AS __sq1_k0
                      Filter: lq > lc
                        Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void notExistsIsAnAntiJoinWithOtherCorrelatedConditionsAsItsCondition() {
        assertRewrites(rule, O.where(notExists(L.where(col("lk").eq(OK).and(col("lq").gt(OC))))).plan(), """
                Join: ANTI on ok = __sq1_k0 AND __sq1_c1 > oc
                  Scan: o (0 rows, 0 partitions)
                  Project: lk AS __sq1_k0, lq AS __sq1_c1
                    Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void inIsASemiJoinOnProbeAndValue() {
        assertRewrites(rule, O.where(in(col("oc"), L.where(col("lk").eq(OK)).select(col("lq")))).plan(), """
                Join: SEMI on ok = __sq1_k0 AND oc = __sq1_v
                  Scan: o (0 rows, 0 partitions)
                  Project: lq AS __sq1_v, lk AS __sq1_k0
                    Project: lq, lk
                      Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void uncorrelatedExistsCountsUpToOneRow() {
        assertRewrites(rule, O.where(exists(L.where(col("lq").gt(lit(5))))).plan(), """
                Project: ok, oc
                  Filter: __sq2_n > 0
                    CrossJoin
                      Scan: o (0 rows, 0 partitions)
                      Aggregate: count(*) AS __sq2_n
                        Limit: 1
                          Project: true AS __sq1_one
                            Filter: lq > 5
                              Scan: l (0 rows, 0 partitions)
                """);
    }

    @Test
    void inOverAnAggregationWithoutKeysComparesWithItsOneRow() {
        assertRewrites(rule, O.where(in(col("oc"), L.where(col("lk").eq(OK)).agg(col("lq").max()))).plan(), """
                Filter: oc = scalar(Aggregate: max(lq))
                  Subquery: SCALAR correlated on ok
                    Aggregate: max(lq)
                      Filter: lk = outer(ok)
                        Scan: l (0 rows, 0 partitions)
                  Scan: o (0 rows, 0 partitions)
                """);
    }

    @Test
    void leavesNotInAndDisjunctionsToTheMarkJoin() {
        assertDoesNotFire(rule, O.where(notIn(col("ok"), L.select(col("lk")))).plan());
        assertDoesNotFire(rule, O.where(exists(L.where(col("lk").eq(OK))).or(col("oc").gt(lit(3)))).plan());
    }

    @Test
    void aCorrelatedColumnInTheSelectListIsAnErrorNamingTheSubquery() {
        var q = O.where(in(col("oc"), L.select(col("lq").add(OK))));
        assertThatThrownBy(() -> Optimizer.applyEverywhere(rule, q.plan()))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("Floe cannot decorrelate the outer column in its select list (lq + outer(ok)) in the subquery"
                        + " oc IN (Project: lq + outer(ok)); rewrite the subquery as a join");
    }
}
