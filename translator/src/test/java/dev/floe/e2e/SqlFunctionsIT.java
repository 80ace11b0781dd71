package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Window;
import dev.floe.arrow.Table;
import dev.floe.sql.functions.SqlFunctions;
import dev.floe.sql.functions.SqlLiterals;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL aggregate and window function names of {@link SqlFunctions} against DuckDB running the same
 * names on the same rows (grouped by a key with a null key and an all-null group), on the shared
 * MiniCluster at parallelism 2: checks that each SQL name maps onto the Floe function with the same
 * meaning (population vs sample, default separators, PostgreSQL's grouping bit order, ranking ties).
 * Scalar functions are checked without Flink in the sql module ({@code SqlFunctionsDuckDbTest}).
 */
class SqlFunctionsIT {
    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    private static final List<String> COLUMNS = List.of("id", "k", "v", "x", "amt", "s", "b");
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void load() {
        DUCK.execute("""
                CREATE TABLE t AS
                SELECT i::INTEGER AS id, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 4 END::INTEGER AS k,
                       CASE WHEN i % 7 = 0 OR i % 4 = 3 THEN NULL ELSE (i * 37) % 23 - 5 END::BIGINT AS v,
                       CASE WHEN i % 5 = 0 OR i % 4 = 3 THEN NULL ELSE ((i * 53) % 101) / 8.0 END::DOUBLE AS x,
                       CASE WHEN i % 6 = 0 OR i % 4 = 3 THEN NULL ELSE ((i * 71) % 997) / 100.0 END::DECIMAL(7,2) AS amt,
                       CASE WHEN i % 9 = 0 OR i % 4 = 3 THEN NULL ELSE 'w' || ((i * 13) % 17)::VARCHAR END AS s,
                       CASE WHEN i % 8 = 0 OR i % 4 = 3 THEN NULL ELSE (i * 29) % 3 <> 0 END AS b
                FROM range(0, 200) r(i)""");
        // group k = 3 has only nulls in every value column
        List<List<Object>> rows = DUCK.query("SELECT " + String.join(", ", COLUMNS) + " FROM t");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            List<Object> values = new ArrayList<>();
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(v instanceof BigDecimal d ? d.setScale(2) : v);
            }
            columns.put(COLUMNS.get(c), values);
        }
    }

    private static Expression fn(String name, boolean distinct, Expression... args) {
        return SqlFunctions.call(name, List.of(args), distinct, "1:1", null);
    }

    @Test
    void aggregatesMeanWhatTheirSqlNamesMean() {
        Map<String, Expression> aggs = new LinkedHashMap<>();
        aggs.put("count(*)", SqlFunctions.countStar());
        aggs.put("count(x)", fn("count", false, col("x")));
        aggs.put("count(DISTINCT s)", fn("count", true, col("s")));
        aggs.put("sum(v)", fn("sum", false, col("v")));
        aggs.put("sum(amt)", fn("sum", false, col("amt")));
        aggs.put("avg(amt)", fn("avg", false, col("amt")));
        aggs.put("min(s)", fn("min", false, col("s")));
        aggs.put("max(DISTINCT amt)", fn("max", true, col("amt")));
        aggs.put("stddev(x)", fn("stddev", false, col("x")));
        aggs.put("stddev_samp(v)", fn("stddev_samp", false, col("v")));
        aggs.put("stddev_pop(x)", fn("stddev_pop", false, col("x")));
        aggs.put("variance(amt)", fn("variance", false, col("amt")));
        aggs.put("var_samp(x)", fn("var_samp", false, col("x")));
        aggs.put("var_pop(v)", fn("var_pop", false, col("v")));
        aggs.put("median(x)", fn("median", false, col("x")));
        aggs.put("quantile_cont(x, 0.25)", fn("quantile_cont", false, col("x"), SqlLiterals.number("0.25")));
        aggs.put("bool_and(b)", fn("bool_and", false, col("b")));
        aggs.put("bool_or(b)", fn("bool_or", false, col("b")));
        aggs.put("count_if(b)", fn("count_if", false, col("b")));
        aggs.put("product(v)", fn("product", false, col("v")));
        aggs.put("covar_samp(x, v)", fn("covar_samp", false, col("x"), col("v")));
        aggs.put("corr(x, v)", fn("corr", false, col("x"), col("v")));
        aggs.put("skewness(x)", fn("skewness", false, col("x")));
        aggs.put("covar_pop(x, v)", fn("covar_pop", false, col("x"), col("v")));
        aggs.put("length(string_agg(s))", fn("length", false, fn("string_agg", false, col("s"))));
        aggs.put("length(string_agg(s, ' | '))", fn("length", false, fn("string_agg", false, col("s"),
                SqlLiterals.string(" | "))));
        List<Expression> named = new ArrayList<>();
        int i = 0;
        for (Expression e : aggs.values()) {
            named.add(e.alias("a" + i++));
        }
        Floe floe = SharedCluster.floe(2);
        DataFrame df = floe.fromColumns(columns).groupBy("k").agg(named.toArray(Expression[]::new));
        List<List<Object>> actual;
        try (Table t = df.toTable()) {
            actual = t.toRows();
        }
        List<List<Object>> expected = DUCK.query("SELECT k, " + String.join(", ", aggs.keySet()) + " FROM t GROUP BY k");
        Rows.assertSameRows(actual, expected);
    }

    @Test
    void windowFunctionsAndGroupingMeanWhatTheirSqlNamesMean() {
        Window w = Window.partitionBy(col("k")).orderBy(col("v").asc().nullsLast(), col("x").asc().nullsLast(),
                col("id"));
        Map<String, Expression> fns = new LinkedHashMap<>();
        fns.put("rank()", fn("rank", false));
        fns.put("dense_rank()", fn("dense_rank", false));
        fns.put("percent_rank()", fn("percent_rank", false));
        fns.put("cume_dist()", fn("cume_dist", false));
        fns.put("ntile(3)", fn("ntile", false, SqlLiterals.number("3")));
        fns.put("lag(v)", fn("lag", false, col("v")));
        fns.put("lead(v, 2, -1)", fn("lead", false, col("v"), SqlLiterals.number("2"), SqlLiterals.number("-1")));
        fns.put("first_value(v)", fn("first_value", false, col("v")));
        fns.put("sum(v)", fn("sum", false, col("v")));
        List<Expression> select = new ArrayList<>(List.of(col("k"), col("v"), col("x"), col("s"), col("amt")));
        int i = 0;
        for (Expression e : fns.values()) {
            select.add(e.over(w).alias("w" + i++));
        }
        Floe floe = SharedCluster.floe(2);
        List<List<Object>> actual;
        try (Table t = floe.fromColumns(columns).select(select.toArray(Expression[]::new)).toTable()) {
            actual = t.toRows();
        }
        String over = " OVER (PARTITION BY k ORDER BY v NULLS LAST, x NULLS LAST, id)";
        List<List<Object>> expected = DUCK.query("SELECT k, v, x, s, amt, "
                + String.join(over + ", ", fns.keySet()) + over + " FROM t");
        Rows.assertSameRows(actual, expected);

        List<List<Object>> grouping;
        try (Table t = floe.fromColumns(columns).rollup(col("k"), col("b"))
                .agg(fn("grouping", false, col("k"), col("b")).alias("g"), fn("grouping", false, col("b")).alias("gb"),
                        SqlFunctions.countStar().alias("n"))
                .toTable()) {
            grouping = t.toRows();
        }
        Rows.assertSameRows(grouping, DUCK.query(
                "SELECT k, b, grouping(k, b), grouping(b), count(*) FROM t GROUP BY ROLLUP (k, b)"));
        assertThat(grouping).anySatisfy(r -> assertThat(r.get(2)).isEqualTo(3));
    }
}
