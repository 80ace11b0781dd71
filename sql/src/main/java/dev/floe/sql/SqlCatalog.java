package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tables a session's SQL sees by name: DataFrames registered with
 * {@code floe.register(name, df)} and views created with {@code CREATE VIEW}. Names match
 * case-insensitively (as unquoted SQL identifiers do); registering a name that matches an existing
 * one replaces it. Thread-safe.
 *
 * <pre>{@code catalog.register("orders", floe.readParquet("data/orders/*.parquet"));}</pre>
 */
public final class SqlCatalog {
    private final Map<String, DataFrame> tables = new LinkedHashMap<>();

    /** Registers {@code df} as {@code name}, replacing a table of the same (case-insensitive) name. */
    public synchronized void register(String name, DataFrame df) {
        Objects.requireNonNull(df, "df");
        if (name == null || name.isBlank()) {
            throw new PlanException("register(name, df): the table name is empty; pass a name such as \"orders\"");
        }
        String existing = find(name);
        if (existing != null) {
            tables.remove(existing);
        }
        tables.put(name, df);
    }

    /** Removes the table of that (case-insensitive) name; false when there is none. */
    public synchronized boolean unregister(String name) {
        String existing = name == null ? null : find(name);
        return existing != null && tables.remove(existing) != null;
    }

    /** The registered names in the order of registration. */
    public synchronized List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** The table an identifier names: a quoted one by its exact spelling, else ignoring case; or null. */
    synchronized DataFrame lookup(Identifier name) {
        for (Map.Entry<String, DataFrame> e : tables.entrySet()) {
            if (name.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private String find(String name) {
        List<String> names = new ArrayList<>(tables.keySet());
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }
}
