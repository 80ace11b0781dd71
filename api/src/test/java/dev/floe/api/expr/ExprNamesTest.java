package dev.floe.api.expr;

import static dev.floe.api.Functions.coalesce;
import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.ifElse;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Expression;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API.md's naming rule: an unaliased expression is named after its first column reference, {@code lit}
 * alone is {@code literal}, an alias wins. Conditionals follow the same rule as every other expression.
 */
class ExprNamesTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("column", col("ks"), "ks"),
                Arguments.of("literal", lit(1), "literal"),
                Arguments.of("arithmetic", lit(1).add(col("b")).mul(col("a")), "b"),
                Arguments.of("when with literal branches", when(col("ks").gt(0)).then(lit(1)).otherwise(lit(null)), "ks"),
                Arguments.of("ifElse with literal branches", ifElse(col("ks").isNull(), lit(1), lit(2)), "ks"),
                Arguments.of("chained when", when(col("a").gt(10)).then("big").when(col("b").gt(0)).then("small")
                        .otherwise("none"), "a"),
                Arguments.of("ifElse with a column branch", ifElse(col("flag"), col("qty"), lit(0)), "flag"),
                Arguments.of("ifElse of literals only", ifElse(lit(true), lit(1), lit(2)), "literal"),
                Arguments.of("aliased when", when(col("ks").gt(0)).then(1).otherwise(0).alias("pos"), "pos"),
                Arguments.of("coalesce", coalesce(lit(0), col("x"), col("y")), "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void namedAfterTheFirstColumnReference(String what, Expression e, String expected) {
        assertThat(e.node().name()).as(what + ": " + e).isEqualTo(expected);
    }
}
