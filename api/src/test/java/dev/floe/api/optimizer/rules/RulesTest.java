package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Literal;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per rule: when it fires (plan text before/after) and when it must not. */
class RulesTest {

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
}
