package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import dev.floe.testing.SharedCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 item 4 against DuckDB at parallelism 1 and 4, over rows with nulls in every column,
 * duplicates, NaN and one skewed row repeated 60 times: dropNull, fillNull, dropDuplicates (the
 * kept rows are input rows and their keys are DuckDB's distinct keys), offset after a sort,
 * describe, and sample (the same rows at every parallelism, a subset of the input, about the
 * asked fraction).
 */
class RowMethodsIT {
    private static DuckOracle duck;
    private static Map<String, List<?>> data;
    private static Map<String, List<?>> distinctRows;

    @BeforeAll
    static void setUp() {
        data = SetOperationsIT.table(0, 200, 60);
        duck = new DuckOracle();
        duck.execute("CREATE TABLE l (a BIGINT, b VARCHAR, c DOUBLE)");
        duck.insert("l", 3, SetOperationsIT.rows(data));
        List<Long> k = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        for (long i = 0; i < 2000; i++) {
            k.add(i);
            v.add(i * 7 % 13);
        }
        distinctRows = new LinkedHashMap<>();
        distinctRows.put("k", k);
        distinctRows.put("v", v);
        duck.execute("CREATE TABLE d (k BIGINT, v BIGINT)");
        duck.insert("d", 2, SetOperationsIT.rows(distinctRows));
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    private static List<List<Object>> run(DataFrame df) {
        return SetOperationsIT.run(df);
    }

    /** True when every row of {@code rows} is a row of table l, as often as there (a sub-multiset). */
    private static boolean subsetOf(String table, String columns, int n, List<List<Object>> rows) {
        duck.execute("CREATE OR REPLACE TABLE out_rows AS SELECT " + columns + " FROM " + table + " LIMIT 0");
        if (!rows.isEmpty()) {
            duck.insert("out_rows", n, rows);
        }
        return duck.query("SELECT count(*) FROM (SELECT * FROM out_rows EXCEPT ALL SELECT " + columns + " FROM "
                + table + ")").get(0).get(0).equals(0L);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void nullsDuplicatesAndOffsetMatchDuckDb(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame l = floe.fromColumns(data);
            Rows.assertSameRows(run(l.dropNull()),
                    duck.query("SELECT * FROM l WHERE a IS NOT NULL AND b IS NOT NULL AND c IS NOT NULL"));
            Rows.assertSameRows(run(l.dropNull("b")), duck.query("SELECT * FROM l WHERE b IS NOT NULL"));
            Map<String, Object> fills = new HashMap<>();
            fills.put("a", -1L);
            fills.put("c", 1.5);
            Rows.assertSameRows(run(l.fillNull(fills)), duck.query("SELECT coalesce(a, -1), b, coalesce(c, 1.5) FROM l"));
            Rows.assertSameRows(run(l.dropDuplicates()), duck.query("SELECT DISTINCT * FROM l"));
            for (String[] keys : new String[][] {{"b"}, {"a", "c"}}) {
                List<List<Object>> kept = run(l.dropDuplicates(keys));
                String cols = String.join(", ", keys);
                assertThat(subsetOf("l", "a, b, c", 3, kept)).as("dropDuplicates(%s) keeps input rows", cols).isTrue();
                List<List<Object>> keyValues = new ArrayList<>();
                for (List<Object> row : kept) {
                    keyValues.add(keys.length == 1 ? java.util.Arrays.asList(row.get(1)) : java.util.Arrays.asList(row.get(0), row.get(2)));
                }
                Rows.assertSameRows(keyValues, duck.query("SELECT DISTINCT " + cols + " FROM l"));
            }
            Rows.assertSameOrderedRows(run(l.sort("a", "b", "c").offset(50)),
                    duck.query("SELECT * FROM l ORDER BY a, b, c OFFSET 50"), 3);
            Rows.assertSameOrderedRows(run(l.sort(col("c").desc(), col("b"), col("a")).select("c", "b").offset(240)),
                    duck.query("SELECT c, b FROM l ORDER BY c DESC NULLS FIRST, b, a OFFSET 240"), 2);
            assertThat(run(l.sort("a").offset(260))).isEmpty();
            assertThat(l.offset(100).countRows()).isEqualTo(160);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void describeMatchesDuckDbAggregates(int parallelism) {
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame l = floe.fromColumns(data).where(col("c").isNull().or(col("c").lt(1000.0))); // no NaN (it sorts above every number)
            List<List<Object>> actual = run(l.describe());
            assertThat(actual).extracting(r -> r.get(0))
                    .containsExactly("count", "null_count", "mean", "stddev", "min", "max");
            String where = " FROM l WHERE c IS NULL OR c < 1000";
            List<Object> ints = duck.query("SELECT count(a), count(*) - count(a), avg(a), stddev_samp(a), min(a), max(a)"
                    + where).get(0);
            List<Object> strings = duck.query("SELECT count(b), count(*) - count(b), NULL, NULL, min(b), max(b)" + where)
                    .get(0);
            List<Object> doubles = duck.query("SELECT count(c), count(*) - count(c), avg(c), stddev_samp(c), min(c),"
                    + " max(c)" + where).get(0);
            for (int s = 0; s < 6; s++) {
                assertNumber(actual.get(s).get(1), ints.get(s));
                if (s < 2) {
                    assertNumber(actual.get(s).get(2), strings.get(s));
                } else {
                    assertThat(actual.get(s).get(2)).isEqualTo(strings.get(s));
                }
                assertNumber(actual.get(s).get(3), doubles.get(s));
            }
            List<List<Object>> empty = run(l.where(col("a").gt(1000L)).describe("a"));
            assertThat(empty.get(0)).containsExactly("count", "0");
            assertThat(empty.get(2)).containsExactly("mean", null);
        }
    }

    private static void assertNumber(Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(Double.parseDouble((String) actual))
                .isCloseTo(((Number) expected).doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sampleIsTheSameAtEveryParallelismAndAboutTheFraction(int parallelism) {
        List<List<Object>> bernoulli;
        List<List<Object>> poisson;
        try (Floe one = SharedCluster.floe(1)) {
            DataFrame d = one.fromColumns(distinctRows);
            bernoulli = run(d.sample(0.3, false, 42));
            poisson = run(d.sample(0.5, true, 42));
        }
        try (Floe floe = SharedCluster.floe(parallelism)) {
            DataFrame d = floe.fromColumns(distinctRows);
            Rows.assertSameRows(run(d.sample(0.3, false, 42)), bernoulli);
            Rows.assertSameRows(run(d.sample(0.5, true, 42)), poisson);
            // 2000 rows: 600 expected, sd 20.5; 1000 expected, sd 31.6
            assertThat(bernoulli.size()).isBetween(520, 680);
            assertThat(poisson.size()).isBetween(870, 1130);
            assertThat(subsetOf("d", "k, v", 2, bernoulli)).isTrue();
            assertThat(poisson.stream().distinct().count()).as("some rows repeat").isLessThan(poisson.size());
            assertThat(run(d.sample(0.3, false, 43))).as("another seed, another sample").isNotEqualTo(bernoulli);
            assertThat(run(d.sample(0.0, false, 1))).isEmpty();
            assertThat(d.sample(1.0, false, 1).countRows()).isEqualTo(2000);
        }
    }
}
