package dev.floe.jobs.tpch;

import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 22 TPC-H queries of {@link TpchQueries} at SF 0.01 against DuckDB running the standard SQL
 * (the texts shipped in {@code io.trino.tpch}) over the same CSV files: full typed rows, floats
 * within a relative 1e-9, decimals compared numerically, and for sorted queries the sequence of
 * the sort keys. Generating the data takes about a second, the 22 queries well under a minute.
 * The same data converted to Parquet by Floe ({@link TpchGenerator#toParquet}) is read back by
 * {@link TpchQueries#parquet} for a sample of the queries, which must give the same rows. The same
 * 22 standard texts also run through {@code floe.sql} over the CSV tables ({@link #throughSql}).
 *
 * <pre>{@code mvn -pl jobs -am verify -Dit.test=TpchCorrectnessIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 */
class TpchCorrectnessIT {
    private static final Path DATA = Path.of("target", "tpch-sf0.01");
    private static final Path PARQUET = Path.of("target", "tpch-sf0.01-parquet");

    private static Floe floe;
    private static DuckOracle duck;
    private static TpchQueries queries;
    private static TpchQueries parquetQueries;

    @BeforeAll
    static void setUp() throws IOException, InterruptedException {
        TpchGenerator.generate(0.01, DATA, 2, null);
        floe = Floe.local(2);
        queries = TpchQueries.csv(floe, DATA.toAbsolutePath().toString());
        TpchGenerator.toParquet(floe, DATA, PARQUET, null);
        parquetQueries = TpchQueries.parquet(floe, PARQUET.toAbsolutePath().toString());
        for (String table : TpchSchema.TABLES) {
            floe.register(table, floe.readCsv(TpchSchema.csvOptions(table), DATA.toAbsolutePath() + "/" + table));
        }
        duck = new DuckOracle();
        for (String table : TpchSchema.TABLES) {
            StringJoiner columns = new StringJoiner(", ", "{", "}");
            TpchSchema.columns(table).forEach((name, type) -> columns.add("'" + name + "': '" + duckType(type) + "'"));
            duck.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv('"
                    + DATA.toAbsolutePath().resolve(table) + "/*.csv', delim = '|', header = true, columns = "
                    + columns + ")");
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (floe != null) {
            floe.close();
        }
    }

    @Test void q01() { check(1); }
    @Test void q02() { check(2); }
    @Test void q03() { check(3); }
    @Test void q04() { check(4); }
    @Test void q05() { check(5); }
    @Test void q06() { check(6); }
    @Test void q07() { check(7); }
    @Test void q08() { check(8); }
    @Test void q09() { check(9); }
    @Test void q10() { check(10); }
    @Test void q11() { check(11); }
    @Test void q12() { check(12); }
    @Test void q13() { check(13); }
    @Test void q14() { check(14); }
    @Test void q15() { check(15); }
    @Test void q16() { check(16); }
    @Test void q17() { check(17); }
    @Test void q18() { check(18); }
    @Test void q19() { check(19); }
    @Test void q20() { check(20); }
    @Test void q21() { check(21); }
    @Test void q22() { check(22); }

    /** A sample of the queries (scans, joins, anti/semi joins, top-n) over the Parquet copy. */
    @ParameterizedTest(name = "Q{0} over Parquet")
    @ValueSource(ints = {1, 3, 9, 13, 18, 21})
    void overParquet(int n) {
        List<List<Object>> expected = duck(n);
        DataFrame df = parquetQueries.query(n);
        try (Table t = df.toTable()) {
            Rows.assertSameRows(t.toRows(), expected);
        } catch (AssertionError e) {
            throw new AssertionError("Q" + n + " over Parquet: " + e.getMessage() + "\nPlan:\n" + df.explain(), e);
        }
    }

    /** The sort keys of each query's ORDER BY (output columns), as the checks above give them. */
    private static final int[][] SORT_KEYS = {{0, 1}, {0, 2, 1, 3}, {1, 2}, {0}, {1}, {}, {0, 1, 2}, {0}, {0, 1}, {2},
        {1}, {0}, {1, 0}, {}, {0}, {3, 0, 1, 2}, {}, {4, 3}, {}, {0}, {1, 0}, {0}};

    /**
     * The standard SQL text of each query through {@code floe.sql} (Q15's view with CREATE OR REPLACE
     * VIEW). None is skipped: the subquery queries run decorrelated, and Q19 written naturally must
     * plan without a cross join of lineitem and part.
     */
    @ParameterizedTest(name = "Q{0} through SQL")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void throughSql(int n) {
        List<String> statements = statements(n);
        for (int i = 0; i < statements.size() - 1; i++) {
            floe.sql(statements.get(i));
        }
        DataFrame df = floe.sql(statements.get(statements.size() - 1));
        if (n == 19) {
            org.assertj.core.api.Assertions.assertThat(dev.floe.api.plan.PlanPrinter.print(df.optimizedPlan()))
                    .as("Q19 written naturally must not join lineitem and part as a cross join")
                    .doesNotContain("CrossJoin");
        }
        check(n, () -> df);
    }

    /** Runs query n in both engines. */
    private static void check(int n) {
        check(n, () -> queries.query(n));
    }

    private static void check(int n, java.util.function.Supplier<DataFrame> query) {
        int[] sortKeys = SORT_KEYS[n - 1];
        List<List<Object>> expected = duck(n);
        DataFrame df = query.get();
        long start = System.nanoTime();
        List<List<Object>> actual;
        try (Table t = df.toTable()) {
            actual = t.toRows();
        }
        System.out.printf(Locale.ROOT, "TPC-H Q%d: %d rows in %.2f s%n", n, actual.size(), (System.nanoTime() - start) / 1e9);
        try {
            Rows.assertSameRows(actual, expected);
            assertSameKeySequence(actual, expected, sortKeys);
        } catch (AssertionError e) {
            throw new AssertionError("Q" + n + ": " + e.getMessage() + "\nPlan:\n" + df.explain(), e);
        }
    }

    private static void assertSameKeySequence(List<List<Object>> actual, List<List<Object>> expected, int[] keys) {
        if (keys.length == 0) {
            return;
        }
        List<List<Object>> a = Rows.normalizeAll(actual);
        List<List<Object>> e = Rows.normalizeAll(expected);
        for (int i = 0; i < a.size(); i++) {
            List<Object> ak = project(a.get(i), keys);
            List<Object> ek = project(e.get(i), keys);
            if (!Rows.rowEquals(ak, ek)) {
                fail("Row " + i + " is out of order: sort keys " + ak + ", expected " + ek);
            }
        }
    }

    private static List<Object> project(List<Object> row, int[] columns) {
        List<Object> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(row.get(c));
        }
        return out;
    }

    /** The standard SQL text of query n; statements before the last (Q15's view) are executed first. */
    private static List<List<Object>> duck(int n) {
        List<String> nonEmpty = statements(n);
        for (int i = 0; i < nonEmpty.size() - 1; i++) {
            duck.execute(nonEmpty.get(i));
        }
        return duck.query(nonEmpty.get(nonEmpty.size() - 1));
    }

    /** The statements of query n's standard text, comments dropped. */
    private static List<String> statements(int n) {
        return TpchQueries.sqlStatements(n);
    }

    private static String duckType(DataType type) {
        Map<DataType, String> names = Map.of(DataType.int64(), "BIGINT", DataType.int32(), "INTEGER",
                DataType.decimal(15, 2), "DECIMAL(15,2)", DataType.string(), "VARCHAR", DataType.date(), "DATE");
        String name = names.get(type);
        if (name == null) {
            throw new IllegalArgumentException("No DuckDB type for " + type);
        }
        return name;
    }
}
