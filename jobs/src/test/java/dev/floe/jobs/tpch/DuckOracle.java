package dev.floe.jobs.tpch;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB (in-process, JDBC) as the correctness oracle: the same query over the same data must
 * give the same rows. Runs with one thread and a 1 GB memory limit, a fresh statement per query.
 */
public final class DuckOracle implements AutoCloseable {
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

    /** Rows as Java values normalized by {@link Rows#normalize}. */
    public List<List<Object>> query(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date d) {
                        v = d.toLocalDate();
                    } else if (v instanceof java.sql.Timestamp t) {
                        v = t.toLocalDateTime();
                    } else if (v instanceof BigDecimal b) {
                        v = b;
                    }
                    row.add(Rows.normalize(v));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql + "\n" + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
