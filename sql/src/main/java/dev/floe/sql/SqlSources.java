package dev.floe.sql;

import dev.floe.api.DataFrame;

/**
 * What the SQL frontend needs from a session besides its catalog: files read as tables
 * ({@code FROM 'data/*.parquet'}, {@code read_parquet('...')}, {@code read_csv('...')},
 * {@code read_json('...')}) and small tables of values.
 * {@code dev.floe.Floe} implements it with its own readers, so this module needs {@code floe-api}
 * only.
 */
public interface SqlSources {

    /** Parquet files: a path, directory or glob. */
    DataFrame readParquet(String path);

    /** CSV files with a header row. */
    DataFrame readCsv(String path);

    /** Newline-delimited JSON files. */
    DataFrame readJson(String path);

    /**
     * A small table from Java lists (insertion order = column order): the one row a query without
     * FROM selects from, and the results of DESCRIBE and SHOW TABLES.
     */
    DataFrame fromColumns(java.util.Map<String, java.util.List<?>> columns);
}
