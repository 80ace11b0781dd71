package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.correlation;
import static dev.floe.api.Functions.covariance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second wave's aggregations (issue 13 item 5) against DuckDB at parallelism 1 and 4: every
 * function grouped by a skewed key (half the rows in one group, a null key, a group whose values
 * are all null), globally, and over empty input. Exact functions compare equal (floats within a
 * relative 1e-9, skewness and kurtosis 1e-7: DuckDB sums powers, Floe updates central moments);
 * first/last must be one of the group's values; sketches must be within their documented error of
 * DuckDB's exact answer; lists and joined strings compare sorted.
 */
class MoreAggregationsIT {
    private static final int ROWS = 6000;

    private static final String CREATE = """
            CREATE OR REPLACE TABLE m AS
            WITH base AS (SELECT i, (i * 2654435761) % 1000003 AS h,
                                 CASE WHEN i % 2 = 1 AND (i * 7919) % 41 = 7 THEN true ELSE false END AS dead
                          FROM range(0, ROWS) r(i))
            SELECT
              CASE WHEN i % 53 = 0 THEN NULL WHEN dead THEN 999 WHEN i % 2 = 0 THEN 0
                   ELSE (i * 7919) % 41 END::BIGINT AS k,
              CASE WHEN dead OR i % 13 = 0 THEN NULL ELSE (h % 1000) / 8.0 - 60 END::DOUBLE AS x,
              CASE WHEN dead OR i % 17 = 0 THEN NULL ELSE ((h * 31) % 997) / 16.0 - (h % 1000) / 20.0 END::DOUBLE AS y,
              CASE WHEN dead OR i % 19 = 0 THEN NULL ELSE (h % 5000) - 2000 END::BIGINT AS v,
              CASE WHEN dead OR i % 23 = 0 THEN NULL ELSE ((h % 20000) - 7000) / 100.0 END::DECIMAL(12,2) AS amt,
              CASE WHEN dead OR i % 29 = 0 THEN NULL ELSE 0.9 + (h % 200) / 1000.0 END::DOUBLE AS f,
              CASE WHEN dead OR i % 11 = 0 THEN NULL ELSE (h % 7) <> 0 END AS b,
              CASE WHEN dead OR i % 31 = 0 THEN NULL WHEN h % 97 = 0 THEN ''
                   ELSE 'w' || (h % 300)::VARCHAR END AS s
            FROM base
            """.replace("ROWS", Integer.toString(ROWS));

    private static final List<String> COLUMNS = List.of("k", "x", "y", "v", "amt", "f", "b", "s");

    private static DuckOracle duck;
    private static Map<String, List<?>> columns;

    @BeforeAll
    static void setUp() {
        duck = new DuckOracle();
        duck.execute(CREATE);
        List<List<Object>> rows = duck.query("SELECT " + String.join(", ", COLUMNS) + " FROM m");
        columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(v instanceof BigDecimal d ? d.setScale(2) : v);
            }
            columns.put(COLUMNS.get(c), values);
        }
        // the shapes the test relies on: a group of only nulls, a null key, one group with half the rows
        assertThat(duck.query("SELECT count(*), count(x), count(s) FROM m WHERE k = 999").get(0))
                .satisfies(r -> {
                    assertThat((Long) r.get(0)).isGreaterThan(10);
                    assertThat(r.subList(1, 3)).isEqualTo(List.of(0L, 0L));
                });
        assertThat((Long) duck.query("SELECT count(*) FROM m WHERE k IS NULL").get(0).get(0)).isPositive();
        assertThat((Long) duck.query("SELECT count(*) FROM m WHERE k = 0").get(0).get(0)).isGreaterThan(ROWS / 3);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    /** How a result is compared with DuckDB's. */
    private enum Check { EXACT, LOOSE, MEMBER, COUNT_2PCT, RANK, SORTED, SPLIT }

    /** One aggregation in Floe and what DuckDB computes to check it ({@code p} for RANK). */
    private record Agg(Expression floe, String sql, Check check, double p) {
        static Agg of(Expression floe, String sql, Check check) {
            return new Agg(floe, sql, check, 0);
        }
    }

    private static List<Agg> aggregations() {
        List<Agg> out = new ArrayList<>();
        out.add(Agg.of(col("x").first().alias("first_x"), "list(x)", Check.MEMBER));
        out.add(Agg.of(col("s").last().alias("last_s"), "list(s)", Check.MEMBER));
        out.add(Agg.of(col("x").first(true).alias("first_nn_x"), "list(x) FILTER (WHERE x IS NOT NULL)", Check.MEMBER));
        out.add(Agg.of(col("amt").last(true).alias("last_nn_amt"), "list(amt) FILTER (WHERE amt IS NOT NULL)",
                Check.MEMBER));
        out.add(Agg.of(col("x").median().alias("med_x"), "median(x)", Check.EXACT));
        out.add(Agg.of(col("v").median().alias("med_v"), "median(v)::DOUBLE", Check.EXACT));
        out.add(Agg.of(col("amt").median().alias("med_amt"), "median(amt::DOUBLE)", Check.EXACT));
        out.add(Agg.of(col("x").percentile(0.9).alias("p90_x"), "quantile_cont(x, 0.9)", Check.EXACT));
        out.add(Agg.of(col("v").percentile(0.0, 0.25, 1.0).alias("ps_v"), "quantile_cont(v, [0.0, 0.25, 1.0])",
                Check.EXACT));
        out.add(Agg.of(col("s").approxCountDistinct().alias("acd_s"), "count(DISTINCT s)", Check.COUNT_2PCT));
        out.add(Agg.of(col("v").approxCountDistinct().alias("acd_v"), "count(DISTINCT v)", Check.COUNT_2PCT));
        out.add(new Agg(col("x").approxPercentile(0.5).alias("ap_x"),
                "list_sort(list(x) FILTER (WHERE x IS NOT NULL))", Check.RANK, 0.5));
        out.add(new Agg(col("v").approxPercentile(0.95).alias("ap_v"),
                "list_sort(list(v::DOUBLE) FILTER (WHERE v IS NOT NULL))", Check.RANK, 0.95));
        out.add(Agg.of(col("b").boolAnd().alias("all_b"), "bool_and(b)", Check.EXACT));
        out.add(Agg.of(col("b").boolOr().alias("any_b"), "bool_or(b)", Check.EXACT));
        out.add(Agg.of(col("b").countIf().alias("n_b"), "coalesce(count_if(b), 0)", Check.EXACT));
        out.add(Agg.of(col("x").gt(0).countIf().alias("n_pos"), "coalesce(count_if(x > 0), 0)", Check.EXACT));
        out.add(Agg.of(col("s").aggSet().alias("set_s"),
                "coalesce(list_sort(list(DISTINCT s) FILTER (WHERE s IS NOT NULL)), [])", Check.SORTED));
        out.add(Agg.of(col("v").aggSet().alias("set_v"),
                "coalesce(list_sort(list(DISTINCT v) FILTER (WHERE v IS NOT NULL)), [])", Check.SORTED));
        out.add(Agg.of(col("s").stringAgg(";").alias("str_s"), "list_sort(list(s) FILTER (WHERE s IS NOT NULL))",
                Check.SPLIT));
        out.add(Agg.of(col("f").product().alias("prod_f"), "product(f)", Check.EXACT));
        out.add(Agg.of(col("x").skew().alias("skew_x"), "skewness(x)", Check.LOOSE));
        out.add(Agg.of(col("v").kurtosis().alias("kurt_v"), "kurtosis(v)", Check.LOOSE));
        out.add(Agg.of(covariance(col("x"), col("y")).alias("cov_xy"), "covar_samp(x, y)", Check.EXACT));
        out.add(Agg.of(covariance(col("amt"), col("v")).alias("cov_av"), "covar_samp(amt::DOUBLE, v)", Check.EXACT));
        out.add(Agg.of(correlation(col("x"), col("y")).alias("corr_xy"), "corr(x, y)", Check.LOOSE));
        return out;
    }

    private static List<List<Object>> run(DataFrame df) {
        try (Table t = df.toTable()) {
            return Rows.normalizeAll(t.toRows());
        }
    }

    /** groupBy(keys).agg(all) over {@code input} against DuckDB over {@code from}; failures list every mismatch. */
    private static void assertAggregations(DataFrame input, String from, List<String> keys) {
        List<Agg> aggs = aggregations();
        Expression[] floe = aggs.stream().map(Agg::floe).toArray(Expression[]::new);
        DataFrame df = keys.isEmpty() ? input.agg(floe) : input.groupBy(keys.toArray(String[]::new)).agg(floe);
        String keyList = String.join(", ", keys);
        StringBuilder select = new StringBuilder(keyList);
        for (Agg a : aggs) {
            select.append(select.length() == 0 ? "" : ", ").append(a.sql());
        }
        List<List<Object>> expected;
        synchronized (duck) {
            expected = duck.query("SELECT " + select + " FROM " + from + (keys.isEmpty() ? "" : " GROUP BY " + keyList));
        }
        List<List<Object>> actual = run(df);
        assertThat(actual).as("groups").hasSameSizeAs(expected);
        int k = keys.size();
        Map<List<Object>, List<Object>> byKey = new HashMap<>();
        for (List<Object> e : expected) {
            byKey.put(e.subList(0, k), e);
        }
        List<String> problems = new ArrayList<>();
        for (List<Object> a : actual) {
            List<Object> e = byKey.get(a.subList(0, k));
            assertThat(e).as("DuckDB has the group %s", a.subList(0, k)).isNotNull();
            for (int i = 0; i < aggs.size(); i++) {
                String problem = compare(aggs.get(i), a.get(k + i), e.get(k + i));
                if (problem != null) {
                    problems.add("group " + a.subList(0, k) + " " + aggs.get(i).sql() + ": " + problem);
                }
            }
        }
        assertThat(problems).as("mismatches against DuckDB").isEmpty();
    }

    /** Null when the Floe value passes the check against DuckDB's, else what is wrong. */
    private static String compare(Agg agg, Object got, Object want) {
        String seen = "Floe " + got + ", DuckDB " + want;
        switch (agg.check()) {
            case EXACT, LOOSE -> {
                double tolerance = agg.check() == Check.EXACT ? 1e-9 : 1e-7;
                return close(got, want, tolerance) ? null : seen;
            }
            case MEMBER -> {
                List<?> values = (List<?>) want;
                boolean ok = values == null || values.isEmpty() ? got == null : values.contains(got);
                return ok ? null : seen;
            }
            case COUNT_2PCT -> {
                long exact = (Long) want;
                long estimate = (Long) got;
                return Math.abs(estimate - exact) <= Math.max(1, exact * 0.02) ? null : seen;
            }
            case RANK -> {
                List<?> sorted = (List<?>) want;
                if (sorted == null || sorted.isEmpty()) {
                    return got == null ? null : seen;
                }
                int first = sorted.indexOf(got);
                int last = sorted.lastIndexOf(got);
                if (first < 0) {
                    return "not a value of the group: " + got;
                }
                double n = sorted.size();
                double best = Math.min(Math.abs((first + 1) / n - agg.p()), Math.abs((last + 1) / n - agg.p()));
                if (agg.p() >= (first + 1) / n && agg.p() <= (last + 1) / n) {
                    best = 0;
                }
                return best <= 0.02 + 1 / n ? null : "rank error " + best + " at p=" + agg.p() + " for " + got;
            }
            case SORTED -> {
                List<Object> sorted = new ArrayList<>((List<?>) got);
                sorted.sort(null);
                return sorted.equals(want) ? null : seen;
            }
            case SPLIT -> {
                if (want == null) {
                    return got == null ? null : seen;
                }
                List<String> parts = new ArrayList<>(Arrays.asList(((String) got).split(";", -1)));
                parts.sort(null);
                return parts.equals(want) ? null : seen;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static boolean close(Object got, Object want, double tolerance) {
        if (got instanceof List<?> g && want instanceof List<?> w) {
            if (g.size() != w.size()) {
                return false;
            }
            for (int i = 0; i < g.size(); i++) {
                if (!close(g.get(i), w.get(i), tolerance)) {
                    return false;
                }
            }
            return true;
        }
        if (got instanceof Double g && want instanceof Number w) {
            double d = w.doubleValue();
            return g.equals(d) || Math.abs(g - d) <= tolerance * Math.max(1, Math.max(Math.abs(g), Math.abs(d)));
        }
        return Objects.equals(got, want);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void everyAggregationGroupedGlobalAndOverEmptyInput(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame m = floe.fromColumns(columns);
            assertAggregations(m, "m", List.of("k"));
            assertAggregations(m, "m", List.of());
            assertAggregations(m.where(col("v").gt(1_000_000)), "(SELECT * FROM m WHERE v > 1000000)", List.of());
            assertAggregations(m.where(col("v").gt(1_000_000)), "(SELECT * FROM m WHERE v > 1000000)", List.of("k"));
        }
    }

    @Test
    void wrongInputsAreRejectedWhenTheDataFrameIsBuilt() {
        try (Floe floe = SharedCluster.floe(1)) {
            DataFrame m = floe.fromColumns(columns);
            assertThatThrownBy(() -> m.agg(col("s").median())).isInstanceOf(PlanException.class)
                    .hasMessageContaining("median").hasMessageContaining("s").hasMessageContaining("string");
            assertThatThrownBy(() -> m.agg(col("x").countIf())).isInstanceOf(PlanException.class)
                    .hasMessageContaining("count_if").hasMessageContaining("boolean");
            assertThatThrownBy(() -> m.agg(col("x").percentile(90))).isInstanceOf(PlanException.class)
                    .hasMessageContaining("[0, 1]");
            assertThatThrownBy(() -> m.agg(covariance(col("x"), col("s")))).isInstanceOf(PlanException.class)
                    .hasMessageContaining("covariance").hasMessageContaining("s");
            assertThat(m.agg(col("x").percentile(0.1, 0.9).alias("p")).schema().toString()).contains("list");
        }
    }
}
