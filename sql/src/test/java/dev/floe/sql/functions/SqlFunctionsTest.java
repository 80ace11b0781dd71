package dev.floe.sql.functions;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, kinds, arities, errors and result types of the SQL function registry (plan level, no data). */
class SqlFunctionsTest {
    private static final Schema S = Schema.of(new Field("i", DataType.int32()), new Field("d", DataType.decimal(7, 2)),
            new Field("x", DataType.float64()), new Field("s", DataType.string()), new Field("dt", DataType.date()),
            new Field("b", DataType.bool()));

    private static DataType type(String name, boolean distinct, Expression... args) {
        return SqlFunctions.call(name, List.of(args), distinct, "1:8", S).node().type(S);
    }

    @Test
    void namesAreCaseInsensitiveAndKindsAreKnown() {
        assertThat(SqlFunctions.isAggregate("SUM")).isTrue();
        assertThat(SqlFunctions.isAggregate("Count")).isTrue();
        assertThat(SqlFunctions.isAggregate("grouping")).isTrue();
        assertThat(SqlFunctions.isAggregate("rank")).isFalse();
        assertThat(SqlFunctions.isWindowFunction("RANK")).isTrue();
        assertThat(SqlFunctions.isWindowFunction("lag")).isTrue();
        assertThat(SqlFunctions.isWindowFunction("sum")).isFalse();
        assertThat(SqlFunctions.exists("SubString")).isTrue();
        assertThat(SqlFunctions.exists("nosuch")).isFalse();
        assertThat(SqlFunctions.names()).contains("stddev_samp", "coalesce", "date_part", "row_number");
    }

    @Test
    void anUnknownFunctionSuggestsTheClosestNames() {
        assertThatThrownBy(() -> SqlFunctions.call("flor", List.of(col("x")), false, "3:14", S))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("Unknown function 'flor' at 3:14; did you mean 'floor'");
        assertThatThrownBy(() -> SqlFunctions.call("stdev_samp", List.of(col("x")), false, "1:1", S))
                .hasMessageStartingWith("Unknown function 'stdev_samp' at 1:1; did you mean 'stddev_samp'");
        assertThatThrownBy(() -> SqlFunctions.call("zzzzzzzzzzzz", List.of(), false, "1:1", S))
                .hasMessageStartingWith("Unknown function 'zzzzzzzzzzzz' at 1:1; SqlFunctions.names() lists");
    }

    @Test
    void wrongArityOrTypesNameTheFunctionAndPosition() {
        assertThatThrownBy(() -> SqlFunctions.call("substr", List.of(col("s")), false, "2:5", S))
                .hasMessageStartingWith("Function 'substr' at 2:5 takes 2 to 3 arguments, got 1");
        assertThatThrownBy(() -> SqlFunctions.call("rank", List.of(col("i")), false, "2:5", S))
                .hasMessageStartingWith("Function 'rank' at 2:5 takes 0 arguments, got 1");
        assertThatThrownBy(() -> SqlFunctions.call("upper", List.of(col("i")), false, "2:5", S))
                .hasMessageStartingWith("Function 'upper' at 2:5 needs a string as argument 1, got INTEGER");
        assertThatThrownBy(() -> SqlFunctions.call("abs", List.of(col("s")), false, "2:5", S))
                .hasMessageStartingWith("Function 'abs' at 2:5 needs a number as argument 1, got VARCHAR");
        assertThatThrownBy(() -> SqlFunctions.call("year", List.of(col("i")), false, "2:5", S))
                .hasMessageStartingWith("Function 'year' at 2:5 needs a date or timestamp");
        assertThatThrownBy(() -> SqlFunctions.call("sum", List.of(col("s")), false, "2:5", S))
                .hasMessageStartingWith("Function 'sum' at 2:5 does not accept these arguments");
        assertThatThrownBy(() -> SqlFunctions.call("substr", List.of(col("s"), col("i")), false, "2:5", S))
                .hasMessageStartingWith("Function 'substr' at 2:5 the start position (argument 2) must be a constant");
        assertThatThrownBy(() -> SqlFunctions.call("upper", List.of(col("s")), true, "2:5", S))
                .hasMessageStartingWith("Function 'upper' at 2:5 is not an aggregate function, so DISTINCT");
        assertThatThrownBy(() -> SqlFunctions.call("stddev", List.of(col("i")), true, "2:5", S))
                .hasMessageStartingWith("Function 'stddev' at 2:5 with DISTINCT is not supported yet");
        assertThatThrownBy(() -> SqlFunctions.call("ntile", List.of(SqlLiterals.number("0")), false, "2:5", S))
                .hasMessageStartingWith("Function 'ntile' at 2:5 needs a number of buckets of at least 1");
        assertThatThrownBy(() -> SqlFunctions.call("date_part", List.of(SqlLiterals.string("fortnight"), col("dt")),
                false, "2:5", S)).hasMessageStartingWith("Function 'date_part' at 2:5 does not know the date part 'fortnight'");
    }

    @Test
    void aggregateResultTypes() {
        assertThat(SqlFunctions.call("count", List.of(), false, "1:1", S).toString()).isEqualTo("count(*)");
        assertThat(type("count", false)).isEqualTo(DataType.int64());
        assertThat(type("count", true, col("s"))).isEqualTo(DataType.int64());
        assertThat(SqlFunctions.call("count", List.of(col("s")), true, "1:1", S).toString()).contains("count_distinct");
        assertThat(type("sum", false, col("d"))).isEqualTo(DataType.decimal(38, 2));
        assertThat(type("sum", false, col("i"))).isEqualTo(DataType.int64());
        // sum and avg over DISTINCT values type like the plain ones
        assertThat(type("sum", true, col("d"))).isEqualTo(DataType.decimal(38, 2));
        assertThat(type("sum", true, col("i"))).isEqualTo(DataType.int64());
        assertThat(type("avg", true, col("i"))).isEqualTo(DataType.float64());
        assertThat(type("avg", false, col("d"))).isEqualTo(DataType.float64());
        assertThat(type("min", true, col("s"))).isEqualTo(DataType.string());
        assertThat(type("max", false, col("dt"))).isEqualTo(DataType.date());
        for (String f : List.of("stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "median")) {
            assertThat(type(f, false, col("d"))).as(f).isEqualTo(DataType.float64());
        }
        assertThat(type("string_agg", false, col("s"), SqlLiterals.string(", "))).isEqualTo(DataType.string());
        assertThat(type("bool_and", false, col("b"))).isEqualTo(DataType.bool());
        assertThat(type("approx_count_distinct", false, col("s"))).isEqualTo(DataType.int64());
        assertThat(type("first", false, col("s"))).isEqualTo(DataType.string());
        assertThat(type("corr", false, col("x"), col("i"))).isEqualTo(DataType.float64());
        assertThat(type("quantile_cont", false, col("x"), SqlLiterals.number("0.5"))).isEqualTo(DataType.float64());
        assertThat(SqlFunctions.call("grouping", List.of(col("i"), col("s")), false, "1:1", null).toString())
                .isEqualTo("grouping(i) * 2 + grouping(s)");
    }

    /**
     * sum(sum(x)) OVER (...) and grouping(k) are typed where the binder places them (after the
     * aggregation, after ROLLUP), not against the input schema (TPC-DS 12, 18, 36, 47, 86 failed before).
     */
    @Test
    void aggregatesOfAggregatesAndGroupingAreLeftToTheBinder() {
        Expression inner = SqlFunctions.call("sum", List.of(col("d")), false, "1:1", S);
        assertThat(SqlFunctions.call("sum", List.of(inner), false, "1:1", S).toString()).isEqualTo("sum(sum(d))");
        assertThat(SqlFunctions.call("avg", List.of(inner), false, "1:1", S).toString()).isEqualTo("mean(sum(d))");
        Expression g = SqlFunctions.call("grouping", List.of(col("s")), false, "1:1", S);
        assertThat(SqlArithmetic.binary("+", g, SqlFunctions.call("grouping", List.of(col("i")), false, "1:1", S),
                "1:1", S).toString()).isEqualTo("grouping(s) + grouping(i)");
        assertThat(SqlArithmetic.binary("=", g, SqlLiterals.number("0"), "1:1", S).toString()).isEqualTo("grouping(s) = 0");
        assertThat(SqlFunctions.call("coalesce", List.of(g, SqlLiterals.number("0")), false, "1:1", S)).isNotNull();
    }

    @Test
    void windowFunctionsAreFloesWindowFunctions() {
        assertThat(SqlFunctions.call("row_number", List.of(), false, "1:1", null).toString()).isEqualTo("row_number()");
        assertThat(SqlFunctions.call("ntile", List.of(SqlLiterals.number("4")), false, "1:1", null).toString())
                .isEqualTo("ntile(4)");
        assertThat(SqlFunctions.call("lag", List.of(col("i"), SqlLiterals.number("2"), SqlLiterals.number("0")),
                false, "1:1", null).toString()).contains("lag(i");
        assertThat(SqlFunctions.call("lead", List.of(col("i")), false, "1:1", null).toString()).contains("lead(i");
        assertThat(SqlFunctions.call("nth_value", List.of(col("i"), SqlLiterals.number("2")), false, "1:1", null)
                .toString()).contains("nth_value(i");
    }

    @Test
    void randAndIdsUnderSparkAndDuckDbNames() {
        assertThat(SqlFunctions.call("rand", List.of(SqlLiterals.number("42")), false, "1:1", S).node().display())
                .isEqualTo("rand(42)");
        assertThat(SqlFunctions.call("RANDOM", List.of(), false, "1:1", S).node().display()).startsWith("rand(");
        assertThat(SqlFunctions.call("randn", List.of(SqlLiterals.number("7")), false, "1:1", S).node().display())
                .isEqualTo("randn(7)");
        assertThat(type("random", false)).isEqualTo(DataType.float64());
        assertThat(type("monotonically_increasing_id", false)).isEqualTo(DataType.int64());
        assertThatThrownBy(() -> SqlFunctions.call("rand", List.of(col("i")), false, "2:5", S))
                .hasMessageStartingWith("Function 'rand' at 2:5 the seed (argument 1) must be a constant whole number");
    }
}
