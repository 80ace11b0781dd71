package dev.floe.api.plan;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a join condition becomes keys and a residual, the columns it needs from each side, the
 * as-of join's columns, and the plans the optimizer makes of them.
 */
class ConditionJoinsTest {
    private static LogicalPlan scan(String name, String... columns) {
        Field[] fields = new Field[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = Field.of(columns[i], DataType.int64());
        }
        return Scan.of(new InMemorySource(name, Schema.of(fields), List.of()));
    }

    private static final LogicalPlan L = scan("l", "k", "t", "v");
    private static final LogicalPlan R = scan("r", "k", "lo", "hi", "w");

    @Test
    void equalitiesBetweenTheSidesBecomeKeysAndTheRestStaysTheCondition() {
        Join j = ConditionJoins.of(L, R, col("right.k").eq(col("k")).and(col("t").between(col("lo"), col("hi")))
                .and(col("v").add(1).eq(col("w"))).node(), JoinType.LEFT);
        assertThat(j.describe()).isEqualTo("Join: LEFT on k = k AND v + 1 = w AND t BETWEEN lo AND hi");
        assertThat(j.leftOn()).hasSize(2);
        assertThat(j.condition().display()).isEqualTo("t BETWEEN lo AND hi");
        // no key is merged: both sides' columns stay, the right k under its pair name
        assertThat(j.schema().names()).containsExactly("k", "t", "v", "right.k", "lo", "hi", "w");
    }

    @Test
    void withoutAnEqualityEveryConjunctIsTheCondition() {
        Join j = ConditionJoins.of(L, R, col("t").lt(col("hi")).or(col("k").eq(col("right.k"))).node(), JoinType.OUTER);
        assertThat(j.leftOn()).isEmpty();
        assertThat(j.isCross()).isFalse();
        assertThat(j.describe()).isEqualTo("Join: OUTER on t < hi OR k = \"right.k\"");
    }

    @Test
    void anEqualityWithinOneSideIsNoKey() {
        Join j = ConditionJoins.of(L, R, col("t").eq(col("v")).and(col("lo").eq(lit(3L))).node(), JoinType.INNER);
        assertThat(j.leftOn()).isEmpty();
        assertThat(j.condition()).isNotNull();
    }

    @Test
    void aConditionThatIsNotBooleanOrNamesAnUnknownColumnFailsAtOnce() {
        assertThatThrownBy(() -> ConditionJoins.of(L, R, col("t").add(col("hi")).node(), JoinType.INNER))
                .isInstanceOf(PlanException.class).hasMessageContaining("must be boolean");
        assertThatThrownBy(() -> ConditionJoins.of(L, R, col("t").lt(col("right.t")).node(), JoinType.INNER))
                .isInstanceOf(PlanException.class).hasMessageContaining("right.t");
    }

    @Test
    void theConditionsColumnsAreKeptByPruningAndSemiJoinsReadOnlyThem() {
        Join j = ConditionJoins.of(L, R, col("k").eq(col("right.k")).and(col("v").lt(col("w"))).node(), JoinType.SEMI);
        assertThat(j.requiredColumns(Set.of("t"))).containsExactly(Set.of("k", "t", "v"), Set.of("k", "w"));
        LogicalPlan optimized = Optimizer.standard().optimize(Project.of(j, List.of(col("t").node())));
        assertThat(PlanPrinter.print(optimized)).contains("Join: SEMI on k = k AND v < w")
                .contains("r (0 rows, 0 partitions) columns=[k, w]");
    }

    @Test
    void aFilterOnTheLeftSideMovesBelowALeftConditionJoin() {
        Join j = ConditionJoins.of(L, R, col("t").lt(col("hi")).node(), JoinType.LEFT);
        LogicalPlan optimized = Optimizer.standard().optimize(new Filter(j, col("v").gt(lit(5L)).node()));
        assertThat(PlanPrinter.print(optimized)).startsWith("Join: LEFT on t < hi\n");
    }

    @Test
    void asofKeepsTheByColumnsOnceAndTheRightTimeUnderItsPairName() {
        Join j = ConditionJoins.asof(L, scan("q", "k", "t", "p"), "t", "t", List.of("k"));
        assertThat(j.describe()).isEqualTo("AsofJoin: LEFT by k = k on t >= t");
        assertThat(j.schema().names()).containsExactly("k", "t", "v", "right.t", "p");
        assertThatThrownBy(() -> ConditionJoins.asof(L, R, "t", "time", List.of()))
                .isInstanceOf(PlanException.class).hasMessageContaining("time");
    }
}
