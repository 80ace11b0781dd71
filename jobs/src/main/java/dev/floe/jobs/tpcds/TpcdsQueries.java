package dev.floe.jobs.tpcds;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 99 TPC-DS queries through Floe's SQL frontend over the 24 tables of a directory written by
 * {@link TpcdsGenerator} ({@code <dir>/<table>/*.parquet}).
 *
 * <pre>{@code DataFrame q3 = TpcdsQueries.parquet(floe, "data/tpcds-sf1").query(3);}</pre>
 */
public final class TpcdsQueries {
    private final Floe floe;
    private final Map<String, DataFrame> tables;

    private TpcdsQueries(Floe floe, Map<String, DataFrame> tables) {
        this.floe = floe;
        this.tables = tables;
    }

    /** The tables of {@code dir} read as Parquet, named as in the queries. */
    public static TpcdsQueries parquet(Floe floe, String dir) {
        Map<String, DataFrame> tables = new LinkedHashMap<>();
        for (String table : TpcdsSchema.TABLES) {
            tables.put(table, floe.readParquet(dir + "/" + table));
        }
        return new TpcdsQueries(floe, tables);
    }

    /** The tables by name. */
    public Map<String, DataFrame> tables() {
        return tables;
    }

    /** Query {@code n} (1 to 99) as a lazy DataFrame; parse and bind errors are thrown here. */
    public DataFrame query(int n) {
        return sql(TpcdsSchema.query(n));
    }

    /** Any SQL over the 24 tables. */
    public DataFrame sql(String text) {
        return floe.sql(text, tables);
    }
}
