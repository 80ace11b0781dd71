package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.AggFunction;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per rule: when it fires (plan text before/after) and when it must not. */
class RulesTest {

    private static Join join(LogicalPlan l, LogicalPlan r, String lk, String rk, JoinType type) {
        return Join.of(l, r, List.of(col(lk)), List.of(col(rk)), type, JoinStrategy.AUTO);
    }

    private static Join cross(LogicalPlan l, LogicalPlan r) {
        return Join.of(l, r, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
    }

    private static Expr sum(String column, String name) {
        return new Alias(AggExpr.of(AggFunction.SUM, col(column)), name);
    }

    @Nested
    class MergeFiltersTest {
        @Test
        void mergesStackedFilters() {
            LogicalPlan p = new Filter(new Filter(scan(), gt(col("a"), lit(1))), gt(col("b"), lit(2)));
            assertRewrites(new MergeFilters(), p, """
                    Filter: a > 1 AND b > 2
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void doesNotFireOnASingleFilter() {
            assertDoesNotFire(new MergeFilters(), new Filter(scan(), gt(col("a"), lit(1))));
        }
    }

    @Nested
    class MergeProjectsTest {
        @Test
        void inlinesTheInnerProjectionKeepingNames() {
            LogicalPlan inner = Project.of(scan(), List.of(col("a"), new Alias(add(col("b"), lit(1)), "b1")));
            LogicalPlan p = Project.of(inner, List.of(new Alias(add(col("b1"), lit(2)), "x"), col("a"), col("b1")));
            assertDoesNotFire(new MergeProjects(), p);
            LogicalPlan once = Project.of(inner, List.of(new Alias(add(col("b1"), lit(2)), "x"), col("a")));
            assertRewrites(new MergeProjects(), once, """
                    Project: b + 1 + 2 AS x, a
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void renamesSurviveInlining() {
            LogicalPlan inner = Project.of(scan(), List.of(new Alias(col("a"), "k")));
            LogicalPlan p = Project.of(inner, List.of(col("k")));
            assertRewrites(new MergeProjects(), p, """
                    Project: a AS k
                      Scan: t (0 rows, 0 partitions)
                    """);
        }
    }

    @Nested
    class RemoveNoOpProjectsTest {
        @Test
        void removesAnIdentityProjection() {
            LogicalPlan p = Project.of(scan(), List.of(col("a"), col("b"), col("c"), col("d")));
            assertRewrites(new RemoveNoOpProjects(), p, """
                    Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void keepsAReorderingProjection() {
            assertDoesNotFire(new RemoveNoOpProjects(), Project.of(scan(), List.of(col("b"), col("a"), col("c"), col("d"))));
        }
    }

    @Nested
    class MergeLimitsTest {
        @Test
        void keepsTheSmallerLimit() {
            assertRewrites(new MergeLimits(), new Limit(new Limit(scan(), 5), 10), """
                    Limit: 5
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void doesNotFireOnOneLimit() {
            assertDoesNotFire(new MergeLimits(), new Limit(scan(), 5));
        }
    }

    @Nested
    class PushFilterThroughProjectTest {
        @Test
        void pushesConjunctsOverRenamesAndKeepsComputedOnesAbove() {
            LogicalPlan project = Project.of(scan(), List.of(new Alias(col("a"), "k"), new Alias(add(col("b"), lit(1)), "b1")));
            LogicalPlan p = new Filter(project, new Binary(BinaryOp.AND, gt(col("k"), lit(1)), gt(col("b1"), lit(0))));
            assertRewrites(new PushFilterThroughProject(), p, """
                    Filter: b1 > 0
                      Project: a AS k, b + 1 AS b1
                        Filter: a > 1
                          Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void doesNotFireWhenEveryConjunctReadsAComputedColumn() {
            LogicalPlan project = Project.of(scan(), List.of(new Alias(add(col("b"), lit(1)), "b1")));
            assertDoesNotFire(new PushFilterThroughProject(), new Filter(project, gt(col("b1"), lit(0))));
        }
    }

    @Nested
    class PushFilterIntoScanTest {
        @Test
        void conjunctsBecomeScanFilters() {
            LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), lit(1)), gt(col("b"), lit(2))));
            assertRewrites(new PushFilterIntoScan(), p, """
                    Scan: t (0 rows, 0 partitions) filters=[a > 1, b > 2]
                    """);
        }

        @Test
        void doesNotFireIntoALimitedScan() {
            assertDoesNotFire(new PushFilterIntoScan(), new Filter(scan().withLimit(3L), gt(col("a"), lit(1))));
        }
    }

    @Nested
    class PushLimitTest {
        @Test
        void limitGoesBelowAProjection() {
            LogicalPlan p = new Limit(Project.of(scan(), List.of(add(col("a"), lit(1)))), 5);
            assertRewrites(new PushLimitThroughProject(), p, """
                    Project: a + 1
                      Limit: 5
                        Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void scanLimitIsSetAndTheGlobalLimitStays() {
            assertRewrites(new PushLimitIntoScan(), new Limit(scan(), 5), """
                    Limit: 5
                      Scan: t (0 rows, 0 partitions) limit=5
                    """);
            assertDoesNotFire(new PushLimitIntoScan(), new Limit(scan().withLimit(5L), 5));
        }

        @Test
        void limitDoesNotPassAFilter() {
            LogicalPlan p = new Limit(new Filter(scan(), gt(col("a"), lit(1))), 5);
            assertDoesNotFire(new PushLimitThroughProject(), p);
            assertDoesNotFire(new PushLimitIntoScan(), p);
        }
    }

    @Nested
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
    }

    @Nested
    class FoldConstantsTest {
        @Test
        void foldsArithmeticAndDropsTrueConjuncts() {
            LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), add(lit(1), lit(2))),
                    new Literal(true, DataType.bool())));
            assertRewrites(new FoldConstants(), p, """
                    Filter: a > 3
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void aFilterOnTrueDisappearsAndFalseWins() {
            assertRewrites(new FoldConstants(), new Filter(scan(), gt(lit(2), lit(1))), """
                    Scan: t (0 rows, 0 partitions)
                    """);
            LogicalPlan p = new Filter(scan(), new Binary(BinaryOp.AND, gt(col("a"), lit(1)), gt(lit(1), lit(2))));
            assertRewrites(new FoldConstants(), p, """
                    Filter: false
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void foldedProjectionsKeepTheirNames() {
            LogicalPlan p = Project.of(scan(), List.of(new Alias(add(lit(1), lit(2)), "three"), add(col("a"), add(lit(1), lit(1)))));
            assertRewrites(new FoldConstants(), p, """
                    Project: 3 AS three, a + 2
                      Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void overflowIsLeftForRunTime() {
            LogicalPlan p = Project.of(scan(), List.of(new Alias(add(lit(Long.MAX_VALUE), lit(1)), "x")));
            assertDoesNotFire(new FoldConstants(), p);
        }

        @Test
        void doesNotFireWithoutConstants() {
            assertDoesNotFire(new FoldConstants(), new Filter(scan(), gt(col("a"), col("b"))));
        }
    }

    @Nested
    class PushFilterThroughJoinTest {
        // l(k, a) ⋈ r(k, a, b) on k outputs k, a, "right.a", b
        private final Scan l = scan("l", "k", "a");
        private final Scan r = scan("r", "k", "a", "b");

        @Test
        void innerJoinTakesEachSidesConjunctsRenamedToItsInput() {
            LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.INNER),
                    and(gt(col("a"), lit(1)), gt(col("right.a"), lit(2)), gt(col("a"), col("b"))));
            assertRewrites(new PushFilterThroughJoin(), p, """
                    Filter: a > b
                      Join: INNER on k = k
                        Filter: a > 1
                          Scan: l (0 rows, 0 partitions)
                        Filter: a > 2
                          Scan: r (0 rows, 0 partitions)
                    """);
        }

        @Test
        void leftJoinKeepsRightSidePredicatesAbove() {
            LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.LEFT),
                    and(gt(col("a"), lit(1)), gt(col("b"), lit(2))));
            assertRewrites(new PushFilterThroughJoin(), p, """
                    Filter: b > 2
                      Join: LEFT on k = k
                        Filter: a > 1
                          Scan: l (0 rows, 0 partitions)
                        Scan: r (0 rows, 0 partitions)
                    """);
        }

        @Test
        void rightJoinTakesTheMergedKeyToTheRightAndKeepsLeftPredicatesAbove() {
            LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.RIGHT),
                    and(gt(col("k"), lit(5)), gt(col("a"), lit(1)), gt(col("right.a"), lit(2))));
            assertRewrites(new PushFilterThroughJoin(), p, """
                    Filter: a > 1
                      Join: RIGHT on k = k
                        Scan: l (0 rows, 0 partitions)
                        Filter: k > 5 AND a > 2
                          Scan: r (0 rows, 0 partitions)
                    """);
        }

        @Test
        void semiAndAntiJoinsTakeLeftPredicates() {
            for (JoinType type : List.of(JoinType.SEMI, JoinType.ANTI)) {
                LogicalPlan p = new Filter(join(l, r, "k", "k", type), gt(col("a"), lit(1)));
                assertRewrites(new PushFilterThroughJoin(), p, """
                        Join: %s on k = k
                          Filter: a > 1
                            Scan: l (0 rows, 0 partitions)
                          Scan: r (0 rows, 0 partitions)
                        """.formatted(type));
            }
        }

        @Test
        void doesNotFireOnAnOuterJoin() {
            LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.OUTER),
                    and(gt(col("k"), lit(5)), gt(col("a"), lit(1)), gt(col("b"), lit(2))));
            assertDoesNotFire(new PushFilterThroughJoin(), p);
        }

        @Test
        void doesNotFireOnPredicatesOverBothSides() {
            LogicalPlan p = new Filter(join(l, r, "k", "k", JoinType.INNER), gt(col("a"), col("right.a")));
            assertDoesNotFire(new PushFilterThroughJoin(), p);
        }
    }

    @Nested
    class ConvertCrossJoinToInnerJoinTest {
        @Test
        void equalitiesAcrossTheSidesBecomeKeys() {
            LogicalPlan p = new Filter(cross(scan("l", "k", "a"), scan("r", "id", "b")),
                    and(eq(col("id"), col("k")), gt(col("a"), col("b")), eq(add(col("a"), lit(1)), col("b"))));
            assertRewrites(new ConvertCrossJoinToInnerJoin(), p, """
                    Filter: a > b
                      Join: INNER on k = id AND a + 1 = b
                        Scan: l (0 rows, 0 partitions)
                        Scan: r (0 rows, 0 partitions)
                    """);
        }

        @Test
        void sameNamedKeysAreRestoredByAProjection() {
            LogicalPlan p = new Filter(cross(scan("l", "k", "a"), scan("r", "k", "a", "b")), eq(col("k"), col("right.k")));
            assertRewrites(new ConvertCrossJoinToInnerJoin(), p, """
                    Project: k, a, k AS "right.k", "right.a", b
                      Join: INNER on k = k
                        Scan: l (0 rows, 0 partitions)
                        Scan: r (0 rows, 0 partitions)
                    """);
        }

        @Test
        void sameNamedFloatingPointKeysStayAFilter() {
            Schema s = Schema.of(Field.of("x", DataType.float64()));
            LogicalPlan l = Scan.of(new InMemorySource("l", s, List.of()));
            LogicalPlan r = Scan.of(new InMemorySource("r", s, List.of()));
            assertDoesNotFire(new ConvertCrossJoinToInnerJoin(), new Filter(cross(l, r), eq(col("x"), col("right.x"))));
        }

        @Test
        void doesNotFireWithoutACrossSideEquality() {
            LogicalPlan c = cross(scan("l", "k", "a"), scan("r", "id", "b"));
            assertDoesNotFire(new ConvertCrossJoinToInnerJoin(), new Filter(c, and(gt(col("k"), col("id")), eq(col("k"), col("a")))));
            LogicalPlan keyed = join(scan("l", "k", "a"), scan("r", "id", "b"), "k", "id", JoinType.INNER);
            assertDoesNotFire(new ConvertCrossJoinToInnerJoin(), new Filter(keyed, eq(col("a"), col("b"))));
        }
    }

    @Nested
    class PushFilterThroughSortTest {
        @Test
        void filterGoesBelowTheSort() {
            LogicalPlan p = new Filter(new Sort(scan(), List.of(SortKey.of(col("b")))), gt(col("a"), lit(1)));
            assertRewrites(new PushFilterThroughSort(), p, """
                    Sort: b ASC
                      Filter: a > 1
                        Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void doesNotFireWithoutASort() {
            assertDoesNotFire(new PushFilterThroughSort(), new Filter(new Limit(scan(), 3), gt(col("a"), lit(1))));
        }
    }

    @Nested
    class PushFilterThroughAggregateTest {
        @Test
        void conjunctsOverPlainKeysGoBelow() {
            LogicalPlan agg = Aggregate.of(scan(), List.of(col("a"), new Alias(col("c"), "cc")), List.of(sum("b", "s")));
            LogicalPlan p = new Filter(agg, and(gt(col("a"), lit(1)), gt(col("s"), lit(10)), eq(col("cc"), col("cc"))));
            assertRewrites(new PushFilterThroughAggregate(), p, """
                    Filter: s > 10 AND cc = cc
                      Aggregate: sum(b) AS s by a, c AS cc
                        Filter: a > 1
                          Scan: t (0 rows, 0 partitions)
                    """);
        }

        @Test
        void distinctTakesTheWholeFilter() {
            LogicalPlan p = new Filter(Aggregate.of(scan("u", "a", "b"), List.of(col("a"), col("b")), List.of()),
                    gt(col("a"), col("b")));
            assertRewrites(new PushFilterThroughAggregate(), p, """
                    Distinct: a, b
                      Filter: a > b
                        Scan: u (0 rows, 0 partitions)
                    """);
        }

        @Test
        void doesNotFireOverAggregatesOrAGlobalAggregate() {
            LogicalPlan keyed = Aggregate.of(scan(), List.of(col("a")), List.of(sum("b", "s")));
            assertDoesNotFire(new PushFilterThroughAggregate(), new Filter(keyed, gt(col("s"), lit(1))));
            LogicalPlan global = Aggregate.of(scan(), List.of(), List.of(sum("b", "s")));
            assertDoesNotFire(new PushFilterThroughAggregate(), new Filter(global, gt(col("s"), lit(1))));
        }
    }

    @Nested
    class PruneColumnsThroughNewNodesTest {
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
    }
}
