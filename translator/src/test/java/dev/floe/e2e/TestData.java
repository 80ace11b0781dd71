package dev.floe.e2e;

import dev.floe.testing.DuckOracle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated orders-like table with nulls in every column, created in DuckDB (the oracle) and
 * handed to Floe as Java columns, so both engines see identical data.
 */
final class TestData {
    static final int ROWS = 20_000;

    static final String CREATE_T = """
            CREATE OR REPLACE TABLE t AS SELECT
              CASE WHEN i % 97 = 0 THEN NULL ELSE i END::BIGINT AS id,
              CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 7919) % 100000) / 100.0 END::DOUBLE AS price,
              CASE WHEN i % 13 = 0 THEN NULL WHEN i % 3 = 0 THEN 'F' WHEN i % 3 = 1 THEN 'O' ELSE 'P' END AS status,
              CASE WHEN i % 17 = 0 THEN NULL ELSE DATE '1992-01-01' + (i % 2500)::INTEGER END AS odate,
              CASE WHEN i % 19 = 0 THEN NULL ELSE (i % 1000)::INTEGER - 500 END::INTEGER AS qty,
              CASE WHEN i % 23 = 0 THEN NULL ELSE ((i % 100000)::DECIMAL(15,2) / 100)::DECIMAL(15,2) END AS amount,
              CASE WHEN i % 29 = 0 THEN NULL ELSE i % 2 = 0 END AS flag
            FROM range(0, ROWS) r(i)
            """.replace("ROWS", Integer.toString(ROWS));

    static final List<String> COLUMNS = List.of("id", "price", "status", "odate", "qty", "amount", "flag");

    private TestData() {
    }

    /** Creates table t in the oracle and returns the same rows as Java columns for fromColumns. */
    static Map<String, List<?>> create(DuckOracle duck) {
        duck.execute(CREATE_T);
        List<List<Object>> rows = duck.query("SELECT id, price, status, odate, qty::INTEGER, amount, flag FROM t");
        Map<String, List<?>> columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                Object v = r.get(c);
                values.add(javaValue(COLUMNS.get(c), v));
            }
            columns.put(COLUMNS.get(c), values);
        }
        return columns;
    }

    /** The oracle normalizes integers to Long; qty goes to Floe as Integer (int32), amount as decimal(15, 2). */
    private static Object javaValue(String column, Object v) {
        if (v == null) {
            return null;
        }
        return switch (column) {
            case "qty" -> ((Long) v).intValue();
            case "amount" -> ((BigDecimal) v).setScale(2);
            default -> v;
        };
    }
}
