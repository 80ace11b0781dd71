package dev.floe;

import dev.floe.api.DataFrame;
import dev.floe.sql.SqlSources;
import java.util.List;
import java.util.Map;

/** The session's readers for SQL's files as tables, and its small value tables. */
final class SessionSqlSources implements SqlSources {
    private final Floe floe;

    SessionSqlSources(Floe floe) {
        this.floe = floe;
    }

    @Override
    public DataFrame readParquet(String path) {
        return floe.readParquet(path);
    }

    @Override
    public DataFrame readCsv(String path) {
        return floe.readCsv(path);
    }

    @Override
    public DataFrame readJson(String path) {
        return floe.readJson(path);
    }

    @Override
    public DataFrame fromColumns(Map<String, List<?>> columns) {
        return floe.fromColumns(columns);
    }
}
