package dev.floe.api;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 item 5: an aggregation outside agg(...) is a PlanException when the DataFrame is built,
 * thrown at the caller's line with the fix. Before, these built and explained, then failed at run
 * time with "Cannot evaluate sum(salary)" inside an ExecutionException.
 */
class AggregationPlacementTest {
    private static final Schema SCHEMA = Schema.of(Field.of("dept", DataType.string()),
            Field.of("salary", DataType.float64()), Field.of("age", DataType.int32()));

    private static DataFrame df() {
        return PlanOnly.frame(SCHEMA);
    }

    static Stream<Arguments> misplaced() {
        return Stream.of(
                Arguments.of("select", (Function<DataFrame, DataFrame>) d -> d.select(col("salary").sum()),
                        "sum(salary)", "groupBy(...).agg(...) or agg(...)"),
                Arguments.of("select of an expression over one",
                        (Function<DataFrame, DataFrame>) d -> d.select(col("salary").div(col("salary").sum())),
                        "sum(salary)", "groupBy(...).agg(...) or agg(...)"),
                Arguments.of("withColumn", (Function<DataFrame, DataFrame>) d -> d.withColumn("n", count()),
                        "count", "groupBy(...).agg(...) or agg(...)"),
                Arguments.of("withColumns", (Function<DataFrame, DataFrame>) d -> d.withColumns(
                        Map.of("m", col("age").max())), "max(age)", "groupBy(...).agg(...) or agg(...)"),
                Arguments.of("where", (Function<DataFrame, DataFrame>) d -> d.where(col("salary").mean().gt(lit(10.0))),
                        "mean(salary)", "aggregate first and filter the result"),
                Arguments.of("sort", (Function<DataFrame, DataFrame>) d -> d.sort(col("salary").sum().desc()),
                        "sum(salary)", "groupBy(...).agg(...) or agg(...)"),
                Arguments.of("nested in agg", (Function<DataFrame, DataFrame>) d -> d.agg(col("salary").max().sum()),
                        "Aggregations cannot be nested", "Aggregate in two steps"),
                Arguments.of("nested in groupBy().agg", (Function<DataFrame, DataFrame>) d -> d.groupBy("dept")
                        .agg(col("age").min().add(col("salary").sum().max())),
                        "Aggregations cannot be nested", "Aggregate in two steps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplaced")
    void isAPlanExceptionAtTheCallersLineWithTheFix(String what, Function<DataFrame, DataFrame> build,
            String names, String fix) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> build.apply(df()));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).contains(names).contains(fix);
        // thrown while the DataFrame is built: the caller's frame is on the stack (the lambda above)
        assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
                .anyMatch(c -> c.startsWith(AggregationPlacementTest.class.getName()));
    }

    @Test
    void aggregationsInAggAndExpressionsOverThemStayAllowed() {
        DataFrame grouped = df().groupBy("dept").agg(col("salary").sum().div(count()).alias("avg"), col("age").max());
        assertThat(grouped.columnNames()).containsExactly("dept", "avg", "age");
        DataFrame global = df().agg(col("salary").sum()).where(col("salary").gt(lit(1.0))).sort(col("salary"));
        assertThat(global.columnNames()).containsExactly("salary");
    }
}
