package dev.floe.bench;

import dev.floe.api.types.DataType;
import dev.floe.jobs.tpcds.TpcdsSchema;
import dev.floe.jobs.tpch.TpchSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The benchmark's query sets over Parquet directories of one sub-directory per table: TPC-H (22
 * queries, {@link TpchSql}) and TPC-DS (99 queries, {@link TpcdsSql}); each peer runs the same
 * texts with the dialect adjustments the suite lists.
 *
 * <pre>{@code List<String> statements = Suite.TPCDS.statements(14, TpchSql.Dialect.SPARK);}</pre>
 */
enum Suite {
    TPCH("TPC-H", 22),
    TPCDS("TPC-DS", 99);

    final String title;
    final int queries;

    Suite(String title, int queries) {
        this.title = title;
        this.queries = queries;
    }

    /** {@code tpch} or {@code tpcds}, case-insensitive. */
    static Suite of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT).replace("-", "")) {
            case "tpch" -> TPCH;
            case "tpcds" -> TPCDS;
            default -> throw new IllegalArgumentException("Unknown suite '" + name + "': tpch or tpcds");
        };
    }

    List<String> tables() {
        return this == TPCH ? TpchSchema.TABLES : TpcdsSchema.TABLES;
    }

    /** The statements of query n in execution order; the last one returns the result. */
    List<String> statements(int n, TpchSql.Dialect dialect) {
        return this == TPCH ? TpchSql.statements(n, dialect) : TpcdsSql.statements(n, dialect);
    }

    /** What is changed in the texts for a peer (printed with its settings). */
    String adjustments(TpchSql.Dialect dialect) {
        return this == TPCH ? TpchSql.ADJUSTMENTS.get(dialect) : TpcdsSql.ADJUSTMENTS.get(dialect);
    }

    /**
     * {@code (c1 INT, c2 DECIMAL(7, 2), ...)}: a table's columns in SQL type names (Flink's DDL),
     * the specification's types. Floe's writer stores a decimal of 9 digits or fewer as a Parquet
     * INT32 (since 0881fde; files written before hold INT64 there, which Flink's Parquet reader
     * refuses for a DECIMAL of precision 9 or less with "Unexpected type: INT64": regenerate them).
     */
    String columns(String table) {
        if (this == TPCH) {
            return TpchSql.columns(table);
        }
        StringJoiner cols = new StringJoiner(", ", "(", ")");
        TpcdsSchema.schema(table).fields().forEach(f -> cols.add(f.name() + " " + sqlType(f.type())));
        return cols.toString();
    }

    /** 1 to the number of queries. */
    List<Integer> all() {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= queries; i++) {
            out.add(i);
        }
        return out;
    }

    private static String sqlType(DataType t) {
        if (t instanceof DataType.Decimal d) {
            return "DECIMAL(" + d.precision() + ", " + d.scale() + ")";
        }
        return switch (t.kind()) {
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case DATE -> "DATE";
            case STRING -> "STRING";
            default -> throw new IllegalArgumentException("No SQL type for " + t);
        };
    }
}
