package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A SQL logic test corpus in the style of DataFusion's sqllogictest: the files in
 * {@code src/test/resources/sqllogic/*.slt} hold queries and their expected rows; each query runs
 * on Floe (through {@code floe.sql}) and on DuckDB, and both must give the rows of the file.
 *
 * <pre>
 * # a comment
 * query rowsort            (or nosort: the rows' order is part of the answer)
 * SELECT a, count(*) FROM t GROUP BY a
 * ----
 * 1|2                      (values separated by |, NULL for null, numbers in plain notation)
 * </pre>
 *
 * Tables: {@code t(a, b, s, d, x)} and {@code u(a, c)} below; {@code ${dir}} in a query is a
 * folder holding {@code t} as Parquet ({@code '${dir}/t/*.parquet'}). {@code -Dfloe.slt.update=true}
 * rewrites the expected rows from DuckDB's answers.
 */
class SqlLogicIT {
    private static final Path CORPUS = Path.of("src/test/resources/sqllogic");

    private static Floe floe;
    private static DuckOracle duck;
    private static Path dir;

    record Query(Path file, int line, boolean ordered, String sql, List<String> expected) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line;
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        floe = SharedCluster.floe(2);
        duck = new DuckOracle();
        dir = Files.createTempDirectory("sqllogic");
        Map<String, List<?>> t = new LinkedHashMap<>();
        t.put("a", Arrays.asList(1L, 1L, 2L, 2L, 3L, null, 4L, 4L, 5L, 6L));
        t.put("b", Arrays.asList(10L, 20L, 20L, null, 30L, 40L, 50L, 60L, 70L, 80L));
        t.put("s", Arrays.asList("apple", "banana", "avocado", null, "cherry", "apple", "date", "fig", "grape", "kiwi"));
        t.put("d", Arrays.asList(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), null,
                LocalDate.of(2023, 12, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1),
                LocalDate.of(2024, 7, 4), LocalDate.of(2024, 11, 11)));
        t.put("x", Arrays.asList(1.5, 2.5, null, 4.0, 0.25, 6.0, 7.5, 8.0, 9.0, 10.5));
        Map<String, List<?>> u = new LinkedHashMap<>();
        u.put("a", Arrays.asList(1L, 2L, 2L, 4L, 7L, null));
        u.put("c", Arrays.asList(100L, 200L, 201L, 400L, 700L, 900L));
        DataFrame tdf = floe.fromColumns(t);
        floe.register("t", tdf);
        floe.register("u", floe.fromColumns(u));
        tdf.writeParquet(dir.resolve("t").toString());
        duck.execute("CREATE TABLE t (a BIGINT, b BIGINT, s VARCHAR, d DATE, x DOUBLE)");
        duck.execute("CREATE TABLE u (a BIGINT, c BIGINT)");
        duck.insert("t", 5, rows(t));
        duck.insert("u", 2, rows(u));
    }

    @AfterAll
    static void tearDown() throws Exception {
        floe.unregister("t");
        floe.unregister("u");
        floe.close();
        duck.close();
    }

    static Stream<Query> queries() throws IOException {
        List<Query> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".slt")).sorted().toList()) {
                out.addAll(parse(f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void floeAndDuckDbGiveTheRowsOfTheFile(Query q) throws IOException {
        String sql = q.sql().replace("${dir}", dir.toString());
        List<String> duckRows = format(duck.query(sql), q.ordered());
        if (Boolean.getBoolean("floe.slt.update")) {
            update(q, duckRows);
            return;
        }
        DataFrame df = floe.sql(sql);
        List<String> floeRows;
        try (Table table = df.toTable()) {
            floeRows = format(table.toRows(), q.ordered());
        }
        assertThat(duckRows).as("DuckDB on " + q + ": " + sql).isEqualTo(q.expected());
        assertThat(floeRows).as("Floe on " + q + ": " + sql + "\n" + df.explain()).isEqualTo(q.expected());
    }

    private static List<List<Object>> rows(Map<String, List<?>> columns) {
        List<List<Object>> out = new ArrayList<>();
        int n = columns.values().iterator().next().size();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<?> c : columns.values()) {
                row.add(c.get(i));
            }
            out.add(row);
        }
        return out;
    }

    /** Rows as {@code v1|v2|...}: numbers of every type in plain notation (floats to 9 digits), NULL for null. */
    static List<String> format(List<List<Object>> rows, boolean ordered) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(cell(v));
            }
            out.add(String.join("|", cells));
        }
        if (!ordered) {
            out.sort(null);
        }
        return out;
    }

    private static String cell(Object v) {
        if (v == null) {
            return "NULL";
        }
        BigDecimal n = null;
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            n = new BigDecimal(d).round(new MathContext(9));
        } else if (v instanceof BigDecimal b) {
            n = b;
        } else if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) {
            n = new BigDecimal(v.toString());
        }
        if (n != null) {
            return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    private static List<Query> parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Query> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("query")) {
                continue;
            }
            int start = i + 1;
            boolean ordered = line.contains("nosort");
            StringBuilder sql = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("----"); i++) {
                sql.append(lines.get(i)).append('\n');
            }
            List<String> expected = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).isBlank(); i++) {
                expected.add(lines.get(i));
            }
            out.add(new Query(file, start, ordered, sql.toString().strip(), expected));
        }
        return out;
    }

    /** Replaces the expected rows of one query in its file (for -Dfloe.slt.update=true). */
    private static synchronized void update(Query q, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(q.file()));
        int i = 0;
        for (Query now : parse(q.file())) {
            if (now.sql().equals(q.sql())) {
                i = now.line();
            }
        }
        while (!lines.get(i).strip().equals("----")) {
            i++;
        }
        int from = i + 1;
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank()) {
            to++;
        }
        lines.subList(from, to).clear();
        lines.addAll(from, rows);
        Files.write(q.file(), lines);
    }
}
