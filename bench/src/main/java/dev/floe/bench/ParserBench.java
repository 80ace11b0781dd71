package dev.floe.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Issue 14 item 1's measurement: the 121 benchmark queries (22 TPC-H texts as the peers get them,
 * {@link TpchSql}, and the 99 TPC-DS texts, {@link TpcdsSql}, DuckDB's dialect, no adjustment) parsed
 * by JSqlParser ({@code CCJSqlParserUtil.parse}, as the sql module calls it) and by Calcite's core
 * parser ({@code SqlParser.parseStmt}, double-quoted identifiers, names kept as written) under its
 * DEFAULT, LENIENT and BABEL conformances. Per parser: how many queries parse (a query with several
 * statements parses when all do), which fail with the first line of the error, the median parse
 * time of a query (after {@value #WARMUPS} warm-up rounds, the median of {@value #ROUNDS} timed
 * rounds per query, then the median over the queries that parse; every parser runs once unreported
 * first so that all are compiled by the JIT), and the size of the parser's jars
 * on this class path. Calcite here is calcite-core, calcite-linq4j and avatica-core without their
 * other dependencies (what parsing needs; the full Maven closure of calcite-core 1.42.0 is larger:
 * see the README's dependency table).
 *
 * <pre>{@code bench/run-tpch parsers}</pre>
 */
public final class ParserBench {
    static final int WARMUPS = 20;
    static final int ROUNDS = 21;

    private ParserBench() {
    }

    /** A parser under test: parses one statement or throws. */
    interface Parser {
        void parse(String sql) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (int n = 1; n <= 22; n++) {
            queries.put(String.format(Locale.ROOT, "TPC-H Q%02d", n), Suite.TPCH.statements(n, TpchSql.Dialect.DUCKDB));
        }
        for (int n = 1; n <= 99; n++) {
            queries.put(String.format(Locale.ROOT, "TPC-DS Q%02d", n), Suite.TPCDS.statements(n, TpchSql.Dialect.DUCKDB));
        }
        Map<String, Parser> parsers = new LinkedHashMap<>();
        parsers.put("JSqlParser " + version(CCJSqlParserUtil.class) + ", CCJSqlParserUtil.parse (a thread per parse for its timeout)",
                CCJSqlParserUtil::parse);
        parsers.put("JSqlParser " + version(CCJSqlParserUtil.class) + ", CCJSqlParser.Statement() on the calling thread",
                sql -> CCJSqlParserUtil.newParser(sql).Statement());
        for (SqlConformanceEnum conformance : List.of(SqlConformanceEnum.DEFAULT, SqlConformanceEnum.LENIENT,
                SqlConformanceEnum.BABEL)) {
            SqlParser.Config config = SqlParser.config().withConformance(conformance).withQuoting(Quoting.DOUBLE_QUOTE)
                    .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);
            parsers.put("Calcite " + version(SqlParser.class) + " core parser, " + conformance,
                    sql -> SqlParser.create(sql, config).parseStmt());
        }
        System.out.printf(Locale.ROOT, "%d queries (%d statements)%n", queries.size(),
                queries.values().stream().mapToInt(List::size).sum());
        // a first pass brings every parser's code to the JIT, the second is reported
        for (int pass = 0; pass < 2; pass++) {
            for (Map.Entry<String, Parser> p : parsers.entrySet()) {
                measure(p.getKey(), p.getValue(), queries, pass == 1);
            }
        }
        System.out.printf(Locale.ROOT, "%nJars on this class path: JSqlParser %.2f MB; Calcite (core, linq4j, avatica-core, guava, failureaccess) %.2f MB%n",
                megabytes(name -> name.startsWith("jsqlparser-")),
                megabytes(name -> name.startsWith("calcite-core-") || name.startsWith("calcite-linq4j-")
                        || name.startsWith("avatica-core-") || name.startsWith("guava-") || name.startsWith("failureaccess-")));
    }

    private static void measure(String name, Parser parser, Map<String, List<String>> queries, boolean print) {
        Map<String, String> failures = new LinkedHashMap<>();
        List<Double> medians = new ArrayList<>();
        for (Map.Entry<String, List<String>> q : queries.entrySet()) {
            try {
                for (String statement : q.getValue()) {
                    parser.parse(statement);
                }
            } catch (Throwable e) {
                failures.put(q.getKey(), firstLine(e));
                continue;
            }
            double[] times = new double[ROUNDS];
            try {
                for (int i = 0; i < WARMUPS; i++) {
                    for (String statement : q.getValue()) {
                        parser.parse(statement);
                    }
                }
                for (int i = 0; i < ROUNDS; i++) {
                    long t0 = System.nanoTime();
                    for (String statement : q.getValue()) {
                        parser.parse(statement);
                    }
                    times[i] = (System.nanoTime() - t0) / 1e6;
                }
            } catch (Throwable e) {
                throw new IllegalStateException(name + " parsed " + q.getKey() + " once, then failed", e);
            }
            Arrays.sort(times);
            medians.add(times[ROUNDS / 2]);
        }
        double median = Double.NaN;
        if (!medians.isEmpty()) {
            double[] m = medians.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median = m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
        }
        if (!print) {
            return;
        }
        System.out.printf(Locale.ROOT, "%n== %s: %d of %d parse, median %.3f ms per query%n", name,
                queries.size() - failures.size(), queries.size(), median);
        failures.forEach((q, e) -> System.out.println("  " + q + ": " + e));
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        m = m.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    private static String version(Class<?> c) {
        String v = c.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        String jar = c.getProtectionDomain().getCodeSource().getLocation().getPath();
        return Path.of(jar).getFileName().toString().replaceAll("^[a-z-]+-|\\.jar$", "");
    }

    private static double megabytes(Predicate<String> jarName) {
        long bytes = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (jarName.test(p.getFileName().toString()) && Files.isRegularFile(p)) {
                bytes += p.toFile().length();
            }
        }
        return bytes / 1e6;
    }
}
