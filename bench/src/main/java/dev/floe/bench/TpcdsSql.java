package dev.floe.bench;

import dev.floe.jobs.tpcds.TpcdsSchema;
import java.util.List;
import java.util.Map;

/**
 * The 99 TPC-DS query texts shipped in floe-jobs ({@link TpcdsSchema#query}: DuckDB's form of the
 * specification's queries with the qualification substitutions), with the few dialect adjustments
 * each peer needs, listed in {@link #ADJUSTMENTS}; nothing else in a text changes.
 *
 * <pre>{@code List<String> statements = TpcdsSql.statements(72, TpchSql.Dialect.FLINK);}</pre>
 */
final class TpcdsSql {
    /** What is changed in the texts, per dialect (printed with the peer settings). */
    static final Map<TpchSql.Dialect, String> ADJUSTMENTS = Map.of(
            TpchSql.Dialect.FLINK, "identifiers in double quotes (aliases such as \"order count\" in Q16, Q32, Q50, Q62, Q92,"
                    + " Q94, Q95, Q99) in backquotes",
            TpchSql.Dialect.SPARK, "identifiers in double quotes (aliases such as \"order count\" in Q16, Q32, Q50, Q62, Q92,"
                    + " Q94, Q95, Q99) in backquotes",
            TpchSql.Dialect.DUCKDB, "none (the texts are DuckDB's)");

    private TpcdsSql() {
    }

    /** Query n as one statement (no trailing semicolon), adjusted for the dialect. */
    static List<String> statements(int n, TpchSql.Dialect dialect) {
        String s = TpcdsSchema.query(n).strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        return List.of(adjust(s, dialect));
    }

    private static String adjust(String s, TpchSql.Dialect dialect) {
        if (dialect == TpchSql.Dialect.DUCKDB) {
            return s;
        }
        // Flink and Spark quote identifiers with backquotes; the texts have no double quotes in string literals
        return s.replaceAll("\"([^\"]*)\"", "`$1`");
    }
}
