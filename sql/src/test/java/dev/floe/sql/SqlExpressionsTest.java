package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.Expression;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import org.junit.jupiter.api.Test;

/** {@code Functions.sqlExpr}: expressions over columns it cannot type yet, typed by the DataFrame that uses them. */
class SqlExpressionsTest {
    private static final Schema INPUT = Schema.of(Field.of("s", DataType.string()), Field.of("k", DataType.int64()),
            Field.of("j", DataType.int64()));

    private static DataType typeOf(String sql) {
        Expression e = new SqlExpressions().parse(sql);
        return e.node().type(INPUT);
    }

    @Test
    void functionsAndArithmeticOverUntypedColumnsAreTypedByTheirInput() {
        assertThat(typeOf("upper(s) AS u")).isEqualTo(DataType.string());
        assertThat(typeOf("k * 2 + j AS kj")).isEqualTo(DataType.int64());
        assertThat(typeOf("length(s)")).isEqualTo(DataType.int64());
        assertThat(typeOf("s LIKE '%e%' OR k BETWEEN 1 AND 2")).isEqualTo(DataType.bool());
        assertThat(typeOf("k IN (1, 2) AND j NOT IN (3)")).isEqualTo(DataType.bool());
        assertThat(typeOf("CASE WHEN k > 30 THEN 'old' ELSE 'young' END AS y")).isEqualTo(DataType.string());
    }

    @Test
    void theAliasNamesTheColumn() {
        assertThat(new SqlExpressions().parse("k * 2 + j AS kj").node().name()).isEqualTo("kj");
    }
}
