package dev.floe.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * DuckDB (in-process, JDBC) as the correctness oracle: the same query over the same data must
 * give the same rows. Runs with the settings DESIGN.md requires of tests ({@code threads=1},
 * {@code memory_limit='1GB'}) and a fresh {@link Statement} per query.
 *
 * <p>As a JUnit 5 extension it lives as long as the test class and is closed after its last test:
 * <pre>{@code
 * @RegisterExtension static final DuckOracle DUCK = new DuckOracle();
 * ... Rows.assertSameRows(floeRows, DUCK.query("SELECT ..."));
 * }</pre>
 * Outside JUnit (a main program) create it in a try-with-resources block.
 */
public final class DuckOracle implements AutoCloseable, AfterAllCallback {
    private final Connection connection;

    public DuckOracle() {
        this(false);
    }

    /**
     * With {@code streamResults}, DuckDB computes a result as {@link #query(String, int, long)}
     * reads it, so a reader that stops early (a result too large to compare) stops the query too.
     */
    public DuckOracle(boolean streamResults) {
        try {
            java.util.Properties properties = new java.util.Properties();
            if (streamResults) {
                properties.setProperty("jdbc_stream_results", "true");
            }
            connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            execute("SET threads=1");
            execute("SET memory_limit='1GB'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start DuckDB", e);
        }
    }

    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql + "\n" + e.getMessage(), e);
        }
    }

    /**
     * Inserts rows into an existing table with one prepared statement (values bound by JDBC, so
     * strings, decimals, dates and doubles arrive exactly); {@code rows} are positional.
     */
    public void insert(String table, int columns, List<List<Object>> rows) {
        String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
        String sql = "INSERT INTO " + table + " VALUES (" + marks + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (List<Object> row : rows) {
                for (int c = 0; c < columns; c++) {
                    ps.setObject(c + 1, row.get(c));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql + "\n" + e.getMessage(), e);
        }
    }

    /** Rows as Java values normalized by {@link Rows#normalize} (SQL arrays become lists). */
    public List<List<Object>> query(String sql) {
        return query(sql, Integer.MAX_VALUE, 0);
    }

    /**
     * A query whose result is only wanted up to a size: reads at most {@code maxRows} rows and
     * throws {@link LimitExceeded} at the next one, and (when {@code timeoutSeconds > 0}) cancels a
     * query still running after that long and throws {@link LimitExceeded} too. Open the oracle with
     * {@code streamResults} so that DuckDB stops computing when the reading stops.
     */
    public List<List<Object>> query(String sql, int maxRows, long timeoutSeconds) {
        try (Statement st = connection.createStatement()) {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ScheduledFuture<?> timer = timeoutSeconds <= 0 ? null
                    : TIMEOUTS.schedule(() -> {
                        cancelled.set(true);
                        try {
                            st.cancel();
                        } catch (SQLException ignored) {
                            // the query ended meanwhile
                        }
                    }, timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<List<Object>> out = new ArrayList<>();
                while (rs.next()) {
                    if (out.size() == maxRows) {
                        throw new LimitExceeded("DuckDB's result has more than " + maxRows + " rows");
                    }
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(javaValue(rs.getObject(i)));
                    }
                    out.add(row);
                }
                return out;
            } catch (SQLException e) {
                if (cancelled.get()) {
                    throw new LimitExceeded("DuckDB had not answered after " + timeoutSeconds + " s");
                }
                throw e;
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql + "\n" + e.getMessage(), e);
        }
    }

    /** A result larger or slower than the caller of {@link #query(String, int, long)} wanted. */
    public static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    /** Cancels queries past their time (one daemon thread for every oracle of the JVM). */
    private static final java.util.concurrent.ScheduledExecutorService TIMEOUTS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "duck-oracle-timeouts");
                t.setDaemon(true);
                return t;
            });

    private static Object javaValue(Object v) throws SQLException {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (Object item : Arrays.asList(items)) {
                list.add(javaValue(item));
            }
            return list;
        }
        return Rows.normalize(v);
    }

    /** Closes the connection after the test class that registered this oracle. */
    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
