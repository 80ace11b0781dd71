package dev.floe.e2e;

import static dev.floe.api.Functions.coalesce;
import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.ifElse;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spine end to end on the shared MiniCluster: in-memory data with nulls in every column,
 * filters, projections, kernels and limits, at parallelism 1 and 4, compared row by row with
 * DuckDB running the equivalent SQL over the same data.
 */
class SpineEndToEndIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        columns = TestData.create(duck);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return t.toRows();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void filterProjectMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns)
                    .where(col("price").gt(lit(500)).and(col("status").eq(lit("F"))))
                    .withColumn("price_k", col("price").div(lit(1000)))
                    .select(col("id"), col("price_k"), col("odate"), col("amount"));
            Rows.assertSameRows(run(df), duck.query(
                    "SELECT id, price / 1000 AS price_k, odate, amount FROM t WHERE price > 500 AND status = 'F'"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void kernelsMatchDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns).select(
                    col("id"),
                    col("qty").mul(2).add(1).alias("a"),
                    col("qty").mod(7).alias("m"),
                    col("qty").abs().alias("ab"),
                    col("price").round(1).alias("r"),
                    col("price").floor().alias("fl"),
                    col("price").ceil().alias("ce"),
                    col("price").sqrt().alias("sq"),
                    col("qty").fillNull(0).alias("fq"),
                    col("status").isNull().alias("sn"),
                    col("qty").between(-100, 100).alias("bt"),
                    col("status").isIn("F", "O").alias("isin"),
                    ifElse(col("flag"), col("qty"), col("qty").neg()).alias("ie"),
                    when(col("qty").gt(0)).then(lit("pos")).when(col("qty").lt(0)).then(lit("neg"))
                            .otherwise(lit("zero")).alias("sign_word"),
                    col("qty").cast(DataType.float64()).alias("qf"),
                    col("odate").cast(DataType.string()).alias("ds"),
                    col("amount").add(col("amount")).alias("am2"),
                    col("qty").add(col("id")).alias("wide"),
                    coalesce(col("qty"), lit(-1)).alias("co"));
            Rows.assertSameRows(run(df), duck.query("""
                    SELECT id, qty * 2 + 1, qty % 7, abs(qty), round(price, 1), floor(price), ceil(price), sqrt(price),
                           coalesce(qty, 0), status IS NULL, qty BETWEEN -100 AND 100, status IN ('F', 'O'),
                           CASE WHEN flag THEN qty ELSE -qty END,
                           CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' ELSE 'zero' END,
                           qty::DOUBLE, odate::VARCHAR, amount + amount, qty + id, coalesce(qty, -1)
                    FROM t"""));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void kleeneLogicInFiltersMatchesDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame df = floe.fromColumns(columns)
                    .where(col("flag").or(col("qty").gt(400)).and(col("odate").lt(lit(LocalDate.of(1995, 1, 1))).not()))
                    .select("id", "flag", "qty", "odate");
            Rows.assertSameRows(run(df), duck.query(
                    "SELECT id, flag, qty, odate FROM t WHERE (flag OR qty > 400) AND NOT (odate < DATE '1995-01-01')"));
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void limitReturnsExactlyNRowsOfTheFilteredInput(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame filtered = floe.fromColumns(columns).where(col("status").eq(lit("O"))).select("id", "status");
            List<List<Object>> limited = run(filtered.limit(25));
            assertThat(limited).hasSize(25);
            List<List<Object>> all = Rows.normalizeAll(
                    duck.query("SELECT id, status FROM t WHERE status = 'O'"));
            assertThat(Rows.normalizeAll(limited)).allSatisfy(row -> assertThat(all).contains(row));
            assertThat(run(filtered.limit(0))).isEmpty();
        }
    }

    @Test
    void countRowsAndCollectMatchDuckDb() {
        try (Floe floe = SharedCluster.floe(4)) {
            DataFrame df = floe.fromColumns(columns).where(col("qty").ge(0));
            long expected = (Long) duck.query("SELECT count(*) FROM t WHERE qty >= 0").get(0).get(0);
            assertThat(df.countRows()).isEqualTo(expected);
            DataFrame collected = df.collect();
            assertThat(collected.countRows()).isEqualTo(expected);
            Rows.assertSameRows(run(collected.select("id", "qty")), duck.query("SELECT id, qty FROM t WHERE qty >= 0"));
        }
    }

    @Test
    void wrongColumnNameFailsWhereTheDataFrameIsBuiltWithASuggestion() {
        try (Floe floe = SharedCluster.floe(1)) {
            DataFrame df = floe.fromColumns(columns);
            assertThatThrownBy(() -> df.where(col("prise").gt(lit(1))))
                    .isInstanceOf(PlanException.class)
                    .hasMessageContaining("Column 'prise' not found")
                    .hasMessageContaining("Did you mean 'price'?")
                    .hasMessageContaining("id, price, status")
                    .hasMessageContaining("(at SpineEndToEndIT.java:")
                    .satisfies(e -> assertThat(e.getStackTrace()).anySatisfy(frame -> {
                        assertThat(frame.getClassName()).isEqualTo(SpineEndToEndIT.class.getName());
                        assertThat(frame.getMethodName()).contains("wrongColumnName");
                    }));
        }
    }

    @Test
    void explainShowsAllThreePlans() {
        try (Floe floe = SharedCluster.floe(4)) {
            String text = floe.fromColumns(columns)
                    .where(col("price").gt(lit(500)))
                    .select(col("id"), col("price"))
                    .limit(5)
                    .explain(true);
            assertThat(text).contains("== Unoptimized Logical Plan ==", "== Optimized Logical Plan ==",
                    "== Physical Plan ==", "Exchange: gather", "Filter: price > 500");
        }
    }
}
