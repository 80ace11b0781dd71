package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.frame;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Functions;
import dev.floe.api.JoinType;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.IsIn;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link InferKeyFiltersAcrossJoin} in isolation, and a chain of joins through every rule. */
class InferKeyFiltersAcrossJoinTest {
    private static final IsIn K_IN = new IsIn(col("k"), List.of(new Literal(1L, DataType.int64()),
            new Literal(4L, DataType.int64())));

    @Test
    void anInnerJoinCopiesEachSidesKeyFiltersToTheOther() {
        LogicalPlan l = new Filter(scan("l", "k", "a"), and(K_IN, gt(col("a"), lit(3))));
        LogicalPlan r = new Filter(scan("r", "id", "b"), new Binary(BinaryOp.LT, col("id"), lit(10)));
        assertRewrites(new InferKeyFiltersAcrossJoin(), join(l, r, "k", "id", JoinType.INNER), """
                Join: INNER on k = id
                  Filter: k < 10
                    Filter: k IN (1, 4) AND a > 3
                      Scan: l (0 rows, 0 partitions)
                  Filter: id IN (1, 4)
                    Filter: id < 10
                      Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void outerJoinsCopyOnlyFromTheSideTheyKeep() {
        LogicalPlan l = new Filter(scan("l", "k", "a"), eq(col("k"), lit(5)));
        LogicalPlan r = new Filter(scan("r", "id", "b"), eq(col("id"), lit(6)));
        assertRewrites(new InferKeyFiltersAcrossJoin(), join(l, r, "k", "id", JoinType.LEFT), """
                Join: LEFT on k = id
                  Filter: k = 5
                    Scan: l (0 rows, 0 partitions)
                  Filter: id = 5
                    Filter: id = 6
                      Scan: r (0 rows, 0 partitions)
                """);
        assertRewrites(new InferKeyFiltersAcrossJoin(), join(l, r, "k", "id", JoinType.RIGHT), """
                Join: RIGHT on k = id
                  Filter: k = 6
                    Filter: k = 5
                      Scan: l (0 rows, 0 partitions)
                  Filter: id = 6
                    Scan: r (0 rows, 0 partitions)
                """);
        assertDoesNotFire(new InferKeyFiltersAcrossJoin(), join(l, r, "k", "id", JoinType.OUTER));
        assertDoesNotFire(new InferKeyFiltersAcrossJoin(), join(scan("l", "k", "a"), r, "k", "id", JoinType.ANTI));
    }

    @Test
    void doesNotFireWithoutAFilterOnAKeyAlone() {
        LogicalPlan l = new Filter(scan("l", "k", "a"), gt(col("k"), col("a")));
        assertDoesNotFire(new InferKeyFiltersAcrossJoin(), join(l, scan("r", "id", "b"), "k", "id", JoinType.INNER));
    }

    @Test
    void aFilterOnOneKeyReachesEveryTableOfAChainOfEqualKeys() {
        var a = frame(scan("a", "ak", "x"));
        var b = frame(scan("b", "bk", "y"));
        var c = frame(scan("c", "ck", "z"));
        var chain = a.join(b, List.of(Functions.col("ak")), List.of(Functions.col("bk")), JoinType.INNER)
                .join(c, List.of(Functions.col("bk")), List.of(Functions.col("ck")), JoinType.INNER)
                .where(Functions.col("ak").lt(Functions.lit(7L)));
        assertThat(PlanPrinter.print(chain.optimizedPlan())).isEqualTo("""
                Join: INNER on bk = ck
                  Join: INNER on ak = bk
                    Scan: a (0 rows, 0 partitions) filters=[ak < 7]
                    Scan: b (0 rows, 0 partitions) filters=[bk < 7]
                  Scan: c (0 rows, 0 partitions) filters=[ck < 7]
                """);
    }
}
