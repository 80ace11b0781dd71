package dev.floe.formats;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Expression;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which filters become statistics predicates, shown as the text explain prints (null = none). */
class PruningPredicatesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(col("d").ge(LocalDate.of(2024, 1, 1)), "d >= 2024-01-01"),
                Arguments.of(lit(5L).lt(col("x")), "x > 5"),
                Arguments.of(col("x").neq(3), "x != 3"),
                Arguments.of(col("d").between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)),
                        "d >= 2024-01-01 AND d <= 2024-01-31"),
                Arguments.of(col("s").isIn("a", "b"), "s IN ('a', 'b')"),
                Arguments.of(col("s").isNull(), "s IS NULL"),
                Arguments.of(col("s").notNull().and(col("amount").gt(new BigDecimal("1.50"))),
                        "s IS NOT NULL AND amount > 1.50"),
                Arguments.of(col("x").eq(1).or(col("y").eq(2)), "x = 1 OR y = 2"),
                // a conjunct that does not fit is dropped, the rest still prunes
                Arguments.of(col("x").add(1).gt(5).and(col("y").lt(3)), "y < 3"),
                // an OR with a branch that does not fit cannot prune at all
                Arguments.of(col("x").add(1).gt(5).or(col("y").lt(3)), null),
                Arguments.of(col("x").gt(col("y")), null),
                Arguments.of(col("x").eqNullSafe(1), null),
                Arguments.of(col("x").gt(5).not(), null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void convertsWhatStatisticsCanCheck(Expression filter, String expected) {
        StatsPredicate p = PruningPredicates.of(List.of(filter.node()));
        assertThat(p == null ? null : p.display()).isEqualTo(expected);
    }
}
