package dev.floe.sql;

import dev.floe.api.DataFrame;
import java.util.Locale;

/** Files as tables: the format from the path's extension, the default table name from its file name. */
final class Files {
    private Files() {
    }

    static String formatOf(String path, Position at) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".parquet") || p.endsWith(".parq")) {
            return "parquet";
        }
        if (p.endsWith(".csv") || p.endsWith(".tsv") || p.endsWith(".csv.gz")) {
            return "csv";
        }
        if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return "json";
        }
        throw SqlErrors.invalid("cannot tell the format of '" + path + "' from its extension; name it with"
                + " read_parquet('...'), read_csv('...') or read_json('...')", at);
    }

    static DataFrame read(SqlSources sources, String format, String path) {
        return switch (format) {
            case "parquet" -> sources.readParquet(path);
            case "csv" -> sources.readCsv(path);
            default -> sources.readJson(path);
        };
    }

    /** {@code data/lineitem/*.parquet} → {@code lineitem}... the last name without glob or extension. */
    static String baseName(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String p = parts[i];
            if (p.isEmpty() || p.contains("*") || p.contains("?")) {
                continue;
            }
            int dot = p.indexOf('.');
            return dot > 0 ? p.substring(0, dot) : p;
        }
        return "file";
    }
}
