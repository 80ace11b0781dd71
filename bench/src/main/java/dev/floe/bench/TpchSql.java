package dev.floe.bench;

import dev.floe.api.types.DataType;
import dev.floe.jobs.tpch.TpchQueries;
import dev.floe.jobs.tpch.TpchSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The standard TPC-H SQL texts shipped in {@code io.trino.tpch} ({@link TpchQueries#sqlStatements}),
 * split into statements, with the few dialect adjustments each peer needs (listed in
 * {@link #ADJUSTMENTS}); nothing else in a text changes.
 *
 * <pre>{@code List<String> statements = TpchSql.statements(15, TpchSql.Dialect.FLINK);}</pre>
 */
final class TpchSql {
    enum Dialect { FLINK, SPARK, DUCKDB }

    /** What is changed in the texts, per dialect (printed with the peer settings). */
    static final Map<Dialect, String> ADJUSTMENTS = Map.of(
            Dialect.FLINK, "Q15 CREATE OR REPLACE VIEW -> CREATE TEMPORARY VIEW; Q20 date('1994-01-01') -> "
                    + "DATE '1994-01-01'; Q11 column alias value -> `value` (reserved word)",
            Dialect.SPARK, "Q15 CREATE OR REPLACE VIEW -> CREATE OR REPLACE TEMPORARY VIEW; Q6 decimal '0.06' -> 0.06 "
                    + "(Spark has no typed decimal literals; the spec's text has plain literals)",
            Dialect.DUCKDB, "none");

    private TpchSql() {
    }

    /** The statements of query n in execution order; the last one returns the result. */
    static List<String> statements(int n, Dialect dialect) {
        List<String> out = new ArrayList<>();
        for (String s : TpchQueries.sqlStatements(n)) {
            out.add(adjust(n, s, dialect));
        }
        return out;
    }

    private static String adjust(int n, String s, Dialect dialect) {
        switch (dialect) {
            case FLINK -> {
                s = s.replace("CREATE OR REPLACE VIEW", "CREATE TEMPORARY VIEW");
                s = s.replaceAll("date\\('(\\d{4}-\\d{2}-\\d{2})'\\)", "DATE '$1'");
                if (n == 11) {
                    s = s.replace("AS value", "AS `value`").replace("value DESC", "`value` DESC");
                }
            }
            case SPARK -> {
                s = s.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMPORARY VIEW");
                s = s.replaceAll("(?i)decimal '(-?[0-9.]+)'", "$1");
            }
            default -> { }
        }
        return s;
    }

    /** {@code (c1 BIGINT, c2 DECIMAL(15, 2), ...)} for a table, in SQL type names. */
    static String columns(String table) {
        StringJoiner cols = new StringJoiner(", ", "(", ")");
        for (Map.Entry<String, DataType> c : TpchSchema.columns(table).entrySet()) {
            cols.add(c.getKey() + " " + sqlType(c.getValue()));
        }
        return cols.toString();
    }

    private static String sqlType(DataType t) {
        if (t.equals(DataType.int64())) {
            return "BIGINT";
        } else if (t.equals(DataType.int32())) {
            return "INT";
        } else if (t.equals(DataType.decimal(15, 2))) {
            return "DECIMAL(15, 2)";
        } else if (t.equals(DataType.date())) {
            return "DATE";
        } else if (t.equals(DataType.string())) {
            return "STRING";
        }
        throw new IllegalArgumentException("No SQL type for " + t);
    }
}
