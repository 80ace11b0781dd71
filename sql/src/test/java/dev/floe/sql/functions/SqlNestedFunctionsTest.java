package dev.floe.sql.functions;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Result types and plan-time errors of the list and map SQL names (values: SqlListAndMapFunctionsIT
 * against DuckDB).
 */
class SqlNestedFunctionsTest {
    private static final Schema S = Schema.of(new Field("xs", DataType.list(DataType.int64())),
            new Field("m", DataType.map(DataType.string(), DataType.float64())), new Field("i", DataType.int32()));

    private static Expression call(String name, Expression... args) {
        return SqlFunctions.call(name, List.of(args), false, "1:8", S);
    }

    private static Expression number(String n) {
        return SqlLiterals.number(n);
    }

    @Test
    void listAndMapFunctionsTypeByTheirArgument() {
        assertThat(call("len", col("xs")).node().type(S)).isEqualTo(DataType.int64());
        assertThat(call("element_at", col("xs"), number("1")).node().type(S)).isEqualTo(DataType.int64());
        assertThat(call("element_at", col("m"), SqlLiterals.string("k")).node().type(S)).isEqualTo(DataType.float64());
        assertThat(call("cardinality", col("m")).node().type(S)).isEqualTo(DataType.int64());
        assertThat(call("map_keys", col("m")).node().type(S)).isEqualTo(DataType.list(DataType.string()));
        assertThat(call("list_avg", col("xs")).node().type(S)).isEqualTo(DataType.float64());
    }

    @Test
    void misusesNameTheFunctionAndSayWhatItTakes() {
        assertThatThrownBy(() -> call("list_contains", col("i"), number("1")))
                .hasMessageStartingWith("Function 'list_contains' at 1:8 needs a list as argument 1, got INTEGER");
        assertThatThrownBy(() -> call("map_keys", col("xs")))
                .hasMessageContaining("needs a map as argument 1").hasMessageContaining("map(keys, values)");
        assertThatThrownBy(() -> call("list_sort", col("xs"), SqlLiterals.string("ASC"),
                SqlLiterals.string("NULLS FIRST"))).hasMessageContaining("sorts nulls last only");
        assertThatThrownBy(() -> call("slice", col("xs"), number("0"), number("2")))
                .hasMessageContaining("counts positions from 1");
        assertThatThrownBy(() -> call("list_extract", col("xs"), col("i")))
                .hasMessageContaining("the index (argument 2) must be a constant whole number");
        assertThatThrownBy(() -> call("unnest", col("xs"))).hasMessageContaining("whole item of the SELECT list");
    }
}
