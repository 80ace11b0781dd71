package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Nondeterministic;
import dev.floe.api.expr.SortKey;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Sort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PullOutNondeterministic}: sort, repartition and join keys using rand or the ids are
 * computed in a projection below their node (where the row's partition is known, once per row),
 * deterministic keys stay as they are, and a join condition using them is refused at build.
 */
class PullOutNondeterministicTest {
    private static final Nondeterministic IDS = new Nondeterministic(Nondeterministic.Op.MONOTONICALLY_INCREASING_ID, 0);
    private static final Nondeterministic RAND = new Nondeterministic(Nondeterministic.Op.RAND, 7);

    @Test
    void sortKeysBecomeColumnsOfAProjectionBelow() {
        LogicalPlan p = new Sort(scan(), List.of(new SortKey(IDS, false, false), new SortKey(col("a"), true, true)));
        assertRewrites(new PullOutNondeterministic(), p, """
                Project: a, b, c, d
                  Sort: __nondeterministic0 ASC, a DESC
                    Project: a, b, c, d, monotonically_increasing_id() AS __nondeterministic0
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void repartitionKeysBecomeColumnsAndTheNamesAvoidTheInputs() {
        LogicalPlan p = new Repartition(scan("t", "__nondeterministic0"), 4, List.of(add(RAND, lit(1))));
        assertRewrites(new PullOutNondeterministic(), p, """
                Project: __nondeterministic0
                  Repartition: hash(__nondeterministic1) into 4
                    Project: __nondeterministic0, rand(7) + 1 AS __nondeterministic1
                      Scan: t (0 rows, 0 partitions)
                """);
    }

    @Test
    void joinKeysAreComputedOnTheirOwnSide() {
        LogicalPlan p = Join.of(scan("l", "k", "a"), scan("r", "id", "k"), List.of(IDS), List.of(col("id")),
                JoinType.LEFT, JoinStrategy.AUTO);
        assertRewrites(new PullOutNondeterministic(), p, """
                Project: k, a, id, "right.k"
                  Join: LEFT on __nondeterministic0 = id
                    Project: k, a, monotonically_increasing_id() AS __nondeterministic0
                      Scan: l (0 rows, 0 partitions)
                    Scan: r (0 rows, 0 partitions)
                """);
    }

    @Test
    void deterministicKeysStayAsTheyAre() {
        assertDoesNotFire(new PullOutNondeterministic(),
                new Sort(scan(), List.of(new SortKey(add(col("a"), lit(1)), false, false))));
        assertDoesNotFire(new PullOutNondeterministic(), new Repartition(scan(), 3, List.of(col("a"))));
        assertDoesNotFire(new PullOutNondeterministic(), Join.of(scan("l", "k"), scan("r", "k"),
                List.of(col("k")), List.of(col("k")), JoinType.INNER, JoinStrategy.AUTO));
    }

    /** The standard optimizer pulls them out, and a filter above the sort stays above the ids' projection. */
    @Test
    void theStandardOptimizerKeepsFiltersAboveTheKeysProjection() {
        LogicalPlan p = new dev.floe.api.plan.Filter(new Sort(scan(), List.of(new SortKey(IDS, false, false))),
                RuleTester.gt(col("a"), lit(1)));
        String optimized = PlanPrinter.print(Optimizer.standard().optimize(p));
        assertThat(optimized).containsSubsequence("Sort: __nondeterministic0 ASC", "Filter: a > 1",
                "Project: a, b, c, d, monotonically_increasing_id() AS __nondeterministic0", "Scan: t");
    }

    @Test
    void aJoinConditionUsingRandIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> Join.of(scan("l", "k"), scan("r", "j"), List.of(), List.of(), JoinType.INNER,
                JoinStrategy.AUTO, RuleTester.gt(RAND, lit(0)), null, false))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("A join condition cannot use rand")
                .hasMessageContaining("rand(7) > 0")
                .hasMessageContaining("withColumn");
    }
}
