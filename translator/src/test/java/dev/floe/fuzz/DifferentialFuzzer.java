package dev.floe.fuzz;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.Table;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.Rows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * SQLancer-style differential testing of Floe against DuckDB: random tables, random DataFrame
 * programs ({@link QueryGenerator}), each run in both engines and compared as typed rows (as a
 * multiset, or in order when the program's root is sorted). Query {@code k} of seed {@code s} is a
 * pure function of {@code (s, k)}, so any one query replays alone ({@code --only k}).
 */
final class DifferentialFuzzer {
    /** Queries sharing one set of tables (loaded once into DuckDB). */
    static final int QUERIES_PER_TABLE_SET = 25;
    /**
     * Results above this size are skipped (a join of joins over skewed keys): the fuzzer looks for
     * wrong rows, not load. DuckDB's result is read (streamed) up to here only, and Floe's turned
     * into rows only up to here, so that one exploding join cannot fill the heap.
     */
    static final int MAX_RESULT_ROWS = 50_000;
    /** A DuckDB query running longer than this is cancelled and the query skipped. */
    static final long DUCKDB_TIMEOUT_SECONDS = 60;
    private static final int[] PARALLELISM = {1, 2, 4};

    /**
     * A Floe action that takes longer than this is reported as hung and ends the run (an embedded
     * cluster that lost its TaskManager never finishes another job).
     */
    static final long ACTION_TIMEOUT_SECONDS = Long.getLong("floe.fuzz.timeout", 300);

    enum Outcome { SAME, BOTH_FAILED, MISMATCH, FLOE_FAILED, FLOE_HUNG, DUCKDB_FAILED, SKIPPED }

    /** Counts per outcome and the reproducers of every mismatch or unexpected error. */
    static final class Report {
        final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        final List<String> reproducers = new ArrayList<>();
        /** One line per skipped query: which, and why. */
        final List<String> skipped = new ArrayList<>();
        int queries;
        /** Queries whose (equal) results had at least one row. */
        int nonEmpty;
        /** Queries whose program has a set operation, a window function. */
        int withSetOps;
        int withWindows;

        int count(Outcome o) {
            return counts.getOrDefault(o, 0);
        }

        int problems() {
            return count(Outcome.MISMATCH) + count(Outcome.FLOE_FAILED) + count(Outcome.FLOE_HUNG)
                    + count(Outcome.DUCKDB_FAILED);
        }

        @Override
        public String toString() {
            return queries + " queries: " + counts + ", non-empty results " + nonEmpty + ", with set operations "
                    + withSetOps + ", with windows " + withWindows;
        }
    }

    private final DuckOracle duck;
    private final IntFunction<Floe> sessions;
    private final long seed;
    /** Also report the program, SQL and outcome of every query that passed (for looking at what is generated). */
    boolean printEvery;
    private int loadedSet = -1;
    private int nonEmpty;
    private List<FuzzTable> tables;
    private final Map<Integer, Map<String, DataFrame>> frames = new HashMap<>();

    /** {@code sessions} gives a Floe session of the given parallelism (1, 2 or 4), kept open by the caller. */
    DifferentialFuzzer(DuckOracle duck, IntFunction<Floe> sessions, long seed) {
        this.duck = duck;
        this.sessions = sessions;
        this.seed = seed;
    }

    /** Runs queries {@code from} to {@code from + n - 1}; {@code onProblem} sees each reproducer as it is found. */
    Report run(int from, int n, java.util.function.Consumer<String> onProblem) {
        Report report = new Report();
        int nonEmptyBefore = nonEmpty;
        for (int k = from; k < from + n; k++) {
            String[] reproducer = new String[1];
            boolean[] kinds = new boolean[2];
            Outcome o = runOne(k, reproducer, kinds);
            report.queries++;
            report.withSetOps += kinds[0] ? 1 : 0;
            report.withWindows += kinds[1] ? 1 : 0;
            report.counts.merge(o, 1, Integer::sum);
            if (o == Outcome.SKIPPED) {
                report.skipped.add(reproducer[0]);
            } else if (reproducer[0] != null) {
                if (o != Outcome.SAME) {
                    report.reproducers.add(reproducer[0]);
                }
                onProblem.accept(reproducer[0]);
            }
            if (o == Outcome.FLOE_HUNG) {
                break;
            }
        }
        report.nonEmpty = nonEmpty - nonEmptyBefore;
        return report;
    }

    private void tablesFor(int set) {
        if (set == loadedSet) {
            return;
        }
        Random r = new Random(seed * 31 + set * 0x9E3779B97F4A7C15L);
        tables = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FuzzTable t = FuzzTable.random(r, "t" + i, (char) ('a' + i));
            t.load(duck);
            tables.add(t);
        }
        frames.clear();
        loadedSet = set;
    }

    private static final Pattern SET_OPERATION = Pattern.compile(
            "(?<!str\\(\\))\\.(concat|union|unionByName|intersect|intersectAll|except|exceptAll)\\(");

    /** {@code kinds} (when not null) is set to whether the program has a set operation, a window. */
    Outcome runOne(int k, String[] reproducer, boolean[] kinds) {
        tablesFor(k / QUERIES_PER_TABLE_SET);
        Random r = new Random(seed * 1_000_003L + k);
        int parallelism = PARALLELISM[r.nextInt(PARALLELISM.length)];
        Floe floe = sessions.apply(parallelism);
        Map<String, DataFrame> byName = frames.computeIfAbsent(parallelism, p -> {
            Map<String, DataFrame> m = new HashMap<>();
            for (FuzzTable t : tables) {
                m.put(t.name, t.frame(floe));
            }
            return m;
        });
        QueryGenerator gen = new QueryGenerator(r, tables, byName);
        gen.typer = cols -> FuzzTable.empty(floe, cols.stream().map(QueryGenerator.Col::name).toList(),
                cols.stream().map(QueryGenerator.Col::type).toList());
        String header = "query " + k + " (seed " + seed + ", parallelism " + parallelism + "); replay: bench/run-fuzz --seed "
                + seed + " --only " + k;
        QueryGenerator.Rel rel;
        try {
            rel = gen.query();
        } catch (RuntimeException e) {
            reproducer[0] = "=== FLOE_FAILED while building the program: " + header + "\n" + stack(e);
            return Outcome.FLOE_FAILED;
        }
        if (kinds != null) {
            kinds[0] = SET_OPERATION.matcher(rel.java()).find();
            kinds[1] = rel.java().contains(".over(");
        }
        List<String> floeNames = rel.df().columnNames();
        String sql = finalSql(rel);
        if (!floeNames.equals(rel.names())) {
            reproducer[0] = text("MISMATCH (column names)", header, rel, sql,
                    "Floe names the columns " + floeNames + ", expected " + rel.names());
            return Outcome.MISMATCH;
        }
        List<List<Object>> expected = null;
        RuntimeException duckError = null;
        try {
            expected = duck.query(sql, MAX_RESULT_ROWS, DUCKDB_TIMEOUT_SECONDS);
        } catch (DuckOracle.LimitExceeded e) {
            reproducer[0] = "query " + k + " (seed " + seed + "): " + e.getMessage();
            return Outcome.SKIPPED;
        } catch (RuntimeException e) {
            duckError = e;
        }
        List<List<Object>> actual = null;
        RuntimeException floeError = null;
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "fuzz-query-" + k);
            t.setDaemon(true);
            return t;
        });
        try {
            actual = runner.submit(() -> {
                try (Table t = rel.df().toTable()) {
                    // rows on the heap only for a result as small as DuckDB's may be
                    return t.numRows() > MAX_RESULT_ROWS ? null : t.toRows();
                }
            }).get(ACTION_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            floeError = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            reproducer[0] = text("FLOE_HUNG (no result after " + ACTION_TIMEOUT_SECONDS + " s; the run stops here)", header,
                    rel, sql, "DuckDB returned " + (expected == null ? "an error" : expected.size() + " rows"));
            return Outcome.FLOE_HUNG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            runner.shutdownNow();
        }
        if (duckError != null && floeError != null) {
            return Outcome.BOTH_FAILED;
        }
        if (floeError == null && actual == null) {
            if (duckError != null) {
                reproducer[0] = "query " + k + " (seed " + seed + "): Floe's result has more than " + MAX_RESULT_ROWS
                        + " rows and DuckDB failed";
                return Outcome.SKIPPED;
            }
            reproducer[0] = text("MISMATCH (row count)", header, rel, sql, "Floe returned more than "
                    + MAX_RESULT_ROWS + " rows, DuckDB " + expected.size());
            return Outcome.MISMATCH;
        }
        if (floeError != null) {
            reproducer[0] = text("FLOE_FAILED", header, rel, sql, stack(floeError));
            return Outcome.FLOE_FAILED;
        }
        if (duckError != null) {
            reproducer[0] = text("DUCKDB_FAILED (Floe returned " + actual.size() + " rows)", header, rel, sql,
                    duckError.getMessage());
            return Outcome.DUCKDB_FAILED;
        }
        String difference = Rows.difference(actual, expected, rel.orderedKeys());
        if (difference != null) {
            reproducer[0] = text("MISMATCH", header, rel, sql, difference);
            return Outcome.MISMATCH;
        }
        if (!actual.isEmpty()) {
            nonEmpty++;
        }
        if (printEvery) {
            reproducer[0] = text("SAME (" + actual.size() + " rows)", header, rel, sql, "none");
        }
        return Outcome.SAME;
    }

    /** The program's SQL with each output column cast to the DuckDB type of Floe's result type, sorted at the root if ordered. */
    private static String finalSql(QueryGenerator.Rel rel) {
        StringJoiner select = new StringJoiner(", ");
        List<Field> fields = rel.df().schema().fields();
        for (int i = 0; i < fields.size() && i < rel.cols().size(); i++) {
            String n = QueryGenerator.q(rel.cols().get(i).name());
            String type = duckType(fields.get(i).type());
            select.add(type == null ? n : "CAST(" + n + " AS " + type + ") AS " + n);
        }
        String sql = "SELECT " + select + " FROM (" + rel.sql() + ") qf";
        if (rel.order() != null) {
            sql += " ORDER BY " + rel.order() + (rel.limit() >= 0 ? " LIMIT " + rel.limit() : "");
        }
        return sql;
    }

    /** The DuckDB spelling of a Floe type the fuzzer generates (any decimal), or null. */
    static String duckType(DataType t) {
        if (t instanceof DataType.Decimal d) {
            return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
        }
        FuzzType f = FuzzType.of(t);
        return f == null ? null : f.sql;
    }

    private String text(String what, String header, QueryGenerator.Rel rel, String sql, String detail) {
        StringBuilder b = new StringBuilder("=== ").append(what).append(": ").append(header).append('\n');
        b.append("-- tables (Java)\n");
        for (FuzzTable t : tables) {
            if (Pattern.compile("\\b" + t.name + "\\b").matcher(rel.java()).find()) {
                b.append(t.javaSource());
            }
        }
        b.append("-- Floe program\nDataFrame result = ").append(rel.java()).append(";\n");
        b.append("-- DuckDB SQL\n").append(sql).append(";\n");
        b.append("-- difference\n").append(detail).append('\n');
        return b.toString();
    }

    private static String stack(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
    }
}
