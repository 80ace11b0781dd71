package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Functions;
import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;

/** The catalog statements: CREATE VIEW, DROP VIEW, DESCRIBE and SHOW TABLES. */
final class Statements {
    private Statements() {
    }

    /** Registers the view and returns its DataFrame (nothing runs). */
    static DataFrame createView(CreateView create, QueryBinder queries) {
        Identifier name = Identifier.of(create.getView().getName());
        SqlCatalog catalog = queries.context().catalog();
        if (!create.isOrReplace() && catalog.lookup(name) != null) {
            throw SqlErrors.invalid("a table named '" + name.text() + "' exists; use CREATE OR REPLACE VIEW",
                    Position.of(create.getView()));
        }
        DataFrame df = queries.bind(create.getSelect(), null);
        if (create.getColumnNames() != null && !create.getColumnNames().isEmpty()) {
            List<String> names = new ArrayList<>();
            create.getColumnNames().forEach(c -> names.add(Identifier.of(c.getColumnName()).text()));
            df = QueryBinder.rename(df, names, name.text());
        }
        catalog.register(name.text(), df);
        return df;
    }

    /** Unregisters a view or table; returns SHOW TABLES' result. */
    static DataFrame drop(Drop drop, QueryBinder queries, SqlSources sources) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(java.util.Locale.ROOT);
        if (!type.equals("VIEW") && !type.equals("TABLE")) {
            throw SqlErrors.unsupported("DROP " + drop.getType(), Position.UNKNOWN);
        }
        Identifier name = Identifier.of(drop.getName().getName());
        boolean removed = queries.context().catalog().unregister(name.text());
        if (!removed && !drop.isIfExists()) {
            throw SqlErrors.unknownTable(name.text(), Position.of(drop.getName()), queries.context().tableNames());
        }
        return showTables(queries.context().catalog(), sources);
    }

    /** One row per column: {@code column_name}, {@code column_type} (DuckDB's first two columns). */
    static DataFrame describe(DataFrame df, SqlSources sources) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Field f : df.schema().fields()) {
            names.add(f.name());
            types.add(f.type().toString());
        }
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("column_name", names);
        columns.put("column_type", types);
        return rows(columns, sources);
    }

    static DataFrame describe(DescribeStatement d, QueryBinder queries, SqlSources sources) {
        Identifier name = Identifier.of(d.getTable().getName());
        DataFrame df = queries.context().table(name);
        if (df == null) {
            throw SqlErrors.unknownTable(name.text(), Position.of(d.getTable()), queries.context().tableNames());
        }
        return describe(df, sources);
    }

    /** The catalog's tables and views, sorted: one column {@code name}. */
    static DataFrame showTables(SqlCatalog catalog, SqlSources sources) {
        List<String> names = new ArrayList<>(catalog.tables());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("name", names);
        return rows(columns, sources);
    }

    /**
     * A small table of strings in the given row order (sorted by a position column, then dropped);
     * an empty one is a one-row table filtered to nothing (no types to infer from no values).
     */
    private static DataFrame rows(Map<String, List<?>> columns, SqlSources sources) {
        int n = columns.values().iterator().next().size();
        if (n > 0) {
            Map<String, List<?>> numbered = new LinkedHashMap<>(columns);
            List<Long> position = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                position.add(i);
            }
            numbered.put("__position", position);
            return sources.fromColumns(numbered).sort("__position").exclude("__position");
        }
        Map<String, List<?>> one = new LinkedHashMap<>();
        columns.keySet().forEach(k -> one.put(k, List.of("")));
        return sources.fromColumns(one).where(Functions.lit(false));
    }
}
