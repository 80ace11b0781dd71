package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.cross;
import static dev.floe.api.optimizer.rules.RuleTester.frame;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;
import static dev.floe.api.optimizer.rules.RuleTester.sum;

import dev.floe.api.Functions;
import dev.floe.api.JoinType;
import dev.floe.api.WriteMode;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Write;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PruneColumns} in isolation: plan text before and after, and where it must not fire. */
class PruneColumnsTest {
    @Test
    void scansReadOnlyWhatThePlanUses() {
        LogicalPlan p = Project.of(new Filter(scan(), gt(col("b"), lit(0))), List.of(col("a")));
        assertRewrites(new PruneColumns(), p, """
                Project: a
                  Filter: b > 0
                    Scan: t (0 rows, 0 partitions) columns=[a, b]
                """);
    }

    @Test
    void unusedProjectionExpressionsAreDropped() {
        LogicalPlan inner = Project.of(scan(), List.of(col("a"), new Alias(add(col("b"), lit(1)), "b1"), col("c")));
        LogicalPlan p = Project.of(inner, List.of(col("c")));
        assertRewrites(new PruneColumns(), p, """
                Project: c
                  Project: c
                    Scan: t (0 rows, 0 partitions) columns=[c]
                """);
    }

    @Test
    void aZeroColumnCountPrunesTheScanToNoColumns() {
        LogicalPlan p = Project.of(scan(), List.of());
        assertRewrites(new PruneColumns(), p, """
                Project:\s
                  Scan: t (0 rows, 0 partitions) columns=[]
                """);
    }

    @Test
    void doesNotFireWhenEveryColumnIsUsed() {
        assertDoesNotFire(new PruneColumns(), new Filter(scan(), gt(col("a"), lit(0))));
    }

    @Test
    void joinInputsReadTheirOutputColumnsAndKeys() {
        LogicalPlan j = join(scan("l", "k", "a", "z"), scan("r", "k", "b", "y"), "k", "k", JoinType.INNER);
        assertRewrites(new PruneColumns(), Project.of(j, List.of(col("a"))), """
                Project: a
                  Join: INNER on k = k
                    Scan: l (0 rows, 0 partitions) columns=[k, a]
                    Scan: r (0 rows, 0 partitions) columns=[k]
                """);
    }

    @Test
    void theLeftTwinOfARenamedRightColumnStays() {
        LogicalPlan j = join(scan("l", "k", "a", "z"), scan("r", "j", "a", "y"), "k", "j", JoinType.INNER);
        assertRewrites(new PruneColumns(), Project.of(j, List.of(col("right.a"))), """
                Project: "right.a"
                  Join: INNER on k = j
                    Scan: l (0 rows, 0 partitions) columns=[k, a]
                    Scan: r (0 rows, 0 partitions) columns=[j, a]
                """);
    }

    @Test
    void semiJoinsReadOnlyTheRightKeys() {
        LogicalPlan j = join(scan("l", "k", "a", "z"), scan("r", "k", "b"), "k", "k", JoinType.SEMI);
        assertRewrites(new PruneColumns(), Project.of(j, List.of(col("a"))), """
                Project: a
                  Join: SEMI on k = k
                    Scan: l (0 rows, 0 partitions) columns=[k, a]
                    Scan: r (0 rows, 0 partitions) columns=[k]
                """);
    }

    @Test
    void aCountOverACrossJoinReadsNoColumns() {
        LogicalPlan p = Aggregate.of(cross(scan("l", "k"), scan("r", "j")), List.of(),
                List.of(new AggExpr(AggFunction.COUNT_ALL, null, 1)));
        assertRewrites(new PruneColumns(), p, """
                Aggregate: count(*)
                  CrossJoin
                    Scan: l (0 rows, 0 partitions) columns=[]
                    Scan: r (0 rows, 0 partitions) columns=[]
                """);
    }

    @Test
    void aggregatesReadKeysAndAggregatedColumnsAndUnreadAggregationsGo() {
        LogicalPlan agg = Aggregate.of(scan(), List.of(col("a")), List.of(sum("b", "s"), new Alias(AggExpr.of(AggFunction.MAX, col("d")), "unused")));
        assertRewrites(new PruneColumns(), Project.of(agg, List.of(col("s"))), """
                Project: s
                  Aggregate: sum(b) AS s by a
                    Scan: t (0 rows, 0 partitions) columns=[a, b]
                """);
    }

    @Test
    void sortAndRepartitionKeysAreRead() {
        LogicalPlan p = Project.of(new Sort(new Repartition(scan(), 4, List.of(col("c"))), List.of(SortKey.of(col("b")))),
                List.of(col("a")));
        assertRewrites(new PruneColumns(), p, """
                Project: a
                  Sort: b ASC
                    Repartition: hash(c) into 4
                      Scan: t (0 rows, 0 partitions) columns=[a, b, c]
                """);
    }

    @Test
    void doesNotFireWhenTheJoinReadsEverything() {
        assertDoesNotFire(new PruneColumns(), join(scan("l", "k", "a"), scan("r", "k", "b"), "k", "k", JoinType.OUTER));
    }

    /** Scan(a, b, c, l) with l a list of int64. */
    private static Scan listScan() {
        return Scan.of(new InMemorySource("t", Schema.of(Field.of("a", DataType.int64()), Field.of("b", DataType.float64()),
                Field.of("c", DataType.string()), Field.of("l", DataType.list(DataType.int64()))), List.of()));
    }

    @Test
    void pruningPassesThroughAnExplode() {
        LogicalPlan p = frame(listScan()).explode(Functions.col("l")).select("a", "l").plan();
        assertRewrites(new PruneColumns(), p, """
                Project: a, l
                  Explode: l
                    Scan: t (0 rows, 0 partitions) columns=[a, l]
                """);
    }

    @Test
    void anExplodedColumnIsReadEvenWhenNobodyReadsItsValues() {
        LogicalPlan p = frame(listScan()).explode(Functions.col("l")).select("a").plan();
        assertRewrites(new PruneColumns(), p, """
                Project: a
                  Explode: l
                    Scan: t (0 rows, 0 partitions) columns=[a, l]
                """);
    }

    @Test
    void aWriteReadsEveryColumnOfItsInputAndNoMore() {
        LogicalPlan input = frame(listScan()).select(Functions.col("a"), Functions.col("c")).plan();
        LogicalPlan p = Write.of(input, Write.Format.CSV, "out/t", WriteMode.APPEND, List.of("c"), null);
        assertRewrites(new PruneColumns(), p, """
                Write: csv out/t (append, partitioned by c)
                  Project: a, c
                    Scan: t (0 rows, 0 partitions) columns=[a, c]
                """);
    }
}
