package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.ExecutionException;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.Table;
import dev.floe.sql.functions.SqlTypes;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 (fuzzer findings) on the shared MiniCluster against DuckDB, through the DataFrame API and
 * {@code floe.sql}: floor, ceil and round of decimals keep the input type in the DataFrame API (API.md;
 * DuckDB's value must fit it, and a carry that does not is an error naming the expression and the value)
 * and widen for the carry in SQL as DuckDB's do, and RANGE frames with offsets over a
 * decimal order key (ascending and descending, null keys, ties, PRECEDING and FOLLOWING on both
 * sides, offsets finer than the key's scale) frame exactly the rows DuckDB frames.
 * Kernel edge cases (38 digits, 64-bit edges, overflow) are unit tests: DecimalRoundingDuckDbTest,
 * FrameBoundsDecimalTest.
 */
class DecimalRoundingAndRangeIT {
    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    private static final List<String> COLUMNS = List.of("id", "g", "k", "x", "q");
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void load() {
        DUCK.execute("""
                CREATE TABLE t AS SELECT i::INTEGER AS id, (i % 3)::INTEGER AS g,
                  CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 37) % 41 - 20) * 0.37 END::DECIMAL(7,2) AS k,
                  CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 53) % 2001 - 1000) / 200.0 END::DECIMAL(6,3) AS x,
                  ((i * 7) % 50)::BIGINT AS q
                FROM range(0, 150) r(i)""");
        List<List<Object>> rows = DUCK.query("SELECT " + String.join(", ", COLUMNS) + " FROM t");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            List<Object> values = new ArrayList<>();
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(v instanceof BigDecimal d ? d.setScale(c == 2 ? 2 : 3) : v);
            }
            columns.put(COLUMNS.get(c), values);
        }
    }

    private static List<List<Object>> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @Test
    void floorCeilAndRoundOfDecimalsKeepTheTypeInTheDataFrameApiAndWidenInSql() {
        Floe floe = SharedCluster.floe(2);
        // DuckDB's column types (fromColumns would infer decimal(4, 3) and decimal(3, 2) from the values)
        DataFrame typed = floe.fromColumns(columns).select(col("id"), col("x").cast(DataType.decimal(6, 3)).alias("x"),
                col("k").cast(DataType.decimal(7, 2)).alias("k"));
        DataFrame df = typed.select(col("id"), col("x").floor().alias("f"),
                col("x").ceil().alias("c"), col("x").round().alias("r0"), col("x").round(2).alias("r2"),
                col("x").round(-1).alias("rm"), col("k").round(1).alias("k1"),
                lit(new BigDecimal("-8.59")).floor().alias("lf"), lit(new BigDecimal("9.985")).round(2).alias("lr"),
                lit(new BigDecimal("8.01")).ceil().alias("lc"));
        // API.md: the input type; DuckDB computes each value, which must fit it
        String[] duck = {"id", "floor(x)", "ceil(x)", "round(x)", "round(x, 2)", "round(x, -1)", "round(k, 1)",
                "floor(-8.59)", "round(9.985, 2)", "ceil(8.01)"};
        List<Field> fields = df.schema().fields();
        DataType[] types = {fields.get(0).type(), DataType.decimal(6, 3), DataType.decimal(6, 3), DataType.decimal(6, 3),
            DataType.decimal(6, 3), DataType.decimal(6, 3), DataType.decimal(7, 2), DataType.decimal(3, 2),
            DataType.decimal(4, 3), DataType.decimal(3, 2)};
        StringJoiner select = new StringJoiner(", ");
        for (int i = 0; i < duck.length; i++) {
            assertThat(fields.get(i).type()).as(fields.get(i).name()).isEqualTo(types[i]);
            select.add("CAST(" + duck[i] + " AS " + SqlTypes.sqlName(types[i]) + ")");
        }
        Rows.assertSameRows(rows(df), DUCK.query("SELECT " + select + " FROM t"));

        // SQL widens for the carry as DuckDB does: floor(-9.59) is -10 there
        String[] carries = {"floor(x)", "ceil(x)", "round(x, 2)", "round(k, 1)", "floor(-9.59)", "round(9.995, 2)",
            "ceil(9.01)", "round(CAST(95 AS DECIMAL(2,0)), -1)"};
        String sql = "SELECT id, " + String.join(", ", carries) + " FROM t";
        Rows.assertSameRows(rows(floe.sql(sql, Map.of("t", floe.fromColumns(columns)))), DUCK.query(sql));
    }

    @Test
    void aCarryThatDoesNotFitTheInputDecimalIsAnErrorNamingExpressionAndValue() {
        Floe floe = SharedCluster.floe(2);
        DataFrame one = floe.fromColumns(columns).limit(3);
        assertThatThrownBy(() -> rows(one.select(lit(new BigDecimal("-9.59")).floor())))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("decimal overflow in floor(-9.59) at row ")
                .hasMessageContaining("-10.00 does not fit decimal(3, 2); cast to a wider decimal first");
        assertThatThrownBy(() -> rows(one.select(lit(new BigDecimal("9.995")).round(2))))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("decimal overflow in round(9.995, 2) at row ")
                .hasMessageContaining("10.000 does not fit decimal(4, 3)");
        // a column: x is decimal(6, 3) in [-5, 5] (4.805 at id 37), so x + 4.5 as decimal(4, 3) has 9.305, whose ceil carries
        DataFrame carry = floe.fromColumns(columns)
                .select(col("x").add(lit(new BigDecimal("4.5"))).cast(DataType.decimal(4, 3)).ceil().alias("c"));
        assertThatThrownBy(() -> rows(carry))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("decimal overflow in ceil(")
                .hasMessageContaining("10.000 does not fit decimal(4, 3)");
    }

    @Test
    void rangeFramesWithOffsetsOverADecimalKeyFrameWhatDuckDbFrames() {
        Floe floe = SharedCluster.floe(2);
        WindowSpec byK = Window.partitionBy("g").orderBy(col("k"));
        WindowSpec byKDesc = Window.orderBy(col("k").desc());
        WindowSpec byX = Window.orderBy(col("x"));
        DataFrame df = floe.fromColumns(columns).select(col("id"),
                col("q").sum().over(byK.rangeBetween(new BigDecimal("-0.74"), new BigDecimal("0.37"))).alias("a"),
                count().over(byKDesc.rangeBetween(-1, new BigDecimal("0.005"))).alias("b"),
                col("q").sum().over(byK.rangeBetween(new BigDecimal("0.5"), Window.UNBOUNDED_FOLLOWING)).alias("c"),
                count().over(byKDesc.rangeBetween(Window.UNBOUNDED_PRECEDING, new BigDecimal("-1.11"))).alias("d"),
                col("x").min().over(byX.rangeBetween(-0.1, 0.1)).alias("e"),
                count().over(byX.rangeBetween(new BigDecimal("-1.0005"), new BigDecimal("-0.25"))).alias("h"),
                col("q").max().over(byKDesc.rangeBetween(new BigDecimal("0.37"), new BigDecimal("2.22"))).alias("m"));
        String sql = "SELECT id,"
                + " sum(q) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 0.74 PRECEDING AND 0.37 FOLLOWING),"
                + " count(*) OVER (ORDER BY k DESC NULLS FIRST RANGE BETWEEN 1 PRECEDING AND 0.005 FOLLOWING),"
                + " sum(q) OVER (PARTITION BY g ORDER BY k RANGE BETWEEN 0.5 FOLLOWING AND UNBOUNDED FOLLOWING),"
                + " count(*) OVER (ORDER BY k DESC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1.11 PRECEDING),"
                + " min(x) OVER (ORDER BY x RANGE BETWEEN 0.1 PRECEDING AND 0.1 FOLLOWING),"
                + " count(*) OVER (ORDER BY x RANGE BETWEEN 1.0005 PRECEDING AND 0.25 PRECEDING),"
                + " max(q) OVER (ORDER BY k DESC NULLS FIRST RANGE BETWEEN 0.37 FOLLOWING AND 2.22 FOLLOWING)"
                + " FROM t";
        List<List<Object>> expected = DUCK.query(sql);
        Rows.assertSameRows(rows(df), expected);
        Rows.assertSameRows(rows(floe.sql(sql, Map.of("t", floe.fromColumns(columns)))), expected);
    }
}
