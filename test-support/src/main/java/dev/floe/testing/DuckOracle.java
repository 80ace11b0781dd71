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
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
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
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(javaValue(rs.getObject(i)));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql + "\n" + e.getMessage(), e);
        }
    }

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
