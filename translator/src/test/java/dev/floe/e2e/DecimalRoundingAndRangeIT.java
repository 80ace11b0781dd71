package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Window;
import dev.floe.api.WindowSpec;
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
 * {@code floe.sql}: floor, ceil and round of decimals carry into a new integer digit and say so in
 * their type (DuckDB must hold its own answer in Floe's type), and RANGE frames with offsets over a
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
    void floorCeilAndRoundOfDecimalsWidenForTheCarry() {
        Floe floe = SharedCluster.floe(2);
        DataFrame df = floe.fromColumns(columns).select(col("id"), col("x").floor().alias("f"),
                col("x").ceil().alias("c"), col("x").round().alias("r0"), col("x").round(2).alias("r2"),
                col("x").round(-1).alias("rm"), col("k").round(1).alias("k1"),
                lit(new BigDecimal("-9.59")).floor().alias("lf"), lit(new BigDecimal("9.995")).round(2).alias("lr"),
                lit(new BigDecimal("9.01")).ceil().alias("lc"));
        // DuckDB computes each value and must hold it in the type Floe states
        String[] duck = {"id", "floor(x)", "ceil(x)", "round(x)", "round(x, 2)", "round(x, -1)", "round(k, 1)",
                "floor(-9.59)", "round(9.995, 2)", "ceil(9.01)"};
        StringJoiner select = new StringJoiner(", ");
        List<Field> fields = df.schema().fields();
        for (int i = 0; i < duck.length; i++) {
            select.add("CAST(" + duck[i] + " AS " + SqlTypes.sqlName(fields.get(i).type()) + ")");
        }
        Rows.assertSameRows(rows(df), DUCK.query("SELECT " + select + " FROM t"));

        String sql = "SELECT " + String.join(", ", duck) + " FROM t";
        Rows.assertSameRows(rows(floe.sql(sql, Map.of("t", floe.fromColumns(columns)))), DUCK.query(sql));
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
