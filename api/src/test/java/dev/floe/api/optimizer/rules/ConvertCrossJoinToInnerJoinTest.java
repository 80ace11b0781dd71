package dev.floe.api.optimizer.rules;

import static dev.floe.api.optimizer.rules.RuleTester.add;
import static dev.floe.api.optimizer.rules.RuleTester.and;
import static dev.floe.api.optimizer.rules.RuleTester.assertDoesNotFire;
import static dev.floe.api.optimizer.rules.RuleTester.assertRewrites;
import static dev.floe.api.optimizer.rules.RuleTester.col;
import static dev.floe.api.optimizer.rules.RuleTester.cross;
import static dev.floe.api.optimizer.rules.RuleTester.eq;
import static dev.floe.api.optimizer.rules.RuleTester.gt;
import static dev.floe.api.optimizer.rules.RuleTester.join;
import static dev.floe.api.optimizer.rules.RuleTester.lit;
import static dev.floe.api.optimizer.rules.RuleTester.scan;

import dev.floe.api.JoinType;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConvertCrossJoinToInnerJoin} in isolation: plan text before and after, and where it must not fire. */
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
