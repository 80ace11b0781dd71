package dev.floe.api;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad names and types fail when the DataFrame is built, with a PlanException that says what was
 * wrong, lists what is available and suggests a fix. Nothing here executes.
 */
class PlanErrorsTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("price", DataType.float64()), Field.of("quantity", DataType.int32()),
            Field.of("name", DataType.string()), Field.of("ship_date", DataType.date()));

    private static DataFrame df() {
        return PlanOnly.frame(SCHEMA);
    }

    private static Arguments unknown(String what, Function<DataFrame, DataFrame> build, String name,
            String suggestion) {
        return Arguments.of(what, build, name, suggestion);
    }

    static Stream<Arguments> unknownColumns() {
        return Stream.of(
                unknown("select(col)", d -> d.select(col("pirce")), "pirce", "price"),
                unknown("select(String)", d -> d.select("quantty"), "quantty", "quantity"),
                unknown("select(expression)", d -> d.select(col("nmae").add(lit(1))), "nmae", "name"),
                unknown("where", d -> d.where(col("ship_dat").gt(lit("2020-01-01"))), "ship_dat", "ship_date"),
                unknown("withColumn", d -> d.withColumn("total", col("price").mul(col("qty"))), "qty", null),
                unknown("withColumnRenamed", d -> d.withColumnRenamed("Name", "n"), "Name", "name"),
                unknown("exclude", d -> d.exclude("price", "quantities"), "quantities", "quantity"),
                unknown("after a rename", d -> d.withColumnRenamed("price", "prices").select("price"), "price", "prices"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownColumns")
    void unknownColumnNamesItListsTheColumnsAndSuggestsTheClosest(String what, Function<DataFrame, DataFrame> build,
            String name, String suggestion) {
        DataFrame input = df();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> build.apply(input));
        assertThat(thrown).as(what).isInstanceOf(PlanException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("not found");
        List<String> available = what.equals("after a rename") ? List.of("prices", "quantity", "name", "ship_date")
                : SCHEMA.names();
        assertThat(thrown.getMessage()).as(what).contains(String.join(", ", available));
        if (suggestion != null) {
            assertThat(thrown.getMessage()).as(what).contains("Did you mean '" + suggestion + "'?");
        } else {
            assertThat(thrown.getMessage()).as(what).doesNotContain("Did you mean");
        }
    }

    static Stream<Arguments> typeMismatches() {
        return Stream.of(
                Arguments.of("string + int", (Function<DataFrame, DataFrame>) d -> d.select(col("name").add(lit(1))),
                        List.of("name", "string", "int32")),
                Arguments.of("date * float", (Function<DataFrame, DataFrame>) d -> d.select(
                        col("ship_date").mul(col("price"))), List.of("ship_date", "date", "float64")),
                Arguments.of("non-boolean where", (Function<DataFrame, DataFrame>) d -> d.where(col("price")),
                        List.of("price", "float64", "boolean")),
                Arguments.of("arithmetic where", (Function<DataFrame, DataFrame>) d -> d.where(
                        col("quantity").add(lit(1))), List.of("quantity", "int32", "boolean")),
                Arguments.of("and of a number", (Function<DataFrame, DataFrame>) d -> d.where(
                        col("price").gt(lit(1.0)).and(col("quantity"))), List.of("quantity", "int32", "boolean")),
                Arguments.of("string compared with int", (Function<DataFrame, DataFrame>) d -> d.where(
                        col("name").eq(lit(3))), List.of("name", "string", "int32")),
                Arguments.of("sqrt of a string", (Function<DataFrame, DataFrame>) d -> d.select(col("name").sqrt()),
                        List.of("name", "string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeMismatches")
    void typeMismatchNamesTheExpressionAndBothTypes(String what, Function<DataFrame, DataFrame> build,
            List<String> mentioned) {
        DataFrame input = df();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> build.apply(input));
        assertThat(thrown).as(what).isInstanceOf(PlanException.class);
        for (String m : mentioned) {
            assertThat(thrown.getMessage()).as(what).contains(m);
        }
    }

    @Test
    void sumOfBooleanCountsTrueAsInt64AndUntypedAggregatesNameTheColumn() {
        Schema flags = Schema.of(Field.of("k", DataType.string()), Field.of("flag", DataType.bool()),
                Field.of("nothing", DataType.nullType()));
        DataFrame d = PlanOnly.frame(flags);
        assertThat(d.groupBy("k").agg(col("flag").sum()).schema().toString()).contains("flag: int64");
        assertThatThrownBy(() -> d.groupBy("k").agg(col("flag").mean()))
                .isInstanceOf(PlanException.class).hasMessageContaining("flag").hasMessageContaining("bool");
        assertThatThrownBy(() -> d.agg(col("nothing").sum()))
                .isInstanceOf(PlanException.class).hasMessageContaining("nothing").hasMessageContaining("cast");
    }

    @Test
    void duplicateOutputNamesSuggestAlias() {
        assertThatThrownBy(() -> df().select(col("price"), col("price").mul(lit(2))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("'price'")
                .hasMessageContaining("alias");
        assertThatThrownBy(() -> df().select(col("quantity"), col("price").alias("quantity")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("'quantity'")
                .hasMessageContaining("alias");
        assertThatThrownBy(() -> df().withColumnRenamed("price", "name"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("'name'");
    }

    @Test
    void validPlansBuildWithoutRunning() {
        DataFrame ok = df().where(col("price").gt(lit(1.0)))
                .select(col("name"), col("price").mul(col("quantity")).alias("total"))
                .withColumnRenamed("name", "item")
                .exclude("total");
        assertThat(ok.columnNames()).containsExactly("item");
    }
}
