package dev.floe.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** DuckDB over JDBC: a new in-memory database per run, views over {@code read_parquet}, N threads. */
final class DuckDbEngine implements Engine {
    private final Suite suite;
    private final String data;
    private final int threads;
    private final String memoryLimit;

    DuckDbEngine(Suite suite, String data, int threads, String heap) {
        this.suite = suite;
        this.data = data;
        this.threads = threads;
        this.memoryLimit = heap.toUpperCase(java.util.Locale.ROOT).replaceAll("([KMGT])$", "$1B");
    }

    @Override
    public String settings() {
        return "DuckDB JDBC, new in-memory database per run, SET threads=" + threads + ", memory_limit='"
                + memoryLimit + "', views over read_parquet; SQL adjustments: "
                + suite.adjustments(TpchSql.Dialect.DUCKDB);
    }

    @Override
    public void start() throws Exception {
        Class.forName("org.duckdb.DuckDBDriver");
    }

    @Override
    public void plan(int n) throws Exception {
        List<String> statements = suite.statements(n, TpchSql.Dialect.DUCKDB);
        try (Connection c = session(statements)) {
            execute(c, "EXPLAIN " + statements.get(statements.size() - 1));
        }
    }

    /** A new in-memory database with the suite's views, after the statements before the last. */
    private Connection session(List<String> statements) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try {
            execute(c, "SET threads=" + threads);
            execute(c, "SET memory_limit='" + memoryLimit + "'");
            for (String table : suite.tables()) {
                execute(c, "CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + data + "/" + table + "/*.parquet')");
            }
            for (int i = 0; i < statements.size() - 1; i++) {
                execute(c, statements.get(i));
            }
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    @Override
    public long run(int n) throws Exception {
        List<String> statements = suite.statements(n, TpchSql.Dialect.DUCKDB);
        try (Connection c = session(statements)) {
            long rows = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(statements.get(statements.size() - 1))) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
            }
            return rows;
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
    }
}
