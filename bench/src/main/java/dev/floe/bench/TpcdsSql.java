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
                    + " Q94, Q95, Q99) in backquotes; Q27, Q36 an untyped NULL AS <string column> in a UNION branch"
                    + " -> CAST(NULL AS STRING) (Flink's validator: Illegal use of 'NULL'); Q49 the derived table alias"
                    + " CATALOG -> catalog (Flink's identifiers are case-sensitive, the text refers to catalog.item);"
                    + " Q72 d1.d_date + 5 -> d1.d_date + INTERVAL '5' DAY (Flink has no DATE + INTEGER)",
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
        return List.of(adjust(n, s, dialect));
    }

    private static String adjust(int n, String s, TpchSql.Dialect dialect) {
        if (dialect == TpchSql.Dialect.DUCKDB) {
            return s;
        }
        if (dialect == TpchSql.Dialect.FLINK && (n == 27 || n == 36)) {
            // the NULLs stand for the string columns of the other UNION branches (s_state, i_item_id, i_class, i_category)
            s = s.replaceAll("\\bNULL AS (\\w+)", "CAST(NULL AS STRING) AS $1");
        }
        if (dialect == TpchSql.Dialect.FLINK && n == 49) {
            s = s.replace(") CATALOG", ") catalog");
        }
        if (dialect == TpchSql.Dialect.FLINK && n == 72) {
            s = s.replace("d1.d_date + 5", "d1.d_date + INTERVAL '5' DAY");
        }
        // Flink and Spark quote identifiers with backquotes; the texts have no double quotes in string literals
        return s.replaceAll("\"([^\"]*)\"", "`$1`");
    }
}
