package dev.floe.jobs.tpcds;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
        return sql(floe, text, tables);
    }

    /**
     * {@code floe.sql(text, tables)}, looked up at run time while the SQL frontend lands (issue 14):
     * without it every query reports that it does not parse.
     */
    static DataFrame sql(Floe floe, String text, Map<String, DataFrame> tables) {
        Method sql;
        try {
            sql = Floe.class.getMethod("sql", String.class, Map.class);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException("this build has no floe.sql(String, Map) yet (issue 14)");
        }
        try {
            return (DataFrame) sql.invoke(floe, text, tables);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
